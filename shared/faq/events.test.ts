import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import type { CommandResult, Problem } from '../events/command';
import { testContext } from '../events/test-context';
import type { AccessRole } from '../roles/model';
import * as commands from './commands';
import type { Group } from './grouping';
import * as v from 'valibot';
import { enquiriesProjection, faqEvents, faqProjection } from './events';
import { answeredEnquiryIds, awayBy, movedAway } from './answered';
import { movableOf, Moves, withMoves } from './moved-groups';
import {
  approvedVersion,
  hasPendingEdit,
  indexTimes,
  jstDay,
  MAX_KEPT,
  type Enquiry,
  latestVersion,
  publishedVersion,
  usageCounts,
  type EnquiryFields,
  type FaqEntry,
} from './model';

function ev(at: string, type: string, payload: unknown, actor = 'p1'): HonbuEvent {
  return { id: `${type}-${at}`, incidentId: 'i1', at, actor, type, payload };
}

const drafted = ev('001', 'faq.entry-drafted', {
  entryId: 'e1',
  question: 'カード情報は漏れましたか',
  variants: ['クレジットカードは大丈夫？'],
  category: 'カード',
  answer: '漏えいした項目は{{itemsLeaked}}です。',
});
const edit2 = ev('002', 'faq.entry-edited', { entryId: 'e1', version: 2, question: 'カード情報は漏れましたか', answer: '{{confirmedCount}}件のうち、漏えいした項目は{{itemsLeaked}}です。', category: 'カード' }, 'p2');
const approve2 = ev('003', 'faq.entry-approved', { entryId: 'e1', version: 2, factsSnapshot: { confirmedCount: 1200, itemsLeaked: ['name'] } }, 'boss');
const edit3 = ev('004', 'faq.entry-edited', { entryId: 'e1', version: 3, question: 'カード情報は漏れましたか', answer: '確認中です。', category: 'カード' });
const variants = ev('005', 'faq.variants-added', { entryId: 'e1', questions: ['カード番号は漏れた？', 'クレジットカードは大丈夫？', ' '], enquiryIds: ['q2', 'q1'] });
const used = ev('006', 'faq.answer-used', { entryId: 'e1', enquiryId: 'q9' });
const ALL = [drafted, edit2, approve2, edit3, variants, used];

const fold = (events: HonbuEvent[]): FaqEntry => foldAll(faqProjection, events).get('e1')!;

