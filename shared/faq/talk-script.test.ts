import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { formatReference, parseReference, referenceNumber } from '../contacts/reference';
import { foldAll } from '../events/projection';
import type { HonbuEvent } from '../events/event';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import type { LetterVariant } from '../letters/events';
import { BUILT_IN_DEFAULT } from '../letters/variants';
import { faqProjection } from './events';
import { enquiryFieldsSchema } from './model';
import {
  escalationEnquiry,
  noWayBack,
  isOwnVariant,
  letterState,
  referenceOutcome,
  scriptEntries,
  scriptStep,
  segmentAnswer,
  talkCustomer,
  type HistoryLike,
  type ReferenceTargetLike,
} from './talk-script';

const facts: Facts = { ...EMPTY_FACTS, confirmedCount: 1200, maxCount: 3000, itemsLeaked: ['name', 'address', 'birthDate', 'email'], itemsNotLeaked: ['creditCard'] };
const standard: LetterVariant = { ...BUILT_IN_DEFAULT, name: '標準', items: ['name', 'address', 'email'] };
const kids: LetterVariant = { variantId: 'v-kids', name: '生年月日を含む', segments: ['Kids講座'], items: ['name', 'address', 'birthDate'], addressee: 'guardian' };

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/-/g, '－');

/** The lookup's reading of a typed number, as the contact engine gives it (found when the list is here and long enough). */
function target(typed: string, here: Map<number, number>): ReferenceTargetLike {
  const p = parseReference(typed);
  if (!p.ok) return { kind: 'mistyped', problem: p.problem };
  const rows = here.get(p.listNo);
  if (rows === undefined) return p.listNo === 2 ? { kind: 'not-here', listNo: 2 } : { kind: 'unknown' };
  return p.row < rows ? { kind: 'found' } : { kind: 'unknown' };
}

describe('the reference number a caller reads out', () => {
  const lists = new Map([[1, 40]]);
  const ref = referenceNumber(1, 5);

  it('typed full-width with dashes, it finds the customer', () => {
    const typed = fullWidth(formatReference(ref));
    expect(typed).toMatch(/^[０-９]{4}－/);
    expect(referenceOutcome(target(typed, lists), typed)).toBeNull();
  });

  it('two digits swapped: the check digit refuses it and the script asks for the number again', () => {
    const swapped = ref[8] === ref[9] ? ref.slice(0, 10) + String((Number(ref[10]) + 1) % 10) : ref.slice(0, 8) + ref[9] + ref[8] + ref.slice(10);
    const out = referenceOutcome(target(swapped, lists), swapped)!;
    expect(out).toEqual({ kind: 'mistyped', problem: 'check' });
    expect(scriptStep(out)).toEqual({ line: 'askAgainCheck', escalate: false });
  });

  it('still being typed is not a mistake; a digit too many or a letter is, each with what to ask', () => {
    expect(referenceOutcome(target('0100-0001', lists), '0100-0001')).toEqual({ kind: 'waiting' });
    expect(scriptStep({ kind: 'waiting' }).line).toBe('identify');
    const long = ref + '1';
    expect(scriptStep(referenceOutcome(target(long, lists), long)!).line).toBe('askAgainLength');
    expect(scriptStep(referenceOutcome(target('0100-0001-2a4', lists), '0100-0001-2a4')!).line).toBe('askAgainDigits');
  });

  it('typed with O for 0 and I for 1: found when right, and a digit too many is still said (not "still typing")', () => {
    const typed = formatReference(ref).replace(/0/g, 'O').replace(/1/g, 'I');
    expect(referenceOutcome(target(typed, lists), typed)).toBeNull();
    const long = typed + 'O';
    expect(referenceOutcome(target(long, lists), long)).toEqual({ kind: 'mistyped', problem: 'length' });
  });

  it('a list of the incident not on this laptop: says so and offers the callback', () => {
    const other = referenceNumber(2, 3);
    const out = referenceOutcome(target(other, lists), other)!;
    expect(out).toEqual({ kind: 'not-here', listNo: 2 });
    expect(scriptStep(out)).toEqual({ line: 'notHere', escalate: true });
  });

  it('a well-formed number of nobody, or a name search with no hit: "お調べした範囲では" and the callback', () => {
    const nobody = referenceNumber(1, 400);
    expect(scriptStep(referenceOutcome(target(nobody, lists), nobody)!)).toEqual({ line: 'notFound', escalate: true });
    expect(scriptStep({ kind: 'none' })).toEqual({ line: 'notFound', escalate: true });
    expect(scriptStep({ kind: 'several', count: 3 })).toEqual({ line: 'several', escalate: false });
  });
});

