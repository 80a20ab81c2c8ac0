/**
 * A group of a vendor's enquiries made into an FAQ entry, or attached to one: thousands of
 * callers' own long questions are its phrasings. They are recorded in events of at most
 * EVENT_ITEM_BYTES of them each (decision 065), never one event over the sync server's 1 MiB
 * per record, which the sender would set aside; the entry folds to the same variants and links.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { EVENT_ITEM_BYTES } from '../events/pieces';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import type { AnyDraft } from '../events/registry';
import { attachGroup, draftEntry } from './commands';
import { faqEvents, faqProjection } from './events';
import type { Group } from './grouping';

const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).byteLength;
const stamp = (drafts: AnyDraft[], from: number): HonbuEvent[] => drafts.map((d, i) => ({ ...d, id: `e${from + i}`, at: `2026-12-07T10:00:${String(from + i).padStart(2, '0')}.000Z`, actor: 'p1' }) as unknown as HonbuEvent);

/** 3,000 callers, each asking in their own words (about 250 characters): about 2.3 MB of questions. */
const ids = Array.from({ length: 3_000 }, (_, i) => `0190a1b2-c3d4-7e5f-8a9b-${i.toString(16).padStart(12, '0')}`);
const questions = new Map(ids.map((id, i) => [id, `${i}件目：届いた書面について、自分の情報のうち何が漏えいしたのか、クレジットカード番号は含まれているのかとのお問い合わせ。`.padEnd(250, '詳細確認中。')]));
const group: Group = { id: 'g1', memberIds: ids, label: 'カード番号は漏れたか', labelId: ids[0]!, terms: [] };
/** A few of them moved away from their group at some time (decision 030). */
const away = new Map(ids.filter((_, i) => i % 100 === 0).map((id, i) => [id, `2026-12-06T0${i % 3}:00:00.000Z`]));
/** Where each was when attached, as the entry keeps it: since when it was away, '' at home. */
const from = Object.fromEntries(ids.map((id) => [id, away.get(id) ?? '']));

function check(drafts: AnyDraft[]) {
  for (const d of drafts) {
    expect(bytes(d.payload)).toBeLessThan(EVENT_ITEM_BYTES + 4096);
    const schema = faqEvents[d.type as keyof typeof faqEvents];
    expect(v.safeParse(schema, d.payload).success, d.type).toBe(true);
  }
}

describe('a large group of long questions, in pieces', () => {
  it('attached to an entry: several events, each within the bound; the entry holds every phrasing and every enquiry, with where each was', () => {
    const made = draftEntry(testContext(), null, { incidentId: 'i1', text: { question: 'カード番号は漏れましたか', answer: 'いいえ。', category: '' } });
    if (!made.ok) throw new Error('refused');
    const drafted = stamp(made.events, 0);
    const entry = foldAll(faqProjection, drafted).get(made.value)!;
    const r = attachGroup(testContext(), entry, { group, questions, away });
    if (!r.ok) throw new Error('refused');
    expect(bytes(r.events.map((e) => e.payload))).toBeGreaterThan(1024 * 1024);
    expect(r.events.length).toBeGreaterThan(4);
    check(r.events);
    const folded = foldAll(faqProjection, [...drafted, ...stamp(r.events, 10)]).get(made.value)!;
    expect(new Set(folded.variants.map((x) => x.text))).toEqual(new Set(questions.values()));
    expect(folded.linkedEnquiryIds).toEqual([...ids].sort());
    expect(folded.linkedFrom).toEqual(from);
  });

  it('made into a new entry: its phrasings beyond one piece go as further variants; every one is the entry’s', () => {
    const variants = [...new Set(questions.values())];
    const r = draftEntry(testContext(), null, { incidentId: 'i1', text: { question: 'カード番号は漏れましたか', answer: 'いいえ。', category: '', variants }, enquiryIds: ids, away });
    if (!r.ok) throw new Error('refused');
    expect(r.events[0]!.type).toBe('faq.entry-drafted');
    expect(r.events.length).toBeGreaterThan(4);
    check(r.events);
    const folded = foldAll(faqProjection, stamp(r.events, 0)).get(r.value)!;
    expect(new Set(folded.variants.map((x) => x.text))).toEqual(new Set(variants));
    expect(folded.linkedEnquiryIds).toEqual([...ids].sort());
    expect(folded.linkedFrom).toEqual(from);
  });

  it('a small group is one event, as before', () => {
    const r = draftEntry(testContext(), null, { incidentId: 'i1', text: { question: 'q', answer: 'a', category: '', variants: ['x', 'y'] }, enquiryIds: ['a', 'b'] });
    if (!r.ok) throw new Error('refused');
    expect(r.events.map((e) => e.type)).toEqual(['faq.entry-drafted', 'faq.variants-added']);
    expect(r.events[0]!.payload).toMatchObject({ variants: ['x', 'y'] });
    expect(r.events[1]!.payload).toEqual({ entryId: r.value, questions: [], enquiryIds: ['a', 'b'] });
    const none = draftEntry(testContext(), null, { incidentId: 'i1', text: { question: 'q', answer: 'a', category: '' } });
    expect(none.ok && none.events.map((e) => e.type)).toEqual(['faq.entry-drafted']);
  });
});