describe('FAQ fold', () => {
  it('a draft is version 1, a draft state, with its variants', () => {
    const row = fold([drafted]);
    expect(row).toMatchObject({ id: 'e1', incidentId: 'i1', state: 'draft', createdAt: '001', createdBy: 'p1', approval: null });
    expect(row.versions).toEqual([{ version: 1, question: 'カード情報は漏れましたか', answer: '漏えいした項目は{{itemsLeaked}}です。', category: 'カード', at: '001', actor: 'p1' }]);
    expect(row.variants).toEqual([{ text: 'クレジットカードは大丈夫？', at: '001' }]);
  });

  it('keeps every version with its text, time and author', () => {
    const row = fold(ALL);
    expect(row.versions.map((v) => [v.version, v.at, v.actor])).toEqual([
      [1, '001', 'p1'],
      [2, '002', 'p2'],
      [3, '004', 'p1'],
    ]);
    expect(latestVersion(row)?.answer).toBe('確認中です。');
  });

  it('an edit after approval waits: operators still read the approved version', () => {
    const row = fold(ALL);
    expect(row.state).toBe('approved');
    expect(approvedVersion(row)?.version).toBe(2);
    expect(publishedVersion(row)?.answer).toContain('{{confirmedCount}}');
    expect(hasPendingEdit(row)).toBe(true);
    expect(hasPendingEdit(fold([drafted, edit2, approve2]))).toBe(false);
    expect(publishedVersion(fold([drafted]))?.version).toBe(1);
  });

  it('keeps the approval snapshot and approver', () => {
    expect(fold(ALL).approval).toEqual({ version: 2, factsSnapshot: { confirmedCount: 1200, itemsLeaked: ['name'] }, at: '003', actor: 'boss' });
  });

  it('merges variants without duplicates and records the attached enquiries', () => {
    const row = fold(ALL);
    expect(row.variants.map((v) => v.text)).toEqual(['クレジットカードは大丈夫？', 'カード番号は漏れた？']);
    expect(row.linkedEnquiryIds).toEqual(['q1', 'q2']);
    expect(row.usedBy).toEqual(['q9']);
  });

  it('retirement and approval are last-writer-wins: re-approval revives', () => {
    const retired = ev('007', 'faq.entry-retired', { entryId: 'e1', reason: 'superseded' });
    expect(fold([...ALL, retired]).state).toBe('retired');
    expect(fold([...ALL, retired]).retired).toEqual({ at: '007', actor: 'p1', reason: 'superseded' });
    const again = ev('008', 'faq.entry-approved', { entryId: 'e1', version: 3, factsSnapshot: {} });
    expect(fold([...ALL, retired, again]).state).toBe('approved');
    expect(fold([again, retired, ...ALL]).state).toBe('approved');
  });

  it('folds to the same row in any order, and folding an event twice changes nothing', () => {
    const expected = fold(ALL);
    expect(fold([...ALL].reverse())).toEqual(expected);
    expect(fold([used, edit3, approve2, variants, drafted, edit2])).toEqual(expected);
    expect(fold([...ALL, ...ALL])).toEqual(expected);
  });

  it('keeps both of two versions made at once on two laptops; the approval is of the one seen first', () => {
    const a = ev('0040', 'faq.entry-edited', { entryId: 'e1', version: 3, question: 'q', answer: 'A', category: '' }, 'laptop-a');
    const b = ev('0042', 'faq.entry-edited', { entryId: 'e1', version: 3, question: 'q', answer: 'B', category: '' }, 'laptop-b');
    const approve = ev('0041', 'faq.entry-approved', { entryId: 'e1', version: 3, factsSnapshot: {} });
    const row = fold([drafted, edit2, b, approve, a]);
    expect(row.versions.filter((v) => v.version === 3).map((v) => v.answer)).toEqual(['A', 'B']);
    expect(approvedVersion(row)?.answer).toBe('A');
    expect(hasPendingEdit(row)).toBe(true);
  });

  it('ignores events of other parts and indexes state only', () => {
    expect(faqProjection.keys(ev('009', 'incident.facts-changed', { changes: {} }))).toEqual([]);
    expect(faqProjection.index(fold(ALL))).toEqual({ incidentId: 'i1', state: 'approved' });
  });
});

const call: EnquiryFields = {
  channel: 'phone',
  caller: { name: '山田太郎', phone: '090-0000-0000', email: 'taro@example.jp', customerNo: 'C-1' },
  question: 'カード番号は漏れた？',
  answerEntryId: 'e1',
  answerText: '含まれておりません。',
  escalate: false,
  operator: 'op1',
  durationSec: 180,
  tags: ['request'],
  at: '2026-11-20T15:30:00.000Z',
};

describe('enquiry fold', () => {
  const logged = ev('010', 'faq.enquiry-logged', { enquiryId: 'q1', ...call });
  const edited = ev('011', 'faq.enquiry-edited', { enquiryId: 'q1', changes: { escalate: true, tags: ['complaint'] } });

  it('logs the enquiry and indexes its Japanese day and channel, nothing personal', () => {
    const row = foldAll(enquiriesProjection, [logged]).get('q1')!;
    expect(row).toMatchObject({ ...call, id: 'q1', loggedAt: '010', loggedBy: 'p1' });
    expect(enquiriesProjection.index(row)).toEqual({ incidentId: 'i1', day: '2026-11-21', channel: 'phone' });
  });

  it('edits field by field, last writer wins, whatever the arrival order', () => {
    const a = foldAll(enquiriesProjection, [logged, edited]).get('q1')!;
    const b = foldAll(enquiriesProjection, [edited, logged]).get('q1')!;
    expect(a).toEqual(b);
    expect(a).toMatchObject({ escalate: true, tags: ['complaint'], question: 'カード番号は漏れた？', loggedAt: '010' });
  });
});