describe('the answer for the customer\'s segment', () => {
  it('found with a variant: that segment\'s items, and what leaked only for others said not to have leaked for them', () => {
    // Written full-width in the list: still the Kids講座 segment.
    const a = segmentAnswer(facts, [standard, kids], 'ＫＩＤＳ講座');
    expect(a.variant?.name).toBe('生年月日を含む');
    expect(isOwnVariant(a)).toBe(true);
    expect(a.leaked).toEqual(['name', 'address', 'birthDate']);
    expect(a.notLeaked).toEqual(['email', 'creditCard']);
    expect([a.confirmedCount, a.maxCount]).toEqual([1200, 3000]);
    expect(scriptStep({ kind: 'found', customer: { segment: 'ＫＩＤＳ講座', row: 1, letterRow: 1, letter: { kind: 'none' } } }, a)).toEqual({ line: 'answer', escalate: false });
  });

  it('the other segment gets the default\'s items, not the variant\'s', () => {
    const a = segmentAnswer(facts, [standard, kids], '通販');
    expect(a.variant?.name).toBe('標準');
    expect(isOwnVariant(a)).toBe(false);
    expect(a.leaked).toEqual(['name', 'address', 'email']);
    expect(a.leaked).not.toContain('birthDate');
    expect(a.notLeaked).toEqual(['birthDate', 'creditCard']);
  });

  it('found without any variant (none saved, or a blank segment on the default): the incident\'s own facts', () => {
    for (const variants of [null, [], [BUILT_IN_DEFAULT]]) {
      const a = segmentAnswer(facts, variants, '');
      expect(a.variant).toBeNull();
      expect(a.leaked).toEqual(['name', 'address', 'birthDate', 'email']);
      expect(a.notLeaked).toEqual(['creditCard']);
    }
  });

  it('a variant claiming an item the facts do not establish: the item is not said, and the script escalates', () => {
    const claims: LetterVariant = { ...kids, items: ['name', 'gender'] };
    const a = segmentAnswer(facts, [standard, claims], 'Kids講座');
    expect(a.leaked).toEqual(['name']);
    expect(a.unconfirmed).toEqual(['gender']);
    expect(a.notLeaked).not.toContain('gender');
    expect(scriptStep({ kind: 'found', customer: { segment: 'Kids講座', row: 0, letterRow: 0, letter: { kind: 'none' } } }, a)).toEqual({ line: 'answerUnsure', escalate: true });
    // An item the facts say did not leak is never said to have leaked.
    const wrong = segmentAnswer(facts, [{ ...kids, items: ['name', 'creditCard'] }], 'Kids講座');
    expect(wrong.leaked).toEqual(['name']);
    expect(wrong.unconfirmed).toEqual(['creditCard']);
    // No item established at all (the facts not filled in yet): nothing to say but a callback.
    const empty = segmentAnswer({ ...facts, itemsLeaked: [] }, null, '通販');
    expect(empty.leaked).toEqual([]);
    expect(scriptStep({ kind: 'found', customer: { segment: '通販', row: 0, letterRow: 0, letter: { kind: 'none' } } }, empty)).toEqual({ line: 'answerUnsure', escalate: true });
  });
});

