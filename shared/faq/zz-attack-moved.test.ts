import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import * as commands from './commands';
import { enquiriesProjection, faqProjection } from './events';
import { unanswered, type Group } from './grouping';
import { kpiEnquiries } from './kpis';
import { answeredEnquiryIds, linkedNow, movedAt, type Enquiry, type FaqEntry } from './model';
import { Moves, withMoves } from './moved-groups';

const ev = (at: string, type: string, payload: unknown, incidentId = 'i1'): HonbuEvent => ({ id: `${type}-${at}-${incidentId}`, incidentId, at, actor: 'p1', type, payload });
const logged = (id: string, at: string, question: string, incidentId = 'i1') => ev(at, 'faq.enquiry-logged', { enquiryId: id, channel: 'phone', caller: { name: '', phone: '', email: '', customerNo: '' }, question, answerEntryId: null, answerText: '', escalate: false, operator: '', durationSec: 0, tags: [], at: `2026-11-20T01:00:${at.slice(-2)}.000Z` }, incidentId);
const regroup = (id: string, at: string, groupWith: string | null, incidentId = 'i1') => ev(at, 'faq.enquiry-regrouped', { enquiryId: id, groupWith }, incidentId);
const drafted = ev('001', 'faq.entry-drafted', { entryId: 'e1', question: 'カード情報は漏れましたか', variants: [], category: 'カード', answer: 'x' });
const attach = (at: string, ids: string[]) => ev(at, 'faq.variants-added', { entryId: 'e1', questions: [], enquiryIds: ids });
const retire = (at: string) => ev(at, 'faq.entry-retired', { entryId: 'e1', reason: 'wrong' });

const LOG = [logged('q1', '010', 'カード番号は漏れた？'), logged('q2', '011', 'ポイントは使えますか'), logged('q2b', '012', 'ポイントは使えますか'), logged('q3', '013', '解約したい')];
// Automatic grouping: the card group holds q1, q2, q2b; q3 alone.
const AUTO: Group[] = [
  { id: 'q1', memberIds: ['q1', 'q2', 'q2b'], label: 'カード番号は漏れた？', labelId: 'q1', terms: [] },
  { id: 'q3', memberIds: ['q3'], label: '解約したい', labelId: 'q3', terms: [] },
];
function state(events: HonbuEvent[], log = LOG) {
  const entries = [...foldAll(faqProjection, events).values()];
  const enquiries = [...foldAll(enquiriesProjection, [...log, ...events]).values()];
  const moves = new Moves(enquiries.map((e) => ({ id: e.id, text: e.question, at: e.at, groupWith: e.groupWith, movedAt: e.stamps['groupWith'] })));
  const groups = withMoves(AUTO, moves);
  const answered = answeredEnquiryIds(entries, enquiries);
  return { entries, enquiries, groups, answered, unans: unanswered(groups, answered).map((g) => g.memberIds) };
}
const base = [drafted, attach('020', ['q1', 'q2', 'q2b'])];

describe('attack', () => {
  it('A words-follow: q2b follows q2 out, still answered, q3 group vanishes from unanswered', () => {
    const s = state([...base, regroup('q2', '030', 'q3')]);
    console.log('A groups', s.groups.map((g) => g.memberIds), 'answered', [...s.answered], 'unanswered', s.unans);
    expect(s.unans).toContainEqual(expect.arrayContaining(['q3']));
  });
  it('B put back (null) into the entry group: undo is not undo', () => {
    const s = state([...base, regroup('q2', '030', 'q3'), regroup('q2', '040', null)]);
    console.log('B groups', s.groups.map((g) => g.memberIds), 'answered', [...s.answered]);
    expect(s.answered.has('q2')).toBe(true);
  });
  it('B2 a one-question entry moved out and put back: its group returns to unanswered', () => {
    const log = [logged('q1', '010', 'カード番号は漏れた？')];
    const events = [drafted, attach('020', ['q1']), regroup('q1', '030', 'g:k'), regroup('q1', '040', null)];
    const entries = [...foldAll(faqProjection, events).values()];
    const enquiries = [...foldAll(enquiriesProjection, [...log, ...events]).values()];
    const answered = answeredEnquiryIds(entries, enquiries);
    const groups = withMoves([{ id: 'q1', memberIds: ['q1'], label: 'l', labelId: 'q1', terms: [] }], new Moves(enquiries.map((e) => ({ id: e.id, text: e.question, at: e.at, groupWith: e.groupWith, movedAt: e.stamps['groupWith'] }))));
    console.log('B2 unanswered', unanswered(groups, answered).map((g) => g.memberIds));
    expect(unanswered(groups, answered)).toEqual([]);
  });
  it('C re-attaching a moved-out question via the attach form is refused (already in linkedEnquiryIds)', () => {
    const s = state([...base, regroup('q2', '030', 'g:own')]);
    const own = s.groups.find((g) => g.memberIds.includes('q2'))!;
    console.log('C own group', own.memberIds, 'unanswered', s.unans);
    const r = commands.attachGroup(testContext(), s.entries[0]!, { group: own, questions: new Map(s.enquiries.map((e) => [e.id, e.question])) });
    console.log('C attachGroup', JSON.stringify(r));
    expect(r.ok).toBe(true);
  });
  it('D stale attach race: B moves q2 out at 025 unseen by A, A attaches {q1,q2} at 030', () => {
    const s = state([drafted, regroup('q2', '025', 'q3'), attach('030', ['q1', 'q2'])]);
    console.log('D groups', s.groups.map((g) => g.memberIds), 'unanswered', s.unans);
  });
  it('E legacy row (no linkedAt): a made group g: whose members were moved BEFORE attaching', () => {
    const events = [drafted, regroup('q2', '015', 'g:m'), regroup('q3', '016', 'g:m'), attach('020', ['q2', 'q3'])];
    const fresh = state(events);
    const legacy = { ...fresh.entries[0]! } as FaqEntry;
    delete (legacy as { linkedAt?: unknown }).linkedAt;
    const old = answeredEnquiryIds([legacy], fresh.enquiries);
    console.log('E fresh answered', [...fresh.answered], 'legacy answered', [...old], 'legacy unanswered', unanswered(fresh.groups, old).map((g) => g.memberIds));
    expect(old).toEqual(fresh.answered);
  });
  it('F malicious regroup from incident i2 arriving before the log (arrival order)', () => {
    const events = [...base];
    const entries = [...foldAll(faqProjection, events).values()];
    const evil = regroup('q1', '099', 'g:evil', 'i2');
    const enquiries = [...foldAll(enquiriesProjection, [evil, ...LOG]).values()];
    const q1 = enquiries.find((e) => e.id === 'q1')!;
    console.log('F q1', q1.incidentId, q1.groupWith, q1.stamps);
    const after = [...foldAll(enquiriesProjection, [...LOG, evil]).values()].find((e) => e.id === 'q1')!;
    console.log('F after-log q1', after.groupWith, after.stamps.groupWith);
    expect(answeredEnquiryIds(entries, enquiries).has('q1')).toBe(true);
  });
  it('G order, duplicates, retire, answered on the call, moved then re-attached', () => {
    const evs = [...base, regroup('q2', '030', 'q3'), attach('040', ['q2'])];
    const perms = [evs, [...evs].reverse(), [...evs, ...evs], [evs[3]!, evs[2]!, evs[0]!, evs[1]!, evs[2]!]];
    for (const p of perms) expect(state(p).answered).toEqual(state(evs).answered);
    console.log('G retired', [...state([...base, retire('050')]).answered]);
    const s = state([...base, regroup('q2', '030', 'q3')]);
    const e2 = s.enquiries.map((q) => (q.id === 'q2' ? { ...q, answerEntryId: 'e1' } : q));
    expect(answeredEnquiryIds(s.entries, e2).has('q2')).toBe(true);
    const used = state([...base, ev('025', 'faq.answer-used', { entryId: 'e1', enquiryId: 'q2' }), regroup('q2', '030', 'q3')]);
    console.log('G used then moved answered', [...used.answered]);
    const k = kpiEnquiries(s.enquiries, s.entries);
    console.log('G kpi cats', k.map((x) => [x.id ?? '', (x as unknown as { category: string }).category]));
  });
});