describe('model helpers', () => {
  it('jstDay reads ISO and HLC times in Japan time', () => {
    expect(jstDay('2026-11-20T14:59:59.000Z')).toBe('2026-11-20');
    expect(jstDay('2026-11-20T15:00:00.000Z')).toBe('2026-11-21');
    expect(jstDay('0001795186800000-0000-node')).toBe('2026-11-21');
    expect(jstDay('')).toBe('');
  });

  it('counts each enquiry once per entry, from logged answers and explicit uses', () => {
    const entries = [{ id: 'e1', usedBy: ['q1', 'q9'] }, { id: 'e2', usedBy: [] }];
    const enquiries = [
      { id: 'q1', answerEntryId: 'e1' },
      { id: 'q2', answerEntryId: 'e1' },
      { id: 'q3', answerEntryId: null },
      { id: 'q4', answerEntryId: 'e3' },
    ];
    expect(usageCounts(entries, enquiries)).toEqual(new Map([['e1', 3], ['e2', 0], ['e3', 1]]));
    expect(answeredEnquiryIds([{ usedBy: ['q9'], linkedEnquiryIds: ['q7'] }], enquiries)).toEqual(new Set(['q9', 'q7', 'q1', 'q2', 'q4']));
  });
});

describe('a question moved out of a group that became an FAQ entry', () => {
  const logged = (id: string, at: string, question: string) => ev(at, 'faq.enquiry-logged', { enquiryId: id, channel: 'phone', caller: { name: '', phone: '', email: '', customerNo: '' }, question, answerEntryId: null, answerText: '', escalate: false, operator: '', durationSec: 0, tags: [], at: '2026-11-20T01:00:00.000Z' });
  const regroup = (id: string, at: string, groupWith: string | null) => ev(at, 'faq.enquiry-regrouped', { enquiryId: id, groupWith });
  const attach = (at: string, ids: string[]) => ev(at, 'faq.variants-added', { entryId: 'e1', questions: [], enquiryIds: ids });

  it('is no longer answered by it, so the group it joined stays among the unanswered; attached again, it is', () => {
    const log = [logged('q1', '010', 'カード番号は漏れた？'), logged('q2', '011', 'ポイントは使えますか'), logged('q3', '012', '解約したい')];
    // The group of q1 and q2 became the entry; q2 was not that question: a person moved it to q3's group.
    const before = [drafted, attach('020', ['q1', 'q2'])];
    const state = (events: HonbuEvent[]) => ({ entries: [...foldAll(faqProjection, events).values()], enquiries: [...foldAll(enquiriesProjection, [...log, ...events]).values()] });
    const a = state(before);
    expect(answeredEnquiryIds(a.entries, a.enquiries)).toEqual(new Set(['q1', 'q2']));
    const b = state([...before, regroup('q2', '030', 'q3')]);
    expect(answeredEnquiryIds(b.entries, b.enquiries)).toEqual(new Set(['q1']));
    // Moved before the attaching (the group as it stood then held it): attached.
    const c = state([regroup('q2', '015', 'q1'), ...before]);
    expect(answeredEnquiryIds(c.entries, c.enquiries)).toEqual(new Set(['q1', 'q2']));
    // Attached again after the move: answered again, whichever order the events arrive in.
    const again = [...before, regroup('q2', '030', 'q3'), attach('040', ['q2'])];
    const d = state(again);
    expect(answeredEnquiryIds(d.entries, d.enquiries)).toEqual(new Set(['q1', 'q2']));
    const e = state([...again].reverse());
    expect(answeredEnquiryIds(e.entries, e.enquiries)).toEqual(new Set(['q1', 'q2']));
    // Answered from the entry on the call itself: answered, whatever the groups say.
    expect(answeredEnquiryIds(b.entries, b.enquiries.map((q) => (q.id === 'q2' ? { ...q, answerEntryId: 'e1' } : q)))).toEqual(new Set(['q1', 'q2']));
  });

  it('takes the same words along (they follow the move), and a question put back is answered again', () => {
    // q2b has q2's words: moving q2 moves it too.
    const log = [logged('q1', '010', 'カード番号は漏れた？'), logged('q2', '011', 'ポイントは使えますか'), logged('q2b', '012', 'ポイントは使えますか'), logged('q3', '013', '解約したい')];
    const base = [drafted, attach('020', ['q1', 'q2', 'q2b'])];
    const state = (events: HonbuEvent[]) => ({ entries: [...foldAll(faqProjection, events).values()], enquiries: [...foldAll(enquiriesProjection, [...log, ...events]).values()] });
    const moved = state([...base, regroup('q2', '030', 'q3')]);
    expect(answeredEnquiryIds(moved.entries, moved.enquiries)).toEqual(new Set(['q1']));
    const back = state([...base, regroup('q2', '030', 'q3'), regroup('q2', '040', null)]);
    expect(answeredEnquiryIds(back.entries, back.enquiries)).toEqual(new Set(['q1', 'q2', 'q2b']));
  });

  it('leaves the same words that were already in the group it joined answered (they never left it)', () => {
    // The entry answers q1's group, which held q2b. q2 has q2b's words but was grouped elsewhere;
    // a person moved it into q1's group. q2b follows the move, yet it was there all along.
    const log = [logged('q1', '010', 'ポイントは使えますか？'), logged('q2b', '011', 'ポイントは？'), logged('q2', '012', 'ポイントは？'), logged('q3', '013', '解約したい')];
    const base = [drafted, attach('020', ['q1', 'q2b'])];
    const keptMove = (at: string) => ev(at, 'faq.enquiry-regrouped', { enquiryId: 'q2', groupWith: 'q1', kept: { ids: ['q2b'], times: [], of: [-1] } });
    const answered = (events: HonbuEvent[]) => {
      const entries = [...foldAll(faqProjection, events).values()];
      return answeredEnquiryIds(entries, [...foldAll(enquiriesProjection, [...log, ...events]).values()]);
    };
    expect(answered([...base, keptMove('030')])).toEqual(new Set(['q1', 'q2b']));
    // A move written before this (nothing kept) takes q2b along, as it did: unanswered.
    expect(answered([...base, regroup('q2', '030', 'q1')])).toEqual(new Set(['q1']));
    // Moved on again, to q3's group, keeping nothing: q2b follows it away, whichever arrives first.
    const on = [...base, keptMove('030'), regroup('q2', '040', 'q3')];
    expect(answered(on)).toEqual(new Set(['q1']));
    expect(answered([...on].reverse())).toEqual(new Set(['q1']));
    expect(answered([on[0]!, on[1]!, on[3]!, on[2]!])).toEqual(new Set(['q1']));
    // The move that keeps it is the latest: answered, in any order.
    const back = [...base, regroup('q2', '025', 'q3'), keptMove('030')];
    expect(answered([...back].reverse())).toEqual(new Set(['q1', 'q2b']));
  });

  describe('moved on the groups screen, among questions of the same words (found by a breaker)', () => {
    // The automatic groups stay as given; a move is made as the screen makes it (MoveForm).
    const grp = (id: string, memberIds: string[]): Group => ({ id, memberIds, label: id, labelId: memberIds[0]!, terms: [] });
    function world(questions: Record<string, string>, auto: Group[]) {
      const log = Object.entries(questions).map(([id, q], i) => logged(id, `01${i}`, q));
      const home = new Map(auto.flatMap((g) => g.memberIds.map((id) => [id, g.id] as const)));
      const rows = (events: HonbuEvent[]) => [...foldAll(enquiriesProjection, [...log, ...events]).values()];
      return {
        /** The screen's move of `id` into the group (as shown) that holds `into`; `'own'`: a new group of its own; `'automatic'`: put back. */
        move(events: HonbuEvent[], id: string, into: string, at: string): HonbuEvent {
          const enquiries = rows(events);
          const moves = new Moves(enquiries.map(movableOf));
          if (into === 'own') return ev(at, 'faq.enquiry-regrouped', { enquiryId: id, groupWith: `g:${id}` });
          if (into === 'automatic') return ev(at, 'faq.enquiry-regrouped', { enquiryId: id, groupWith: null });
          const target = withMoves(auto, moves).find((g) => g.memberIds.includes(into))!;
          const groupWith = target.id === home.get(id) ? null : moves.anchorFor(target, id);
          const kept = groupWith === null ? [] : moves.keptBy(target, id, enquiries.map((e) => ({ id: e.id, text: e.question })), (q) => home.get(q));
          // As the command sends it: the ids, and each one's away time named once.
          return ev(at, 'faq.enquiry-regrouped', { enquiryId: id, groupWith, ...(kept.length ? { kept: { ids: kept.map((k) => k.id), ...indexTimes(kept.map((k) => k.awayAt)) } } : {}) });
        },
        /** The screen's attaching of `ids` (a group as shown) to the entry, as the handler does it: one event, or several for a large group. */
        attach(events: HonbuEvent[], ids: string[], at: string): HonbuEvent[] {
          const enquiries = rows(events);
          const entry = foldAll(faqProjection, events).get('e1')!;
          const r = commands.attachGroup(testContext(), entry, { group: grp('shown', ids), questions: new Map(enquiries.map((e) => [e.id, e.question])), away: movedAway(enquiries) });
          if (!r.ok) throw new Error('refused');
          return r.events.map((d, i) => ev(r.events.length === 1 ? at : `${at}${String(i).padStart(3, '0')}`, d.type, d.payload));
        },
        answered: (events: HonbuEvent[]) => {
          const entries = [...foldAll(faqProjection, events).values()];
          const enquiries = rows(events);
          const answered = answeredEnquiryIds(entries, enquiries);
          // The groups screen passes the moves it already read of the same log: the same answer.
          expect(answeredEnquiryIds(entries, enquiries, awayBy(new Moves(enquiries.map(movableOf)), enquiries))).toEqual(answered);
          return answered;
        },
      };
    }
    const words = { q1: 'ポイントは使えますか？', q2b: 'ポイントは？', q2: 'ポイントは？', q3: '解約したい', q8: 'ポイントは？　' };

    it('moved into the group, out, and back in: the same words at home there are answered again', () => {
      const w = world(words, [grp('G1', ['q1', 'q2b']), grp('G2', ['q2']), grp('G3', ['q3']), grp('G8', ['q8'])]);
      let events = [drafted];
      events = [...events, ...w.attach(events, ['q1', 'q2b'], '020')];
      events = [...events, w.move(events, 'q2', 'q1', '030')];
      expect(w.answered(events)).toEqual(new Set(['q1', 'q2b']));
      // Out to q3's group: q2b and q8 follow it, away from the entry's group.
      events = [...events, w.move(events, 'q2', 'q3', '040')];
      expect(w.answered(events)).toEqual(new Set(['q1']));
      // Back in: q2b is at home in the entry's group again.
      events = [...events, w.move(events, 'q2', 'q1', '050')];
      expect(w.answered(events)).toEqual(new Set(['q1', 'q2b']));
      expect(w.answered([...events].reverse())).toEqual(new Set(['q1', 'q2b']));
    });

    it('a question already moved away from an entry’s group stays away when another of its words joins it where it went', () => {
      const w = world(words, [grp('G3', ['q3', 'q2b']), grp('G1', ['q1']), grp('G2', ['q2']), grp('G8', ['q8'])]);
      let events = [drafted];
      events = [...events, ...w.attach(events, ['q3', 'q2b'], '020')];
      events = [...events, w.move(events, 'q8', 'own', '025')];
      events = [...events, w.move(events, 'q2', 'q1', '030')];
      expect(w.answered(events)).toEqual(new Set(['q3']));
      // q8 joins q1's group, where q2b has been since 030: still away from the entry's group.
      events = [...events, w.move(events, 'q8', 'q1', '040')];
      expect(w.answered(events)).toEqual(new Set(['q3']));
    });

    it('an entry made of the group a question had been moved to keeps answering it when another of its words joins', () => {
      const w = world(words, [grp('G3', ['q3', 'q2b']), grp('G1', ['q1']), grp('G2', ['q2']), grp('G8', ['q8'])]);
      let events = [drafted];
      events = [...events, w.move(events, 'q8', 'own', '025')];
      events = [...events, w.move(events, 'q2', 'q1', '030')];
      // The entry is made of q1's group as it now stands: q1, q2 and q2b.
      events = [...events, ...w.attach(events, ['q1', 'q2', 'q2b'], '035')];
      events = [...events, w.move(events, 'q8', 'q1', '040')];
      expect(w.answered(events)).toEqual(new Set(['q1', 'q2', 'q2b']));
    });

    it('an attaching from an older laptop (nothing recorded) after a recorded one: the old rule for that question, in every order (found by a third breaker)', () => {
      const w = world({ q: 'ポイントは？', x: '解約したい' }, [grp('G1', ['q']), grp('G3', ['x'])]);
      let events = [drafted];
      events = [...events, ...w.attach(events, ['q'], '020')];
      events = [...events, w.move(events, 'q', 'x', '030')];
      // The older laptop attaches x's group, q in it, without saying where they were: q moved before it, so answered.
      events = [...events, attach('040', ['q', 'x'])];
      expect(w.answered(events)).toEqual(new Set(['q', 'x']));
      expect(w.answered([...events].reverse())).toEqual(new Set(['q', 'x']));
      expect(foldAll(faqProjection, events).get('e1')).not.toHaveProperty('linkedFrom');
    });

    it('records the questions that followed one move by one time (an attaching of 20,000 stays small)', () => {
      const many = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`t${i}`, '退会したいです']));
      const w = world({ ...many, y: 'ポイントは？' }, [grp('G1', Object.keys(many)), grp('G2', ['y'])]);
      let events = [drafted];
      events = [...events, w.move(events, 't0', 'y', '030')];
      const attaching = w.attach(events, [...Object.keys(many), 'y'], '040');
      for (const e of attaching) expect(JSON.stringify((e.payload as { from: unknown }).from).length).toBeLessThan(100_000);
      expect(w.answered([...events, ...attaching]).size).toBe(20_001);
      // A place per question, each naming a time there is; else the event is refused whole.
      const attachSchema = faqEvents['faq.variants-added'];
      expect(v.safeParse(attachSchema, { entryId: 'e1', questions: [], enquiryIds: ['a', 'b'], from: { times: ['t'], of: [0, -1] } }).success).toBe(true);
      expect(v.safeParse(attachSchema, { entryId: 'e1', questions: [], enquiryIds: ['a', 'b'], from: { times: ['t'], of: [0] } }).success).toBe(false);
      expect(v.safeParse(attachSchema, { entryId: 'e1', questions: [], enquiryIds: ['a'], from: { times: ['t'], of: [1] } }).success).toBe(false);
      const moveSchema = faqEvents['faq.enquiry-regrouped'];
      expect(v.safeParse(moveSchema, { enquiryId: 'q', groupWith: 'a', kept: { ids: ['x', 'y'], times: [], of: [-1] } }).success).toBe(false);
      expect(v.safeParse(moveSchema, { enquiryId: 'q', groupWith: 'a', kept: { ids: ['x'], times: ['t'], of: [0] } }).success).toBe(true);
    });

    it('a move keeps at most MAX_KEPT questions, so that it stays within one sync record', () => {
      const enquiry = { id: 'q', incidentId: 'i1', groupWith: undefined } as unknown as Enquiry;
      const target = { id: 'a', incidentId: 'i1' } as unknown as Enquiry;
      const kept = Array.from({ length: MAX_KEPT + 500 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
      const r = commands.regroupEnquiry(testContext(), { enquiry, target }, { groupWith: 'a', kept });
      const payload = r.ok ? (r.events[0]!.payload as { kept: { ids: string[] } }) : null;
      expect(payload?.kept.ids.length).toBe(MAX_KEPT);
      expect(JSON.stringify(payload).length).toBeLessThan(512 * 1024);
    });

    it('an entry made of the group a question was moved to does not answer it once it is back home (found by a second breaker)', () => {
      // a follows c into x's group; the entry is made of that group; c then goes to a's home group.
      const w = world({ a: 'ポイントは？', b: 'ポイントは使えますか', c: 'ポイントは？', x: '解約したい' }, [grp('G0', ['a', 'b']), grp('G1', ['c']), grp('G3', ['x'])]);
      let events = [drafted];
      events = [...events, w.move(events, 'c', 'x', '030')];
      events = [...events, ...w.attach(events, ['x', 'c', 'a'], '040')];
      expect(w.answered(events)).toEqual(new Set(['x', 'c', 'a']));
      events = [...events, w.move(events, 'c', 'b', '050')];
      expect(w.answered(events)).toEqual(new Set(['x']));
      expect(w.answered([...events].reverse())).toEqual(new Set(['x']));
      // Put back on its own, a question attached in a group of its own is not that entry's any more either.
      let own = [drafted];
      own = [...own, w.move(own, 'x', 'own', '030')];
      own = [...own, ...w.attach(own, ['x'], '040')];
      expect(w.answered(own)).toEqual(new Set(['x']));
      own = [...own, w.move(own, 'x', 'automatic', '050')];
      expect(w.answered(own)).toEqual(new Set());
    });
  });

  it('can be attached to the entry again from the groups screen', () => {
    const log = [logged('q1', '010', 'カード番号は漏れた？'), logged('q2', '011', 'ポイントは使えますか')];
    const events = [drafted, attach('020', ['q1', 'q2']), regroup('q2', '030', 'g:own')];
    const entry = foldAll(faqProjection, events).get('e1')!;
    const enquiries = [...foldAll(enquiriesProjection, [...log, ...events]).values()];
    const away = movedAway(enquiries);
    const group: Group = { id: 'moved:own', labelId: 'q2', label: 'ポイントは使えますか', memberIds: ['q2'] } as Group;
    const questions = new Map(enquiries.map((q) => [q.id, q.question]));
    const r = commands.attachGroup(testContext(), entry, { group, questions, away });
    expect(r.ok && r.events[0]!.payload).toMatchObject({ entryId: 'e1', enquiryIds: ['q2'] });
    const again = [...events, ev('040', r.ok ? r.events[0]!.type : '', r.ok ? r.events[0]!.payload : null)];
    expect(answeredEnquiryIds([foldAll(faqProjection, again).get('e1')!], enquiries)).toEqual(new Set(['q1', 'q2']));
  });
});