let clock = 0;
function h(type: string, payload: Record<string, unknown>, extra: Partial<HistoryLike> = {}): HistoryLike {
  clock++;
  return { event: { type, at: String(clock).padStart(4, '0'), payload: { datasetId: 'd1', ...payload } }, undone: false, ...extra };
}

describe('the letter\'s state for the customer', () => {
  it('in a post batch, sent, returned — and sent again after a return', () => {
    const created = h('contacts.batch-created', { batchId: 'b1', channel: 'post', rows: [3] });
    const sent = h('contacts.batch-sent', { batchId: 'b1', sentAt: '2026-12-01' });
    const back = h('contacts.outcomes-recorded', { channel: 'post', rows: [3] }, { outcome: 'failed' });
    expect(letterState([])).toEqual({ kind: 'none' });
    expect(letterState([created])).toEqual({ kind: 'preparing' });
    expect(letterState([created, sent])).toEqual({ kind: 'sent', at: sent.event.at });
    expect(letterState([created, sent, back])).toEqual({ kind: 'returned', at: back.event.at });
    const again = h('contacts.batch-created', { batchId: 'b2', channel: 'post', rows: [3] });
    const sent2 = h('contacts.batch-sent', { batchId: 'b2', sentAt: '2026-12-03' });
    expect(letterState([created, sent, back, again, sent2])).toEqual({ kind: 'sent', at: sent2.event.at });
  });

  it('an undone return, a cancelled batch and another channel\'s batch count for nothing', () => {
    const created = h('contacts.batch-created', { batchId: 'b1', channel: 'post', rows: [3] });
    const sent = h('contacts.batch-sent', { batchId: 'b1', sentAt: '2026-12-01' });
    const undoneBack = h('contacts.outcomes-recorded', { channel: 'post', rows: [3] }, { outcome: 'failed', undone: true });
    expect(letterState([created, sent, undoneBack])).toEqual({ kind: 'sent', at: sent.event.at });
    const cancelled = h('contacts.batch-cancelled', { batchId: 'b1', channel: 'post', rows: [3] });
    expect(letterState([created, cancelled])).toEqual({ kind: 'none' });
    const mail = h('contacts.batch-created', { batchId: 'm1', channel: 'email', rows: [3] });
    const mailSent = h('contacts.batch-sent', { batchId: 'm1', sentAt: '2026-12-01' });
    expect(letterState([mail, mailSent])).toEqual({ kind: 'none' });
  });

  it('a record 名寄せ merged into another shows the letter it shared: that record\'s batch, and its own return', () => {
    const created = h('contacts.batch-created', { batchId: 'b1', channel: 'post', rows: [7] });
    const sent = h('contacts.batch-sent', { batchId: 'b1', sentAt: '2026-12-01' });
    // The merged-away record (row 12) was never in a batch: its own history has no letter.
    const own = { segment: '通販', row: 12, history: [] as HistoryLike[] };
    expect(talkCustomer(own).letter).toEqual({ kind: 'none' });
    const c = talkCustomer(own, { row: 7, history: [created, sent] });
    expect(c).toEqual({ segment: '通販', row: 12, letterRow: 7, letter: { kind: 'sent', at: sent.event.at } });
    // The letter came back: the return was fanned out to both records.
    const back = h('contacts.outcomes-recorded', { channel: 'post', rows: [12] }, { outcome: 'failed' });
    expect(talkCustomer({ ...own, history: [back] }, { row: 7, history: [created, sent] }).letter).toEqual({ kind: 'returned', at: back.event.at });
  });

  it('a letter another list printed is that list\'s, even at the same row number', () => {
    const created = h('contacts.batch-created', { batchId: 'b2', channel: 'post', rows: [12] });
    const sent = h('contacts.batch-sent', { batchId: 'b2', sentAt: '2026-12-01' });
    const own = { datasetId: 'A', segment: '通販', row: 12, history: [] as HistoryLike[] };
    expect(talkCustomer(own, { datasetId: 'B', row: 12, history: [created, sent] })).toEqual({ segment: '通販', row: 12, letterRow: 12, letterList: 'B', letter: { kind: 'sent', at: sent.event.at } });
    // Its own list's letter: no other list named.
    expect(talkCustomer(own, { datasetId: 'A', row: 12, history: [created, sent] })).toEqual({ segment: '通販', row: 12, letterRow: 12, letter: { kind: 'none' } });
  });
});