describe('perf', () => {
  it('100k enquiries, 1k entries', () => {
    const N = 100_000, E = 1000;
    const enquiries: Enquiry[] = [];
    for (let i = 0; i < N; i++) {
      const id = `q${i}`;
      const stamps: Record<string, string> = i % 10 === 0 ? { groupWith: `0001732291200${String(500 + (i % 1000)).padStart(3, '0')}-0000-n` } : {};
      enquiries.push({ id, incidentId: 'i1', channel: 'phone', caller: { name: '', phone: '', email: '' }, question: 'x', answerEntryId: i % 7 === 0 ? 'e1' : null, answerText: '', escalate: false, operator: '', durationSec: 0, tags: [], at: '', loggedAt: '', loggedBy: '', updatedAt: '', stamps } as Enquiry);
    }
    const entries: FaqEntry[] = [];
    for (let j = 0; j < E; j++) {
      const ids = Array.from({ length: 100 }, (_, k) => `q${j * 100 + k}`).sort();
      entries.push({ id: `e${j}`, incidentId: 'i1', versions: [{ version: 1, question: 'q', answer: 'a', category: 'c', at: '1', actor: 'p' }], variants: [], linkedEnquiryIds: ids, linkedAt: Object.fromEntries(ids.map((id) => [id, '0001732291200700-0000-n'])), approval: { version: 1, factsSnapshot: {}, at: '1', actor: 'p' }, retired: null, state: 'approved', usedBy: [], createdAt: '', createdBy: '', updatedAt: '' });
    }
    let t = performance.now();
    const a = answeredEnquiryIds(entries, enquiries);
    console.log('answeredEnquiryIds ms', (performance.now() - t).toFixed(1), a.size);
    t = performance.now();
    kpiEnquiries(enquiries, entries);
    console.log('kpiEnquiries ms', (performance.now() - t).toFixed(1));
    // CallbacksPanel ClosedCallbacks: entryOf per closed callback
    t = performance.now();
    const moved = movedAt(enquiries);
    const entryOf = (id: string) => entries.find((e) => linkedNow(e, moved).includes(id));
    for (let c = 0; c < 500; c++) entryOf(`q${N - 1 - c}`);
    console.log('CallbacksPanel entryOf x500 (unlinked ids, worst) ms', (performance.now() - t).toFixed(1));
    t = performance.now();
    for (let c = 0; c < 500; c++) entries.find((e) => e.linkedEnquiryIds.includes(`q${N - 1 - c}`));
    console.log('old entryOf x500 ms', (performance.now() - t).toFixed(1));
    // fold: 2000 attach events of 50 ids to one entry
    const evs: HonbuEvent[] = [drafted];
    for (let i = 0; i < 2000; i++) evs.push(attach(String(100000 + i), Array.from({ length: 50 }, (_, k) => `z${i * 50 + k}`)));
    t = performance.now();
    foldAll(faqProjection, evs);
    console.log('fold 2000 attaches x50 ids into one entry ms', (performance.now() - t).toFixed(1));
  });
});