// The commands take (context, state, args) and return every event; these keep the calls below as they read.
type One = { ok: true; event: { type: string; incidentId: string | null; payload: Record<string, unknown> } } | { ok: false; problems: Problem[] };
const one = (r: CommandResult<unknown>): One => (r.ok ? { ok: true, event: r.events[0]! } : r);
const approveEntry = (entry: FaqEntry, facts: Facts, roles: AccessRole[]) => one(commands.approveEntry(testContext({ roles }), { entry, facts }));
const editEntry = (entry: FaqEntry, text: commands.EntryText) => one(commands.editEntry(testContext(), entry, text));
const draftEntry = (incidentId: string, entryId: string, text: commands.EntryText) => one(commands.draftEntry(testContext({ ids: [entryId] }), null, { incidentId, text }));
const retireEntry = (entry: FaqEntry, reason: string) => one(commands.retireEntry(testContext(), entry, { reason }));
const attachGroup = (entry: FaqEntry, group: Group, questions: ReadonlyMap<string, string>) => one(commands.attachGroup(testContext(), entry, { group, questions, away: new Map() }));
const logEnquiry = (incidentId: string, enquiryId: string, fields: EnquiryFields) => one(commands.logEnquiry(testContext({ ids: [enquiryId] }), null, { incidentId, fields }));
const editEnquiry = (incidentId: string, enquiryId: string, changes: Partial<EnquiryFields>) => one(commands.editEnquiry(testContext(), null, { incidentId, enquiryId, changes }));