function ev(at: string, type: string, payload: unknown): HonbuEvent {
  return { id: `${type}-${at}`, incidentId: 'i1', at, actor: 'boss', type, payload };
}

describe('the answers the script reads out', () => {
  it('approved and current only: a draft, a retired and a stale answer are left out', () => {
    const answer = '漏えいした項目は{{itemsLeaked}}です。';
    const events = [
      ev('001', 'faq.entry-drafted', { entryId: 'ok', question: '何が漏れましたか', variants: [], category: '', answer }),
      ev('002', 'faq.entry-approved', { entryId: 'ok', version: 1, factsSnapshot: { itemsLeaked: facts.itemsLeaked } }),
      ev('003', 'faq.entry-drafted', { entryId: 'draft', question: '下書き', variants: [], category: '', answer: '確認中' }),
      ev('004', 'faq.entry-drafted', { entryId: 'stale', question: '件数は', variants: [], category: '', answer: '{{confirmedCount}}件です。' }),
      ev('005', 'faq.entry-approved', { entryId: 'stale', version: 1, factsSnapshot: { confirmedCount: 900 } }),
      ev('006', 'faq.entry-drafted', { entryId: 'gone', question: '古い', variants: [], category: '', answer: 'A' }),
      ev('007', 'faq.entry-approved', { entryId: 'gone', version: 1, factsSnapshot: {} }),
      ev('008', 'faq.entry-retired', { entryId: 'gone', reason: 'x' }),
    ];
    const entries = [...foldAll(faqProjection, events).values()];
    expect(entries).toHaveLength(4);
    expect(scriptEntries(entries, facts).map((e) => e.id)).toEqual(['ok']);
  });
});

describe('the escalation', () => {
  const at = '2026-12-02T10:00:00.000Z';
  it('logs the question with escalate set and the customer\'s number; nothing else of the caller', () => {
    const f = escalationEnquiry({ question: '  子どもの情報も漏れたのか知りたい ', customerNo: 'K0005', reference: '0100-0006-123', operator: '佐藤', at });
    expect(f).toEqual({
      channel: 'phone',
      caller: { name: '', phone: '', email: '', customerNo: 'K0005' },
      question: '子どもの情報も漏れたのか知りたい',
      answerEntryId: null,
      answerText: '',
      escalate: true,
      operator: '佐藤',
      durationSec: 0,
      tags: [],
      at,
    });
  });

  it('nobody found: the 照会番号 read out is kept with the enquiry (it survives the event schema) with the callback the operator took', () => {
    const f = escalationEnquiry({ question: '番号で見つからない', reference: '０２００－０００４－１１１', name: '髙橋 﨑子', phone: '090-1234-5678', operator: '佐藤', at });
    expect(f.caller).toEqual({ name: '髙橋 﨑子', phone: '090-1234-5678', email: '', reference: '０２００－０００４－１１１' });
    const parsed = v.parse(enquiryFieldsSchema, f);
    expect(parsed.caller.reference).toBe('０２００－０００４－１１１');
    expect(parsed.escalate).toBe(true);
  });

  it('a call back needs a way back: the customer, a 照会番号 that reads as one, or a phone number', () => {
    expect(noWayBack({})).toBe(true);
    expect(noWayBack({ customerNo: '  ', reference: ' ', phone: '　' })).toBe(true);
    expect(noWayBack({ reference: '0100-0006' })).toBe(true); // half a number leads nowhere
    expect(noWayBack({ customerNo: 'K0005' })).toBe(false);
    expect(noWayBack({ reference: formatReference(referenceNumber(2, 3)) })).toBe(false);
    expect(noWayBack({ phone: '090-1234-5678' })).toBe(false);
  });
});