describe('commands', () => {
  const facts: Facts = { ...EMPTY_FACTS, confirmedCount: 1200, maxCount: 3000, itemsLeaked: ['name', 'address'], deskHours: '9-18' };
  const row = fold([drafted, edit2]);

  it('only direction approves, and the approval snapshots exactly the quoted facts', () => {
    expect(approveEntry(row, facts, ['operator'])).toEqual({ ok: false, problems: [{ field: 'approver', reason: 'not-allowed' }] });
    const result = approveEntry(row, facts, ['operator', 'direction']);
    expect(result).toEqual({
      ok: true,
      event: { type: 'faq.entry-approved', incidentId: 'i1', payload: { entryId: 'e1', version: 2, versionAt: '002', factsSnapshot: { confirmedCount: 1200, itemsLeaked: ['name', 'address'] } } },
    });
  });

  it('an edit is the next version; an unchanged text or an unknown placeholder is refused', () => {
    const ok = editEntry(row, { question: 'Q', answer: 'A {{deskPhone}}', category: 'c' });
    expect(ok.ok && ok.event.payload.version).toBe(3);
    expect(editEntry(row, { question: 'カード情報は漏れましたか', answer: '{{confirmedCount}}件のうち、漏えいした項目は{{itemsLeaked}}です。', category: 'カード' })).toMatchObject({ ok: false });
    expect(draftEntry('i1', 'e2', { question: 'Q', answer: '{{confirmed}}件', category: '' })).toEqual({ ok: false, problems: [{ field: 'answer', reason: 'unknown-placeholder' }] });
    expect(draftEntry('i1', 'e2', { question: ' ', answer: 'A', category: '' })).toMatchObject({ ok: false, problems: [{ field: 'question', reason: 'required' }] });
  });

  it('retiring twice is refused', () => {
    const retired = fold([drafted, ev('002', 'faq.entry-retired', { entryId: 'e1', reason: 'dup' })]);
    expect(retireEntry(row, 'dup').ok).toBe(true);
    expect(retireEntry(retired, 'dup')).toMatchObject({ ok: false });
  });

  it('attaching a group adds only new phrasings and new enquiries', () => {
    const questions = new Map([['q1', 'カード番号は漏れた？'], ['q2', 'クレジットカードは大丈夫？'], ['q3', 'カード番号は漏れた？']]);
    const result = attachGroup(row, { id: 'q1', memberIds: ['q1', 'q2', 'q3'], label: '', labelId: 'q1', terms: [] }, questions);
    expect(result.ok && result.event.payload).toEqual({ entryId: 'e1', questions: ['カード番号は漏れた？'], enquiryIds: ['q1', 'q2', 'q3'], from: { times: [], of: [-1, -1, -1] } });
  });

  it('an enquiry needs a question and a known channel; edits are checked field by field', () => {
    expect(logEnquiry('i1', 'q1', call).ok).toBe(true);
    expect(logEnquiry('i1', 'q1', { ...call, question: '', channel: 'fax' as never })).toMatchObject({
      ok: false,
      problems: [{ field: 'question', reason: 'required' }, { field: 'channel', reason: 'invalid' }],
    });
    expect(editEnquiry('i1', 'q1', { durationSec: -1 })).toMatchObject({ ok: false, problems: [{ field: 'durationSec', reason: 'invalid' }] });
    expect(editEnquiry('i1', 'q1', { escalate: true }).ok).toBe(true);
  });
});

describe('an enquiry whose writes arrive before its log entry, or with a second log entry of another incident', () => {
  const fieldsOf = (question: string): EnquiryFields => ({ channel: 'phone', caller: { name: '', phone: '', email: '' }, question, answerEntryId: null, answerText: '', escalate: false, operator: '佐藤', durationSec: 60, tags: [], at: '2026-11-21T00:00:00.000Z' });
  const of = (incidentId: string, at: string, type: string, payload: unknown, actor = 'p1'): HonbuEvent => ({ id: `${type}-${incidentId}-${at}`, incidentId, at, actor, type, payload });
  const row = (events: HonbuEvent[]) => foldAll(enquiriesProjection, events).get('q1');
  const orders = <T>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));

  it('one log entry: every order of arrival gives the row of the log entry first, the other incident\'s writes dropped', () => {
    const events = [
      of('mine', '050', 'faq.enquiry-logged', { enquiryId: 'q1', ...fieldsOf('お詫びの品はいつ届きますか') }),
      of('mine', '040', 'faq.enquiry-edited', { enquiryId: 'q1', changes: { operator: '鈴木' } }),
      of('mine', '060', 'faq.enquiry-edited', { enquiryId: 'q1', changes: { durationSec: 90 } }),
      of('theirs', '070', 'faq.enquiry-edited', { enquiryId: 'q1', changes: { question: '書き換え', operator: '偽' } }),
      of('theirs', '080', 'faq.enquiry-regrouped', { enquiryId: 'q1', groupWith: 'g:evil' }),
    ];
    const expected = row(events);
    expect(expected).toMatchObject({ incidentId: 'mine', question: 'お詫びの品はいつ届きますか', operator: '佐藤', durationSec: 90, updatedAt: '060' });
    expect(expected?.groupWith).toBeUndefined();
    for (const order of orders(events)) expect(row(order)).toEqual(expected);
  });

  it('a second log entry under another incident, even with an earlier clock, does not take the enquiry', () => {
    const genuine = of('mine', '500', 'faq.enquiry-logged', { enquiryId: 'q1', ...fieldsOf('本物') }, 'alice');
    const forged = of('theirs', '001', 'faq.enquiry-logged', { enquiryId: 'q1', ...fieldsOf('偽') }, 'mallory');
    const theirEdit = of('theirs', '600', 'faq.enquiry-edited', { enquiryId: 'q1', changes: { question: '書き換え' } });
    // The genuine one first, or the other incident's edit before both: the enquiry stays the incident's.
    for (const order of [[genuine, forged, theirEdit], [theirEdit, genuine, forged], [genuine, theirEdit, forged]]) {
      expect(row(order)).toMatchObject({ incidentId: 'mine', question: '本物', loggedBy: 'alice' });
    }
  });

  it('a flood of early moves of another incident holds one merged set of writes, not one per move', () => {
    const moves = Array.from({ length: 2000 }, (_, i) => of('theirs', String(100 + i).padStart(6, '0'), 'faq.enquiry-regrouped', { enquiryId: 'q1', groupWith: `g:${i}` }));
    const waiting = row(moves)!;
    expect(waiting.early).toHaveLength(1);
    expect(JSON.stringify(waiting).length).toBeLessThan(1000);
    const logged = row([...moves, of('mine', '999999', 'faq.enquiry-logged', { enquiryId: 'q1', ...fieldsOf('本物') })]);
    expect(logged?.groupWith).toBeUndefined();
    expect(logged?.early).toBeUndefined();
  });
});
