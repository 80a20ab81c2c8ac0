import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../events/command';
import type { HonbuEvent } from '../events/event';
import { parseEvent } from '../events/registry';
import { testContext } from '../events/test-context';
import { mayWrite } from '../roles/table';
import type { AccessRole } from '../roles/model';
import { draftFaqFromEscalation, noteEscalation, ownEscalation, recordEscalationOutcome, setEscalationDue, type EscalationCommandState } from './escalation-commands';
import { defaultDueAt, escalations, escalationState, foldEscalations, openEscalations, overdueEscalations, type Escalation } from './escalations';
import { EMPTY_CALLER, type Enquiry } from './model';

function enquiry(id: string, at: string, over: Partial<Enquiry> = {}): Enquiry {
  return {
    id,
    incidentId: 'i1',
    channel: 'phone',
    caller: { ...EMPTY_CALLER, name: '髙橋 𠮷子', phone: '090-1234-5678' },
    question: 'ポイントは使えなくなりますか',
    answerEntryId: null,
    answerText: '',
    escalate: true,
    operator: 'V-017',
    durationSec: 120,
    tags: [],
    at,
    loggedAt: '0000000000000001-0000-a',
    loggedBy: 'p1',
    updatedAt: '0000000000000001-0000-a',
    stamps: {},
    ...over,
  };
}

let n = 0;
function ev(at: string, type: string, payload: unknown, actor = 'p1'): HonbuEvent {
  return { id: `e${++n}`, incidentId: 'i1', at, actor, type, payload };
}

const Q1 = enquiry('q1', '2026-12-01T10:00:00+09:00');
const NOW = Date.parse('2026-12-01T15:00:00+09:00');

function stateOf(events: HonbuEvent[] = [], enquiries: Enquiry[] = [Q1], members = ['p1', 'p2', 'lead']): EscalationCommandState {
  return { escalation: foldEscalations(enquiries, events)[0] ?? null, isMember: (id) => members.includes(id) };
}

function problems(r: CommandResult<unknown>): string[] {
  return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.reason}`);
}

const ctx = (personId = 'p1', roles: AccessRole[] = ['operator']) => testContext({ now: NOW, personId, roles });

describe('the callback queue (fold)', () => {
  it('takes only escalated enquiries, with a default due time of the next day\'s noon in Japan', () => {
    const quiet = enquiry('q2', '2026-12-01T11:00:00+09:00', { escalate: false });
    const list = foldEscalations([Q1, quiet], []);
    expect(list.map((x) => x.enquiryId)).toEqual(['q1']);
    expect(list[0]!.dueAt).toBe('2026-12-02T03:00:00.000Z');
    expect(list[0]!.dueIsDefault).toBe(true);
    expect(list[0]!.ownerId).toBeNull();
  });

  it('counts the next day in Japan time, not UTC: 08:00 JST is still the previous UTC day', () => {
    // 2026-12-02 08:00 JST = 2026-12-01 23:00 UTC: by UTC the next noon would be 12-02; in Japan it is 12-03.
    expect(defaultDueAt('2026-12-02T08:00:00+09:00')).toBe('2026-12-03T03:00:00.000Z');
    // 23:59 JST: the next day's noon, twelve hours and a minute later.
    expect(defaultDueAt('2026-12-01T23:59:00+09:00')).toBe('2026-12-02T03:00:00.000Z');
    // 00:00 JST belongs to its own day.
    expect(defaultDueAt('2026-12-02T00:00:00+09:00')).toBe('2026-12-03T03:00:00.000Z');
    expect(defaultDueAt('garbage')).toBe('');
  });

  it('is overdue from the very millisecond of its due time, not before', () => {
    const events = [ev('0000000000000010-0000-a', 'faq.escalation-due-set', { enquiryId: 'q1', dueAt: '2026-12-01T18:00:00+09:00' })];
    const due = Date.parse('2026-12-01T18:00:00+09:00');
    const at = (now: number) => escalations({ enquiries: [Q1], events, now });
    expect(at(due - 1).overdue).toEqual([]);
    expect(escalationState(at(due - 1).open[0]!, due - 1)).toBe('soon');
    expect(escalationState(at(due - 3_600_001).open[0]!, due - 3_600_001)).toBe('open');
    expect(at(due).overdue.map((x) => x.enquiryId)).toEqual(['q1']);
    expect(overdueEscalations({ enquiries: [Q1], events, now: due })).toHaveLength(1);
    expect(openEscalations({ enquiries: [Q1], events, now: due })).toHaveLength(1);
  });

  it('folds to the same queue in any order: latest owner and due time, every note, the first outcome', () => {
    const events = [
      ev('0000000000000010-0000-a', 'faq.escalation-owned', { enquiryId: 'q1', ownerId: 'p1' }),
      ev('0000000000000020-0000-a', 'faq.escalation-owned', { enquiryId: 'q1', ownerId: 'p2' }, 'lead'),
      ev('0000000000000011-0000-a', 'faq.escalation-due-set', { enquiryId: 'q1', dueAt: '2026-12-01T18:00:00+09:00' }),
      ev('0000000000000012-0000-a', 'faq.escalation-noted', { enquiryId: 'q1', note: '留守電に伝言' }),
      ev('0000000000000030-0000-a', 'faq.escalation-closed', { enquiryId: 'q1', outcome: 'answered', attempts: 2, answer: '使えます', note: '' }, 'p2'),
      ev('0000000000000031-0000-b', 'faq.escalation-closed', { enquiryId: 'q1', outcome: 'passed-on', attempts: 1, answer: '', note: '' }, 'p1'),
    ];
    const forward = foldEscalations([Q1], events);
    const backward = foldEscalations([Q1], [...events].reverse());
    expect(backward).toEqual(forward);
    const x = forward[0]!;
    expect(x.ownerId).toBe('p2');
    expect(x.dueAt).toBe('2026-12-01T09:00:00.000Z');
    expect(x.notes.map((m) => m.note)).toEqual(['留守電に伝言']);
    expect(x.closed).toMatchObject({ outcome: 'answered', attempts: 2, answer: '使えます', actor: 'p2' });
    const lists = escalations({ enquiries: [Q1], events, now: NOW });
    expect(lists.open).toEqual([]);
    expect(lists.closed.map((c) => c.enquiryId)).toEqual(['q1']);
  });

  it('sorts the queue by due time, the overdue first', () => {
    const late = enquiry('late', '2026-11-29T09:00:00+09:00');
    const soon = enquiry('soon', '2026-12-01T09:00:00+09:00');
    const lists = escalations({ enquiries: [soon, Q1, late], events: [], now: NOW });
    expect(lists.open.map((x) => x.enquiryId)).toEqual(['late', 'q1', 'soon']);
    expect(lists.overdue.map((x) => x.enquiryId)).toEqual(['late']);
  });

  it('a callback already taken stays in the queue with its owner and notes when the enquiry is later un-flagged (a vendor’s corrected file)', () => {
    const events = [ev('1', 'faq.escalation-owned', { enquiryId: 'q1', ownerId: 'p2' }), ev('2', 'faq.escalation-noted', { enquiryId: 'q1', note: '夕方にかけ直す' })];
    const corrected = { ...Q1, escalate: false };
    const list = foldEscalations([corrected, enquiry('q2', '2026-12-01T11:00:00+09:00', { escalate: false })], events);
    expect(list.map((x) => [x.enquiryId, x.ownerId, x.notes.map((n) => n.note)])).toEqual([['q1', 'p2', ['夕方にかけ直す']]]);
    expect(problems(recordEscalationOutcome(ctx('p2'), { escalation: list[0]!, isMember: () => true }, { outcome: 'not-needed', attempts: 0, answer: '', note: '委託先が取り消し' }))).toEqual([]);
  });
  it('ignores events of enquiries it does not have (not synced yet) and of other parts', () => {
    const events = [ev('1', 'faq.escalation-owned', { enquiryId: 'nope', ownerId: 'p1' }), ev('2', 'faq.answer-used', { entryId: 'x', enquiryId: 'q1' })];
    expect(foldEscalations([Q1], events)[0]!.ownerId).toBeNull();
  });
});

describe('the callback commands', () => {
  it('takes a callback for oneself; giving it to another is the lead\'s', () => {
    const mine = ownEscalation(ctx(), stateOf(), {});
    expect(mine.ok && mine.events).toEqual([{ type: 'faq.escalation-owned', incidentId: 'i1', payload: { enquiryId: 'q1', ownerId: 'p1' } }]);
    expect(problems(ownEscalation(ctx(), stateOf(), { ownerId: 'p2' }))).toEqual(['owner:not-allowed']);
    expect(ownEscalation(ctx('lead', ['contact-lead']), stateOf(), { ownerId: 'p2' }).ok).toBe(true);
    // Someone else's: an operator cannot take it from them.
    const owned = [ev('1', 'faq.escalation-owned', { enquiryId: 'q1', ownerId: 'p2' })];
    expect(problems(ownEscalation(ctx(), stateOf(owned), {}))).toEqual(['owner:not-allowed']);
  });

  it('refuses an owner who is not a member of the incident, and an empty one', () => {
    expect(problems(ownEscalation(ctx('lead', ['direction']), stateOf(), { ownerId: 'stranger' }))).toEqual(['owner:not-member']);
    expect(problems(ownEscalation(ctx('lead', ['direction']), stateOf(), { ownerId: '  ' }))).toEqual(['owner:required']);
  });

  it('refuses an escalation for an enquiry that does not exist or was not escalated', () => {
    const none = { escalation: null, isMember: () => true };
    expect(problems(ownEscalation(ctx(), none, {}))).toEqual(['enquiry:not-found']);
    expect(problems(setEscalationDue(ctx(), none, { dueAt: '2026-12-02T12:00:00+09:00' }))).toEqual(['enquiry:not-found']);
    expect(problems(recordEscalationOutcome(ctx(), none, { outcome: 'not-needed', attempts: 0, answer: '', note: '' }))).toEqual(['enquiry:not-found']);
    expect(problems(ownEscalation(ctx(), stateOf([], [enquiry('q1', '2026-12-01T10:00:00+09:00', { escalate: false })]), {}))).toEqual(['enquiry:not-found']);
  });

  it('refuses a due time in the past or now, and one without a zone', () => {
    expect(problems(setEscalationDue(ctx(), stateOf(), { dueAt: '2026-12-01T14:59:00+09:00' }))).toEqual(['dueAt:past']);
    expect(problems(setEscalationDue(ctx(), stateOf(), { dueAt: new Date(NOW).toISOString() }))).toEqual(['dueAt:past']);
    expect(problems(setEscalationDue(ctx(), stateOf(), { dueAt: '2026-12-02T12:00' }))).toEqual(['dueAt:invalid']);
    expect(problems(setEscalationDue(ctx(), stateOf(), { dueAt: '令和8年12月2日' }))).toEqual(['dueAt:invalid']);
    const ok = setEscalationDue(ctx(), stateOf(), { dueAt: '2026-12-01T17:00:00+09:00' });
    expect(ok.ok && ok.events[0]!.payload).toEqual({ enquiryId: 'q1', dueAt: '2026-12-01T08:00:00.000Z' });
  });

  it('records an outcome once; a second is refused', () => {
    const first = recordEscalationOutcome(ctx(), stateOf(), { outcome: 'answered', attempts: 1, answer: ' 引き続きご利用いただけます ', note: '' });
    expect(first.ok).toBe(true);
    // Nobody owned it: the one who called back becomes its owner in the same append.
    expect(first.ok && first.events.map((e) => e.type)).toEqual(['faq.escalation-owned', 'faq.escalation-closed']);
    expect(first.ok && first.events[1]!.payload).toMatchObject({ answer: '引き続きご利用いただけます' });
    const closed = [ev('1', 'faq.escalation-closed', { enquiryId: 'q1', outcome: 'answered', attempts: 1, answer: 'x', note: '' })];
    expect(problems(recordEscalationOutcome(ctx(), stateOf(closed), { outcome: 'passed-on', attempts: 1, answer: '', note: '' }))).toEqual(['outcome:closed']);
    expect(problems(setEscalationDue(ctx(), stateOf(closed), { dueAt: '2026-12-02T12:00:00+09:00' }))).toEqual(['outcome:closed']);
    expect(problems(noteEscalation(ctx(), stateOf(closed), { note: 'あと一言' }))).toEqual(['outcome:closed']);
  });

  it('wants an answer for "answered" and at least one try for "could not reach"', () => {
    expect(problems(recordEscalationOutcome(ctx(), stateOf(), { outcome: 'answered', attempts: 1, answer: '　 ', note: '' }))).toEqual(['answer:required']);
    expect(problems(recordEscalationOutcome(ctx(), stateOf(), { outcome: 'unreachable', attempts: 0, answer: '', note: '' }))).toEqual(['attempts:required']);
    expect(problems(recordEscalationOutcome(ctx(), stateOf(), { outcome: 'unreachable', attempts: 1.5, answer: '', note: '' }))).toEqual(['attempts:invalid']);
    expect(problems(recordEscalationOutcome(ctx(), stateOf(), { outcome: 'bogus' as 'answered', attempts: 1, answer: 'x', note: '' }))).toEqual(['outcome:invalid']);
    const r = recordEscalationOutcome(ctx(), stateOf(), { outcome: 'unreachable', attempts: 3, answer: '', note: '' });
    expect(r.ok && r.events[1]!.payload).toMatchObject({ outcome: 'unreachable', attempts: 3 });
  });

  it('lets only the owner or a lead work an owned callback', () => {
    const owned = [ev('1', 'faq.escalation-owned', { enquiryId: 'q1', ownerId: 'p2' })];
    expect(problems(noteEscalation(ctx(), stateOf(owned), { note: 'メモ' }))).toEqual(['owner:not-allowed']);
    expect(noteEscalation(ctx('p2'), stateOf(owned), { note: 'メモ' }).ok).toBe(true);
    expect(noteEscalation(ctx('lead', ['direction']), stateOf(owned), { note: 'メモ' }).ok).toBe(true);
    expect(problems(noteEscalation(ctx('p2'), stateOf(owned), { note: ' ' }))).toEqual(['note:required']);
  });

  it('drafts an FAQ entry from an answered callback, linked to its enquiry, once', () => {
    const closed = [ev('1', 'faq.escalation-closed', { enquiryId: 'q1', outcome: 'answered', attempts: 1, answer: '引き続きご利用いただけます。', note: '' })];
    const x = foldEscalations([Q1], closed)[0]!;
    const r = draftFaqFromEscalation(testContext({ ids: ['entry-1'] }), { escalation: x, linkedEntryIds: [], away: new Map() }, { category: 'ポイント' });
    expect(r.ok && r.value).toBe('entry-1');
    expect(r.ok && r.events).toEqual([
      { type: 'faq.entry-drafted', incidentId: 'i1', payload: { entryId: 'entry-1', question: 'ポイントは使えなくなりますか', answer: '引き続きご利用いただけます。', category: 'ポイント', variants: [] } },
      { type: 'faq.variants-added', incidentId: 'i1', payload: { entryId: 'entry-1', questions: [], enquiryIds: ['q1'], from: { times: [], of: [-1] } } },
    ]);
    // With the moves read (as the screen's handler does), where the question is goes with the link: away since a move, or at home.
    const away = draftFaqFromEscalation(testContext({ ids: ['entry-2'] }), { escalation: x, linkedEntryIds: [], away: new Map([['q1', '2026-12-01T00:00:00.000Z-0001']]) }, { category: '' });
    expect(away.ok && away.events[1]!.payload).toEqual({ entryId: 'entry-2', questions: [], enquiryIds: ['q1'], from: { times: ['2026-12-01T00:00:00.000Z-0001'], of: [0] } });
    const home = draftFaqFromEscalation(testContext({ ids: ['entry-3'] }), { escalation: x, linkedEntryIds: [], away: new Map() }, { category: '' });
    expect(home.ok && home.events[1]!.payload).toEqual({ entryId: 'entry-3', questions: [], enquiryIds: ['q1'], from: { times: [], of: [-1] } });
    expect(problems(draftFaqFromEscalation(testContext(), { escalation: x, linkedEntryIds: ['entry-1'], away: new Map() }, { category: '' }))).toEqual(['entry:already']);
    expect(problems(draftFaqFromEscalation(testContext(), { escalation: foldEscalations([Q1], [])[0]!, linkedEntryIds: [], away: new Map() }, { category: '' }))).toEqual(['answer:not-answered']);
    const passed = foldEscalations([Q1], [ev('1', 'faq.escalation-closed', { enquiryId: 'q1', outcome: 'passed-on', attempts: 1, answer: '', note: '' })])[0]!;
    expect(problems(draftFaqFromEscalation(testContext(), { escalation: passed as Escalation, linkedEntryIds: [], away: new Map() }, { category: '' }))).toEqual(['answer:not-answered']);
  });

  it('the events carry no caller, are placed in the role table, and their schemas refuse junk', () => {
    const r = recordEscalationOutcome(ctx(), stateOf(), { outcome: 'answered', attempts: 1, answer: 'ご安心ください', note: '' });
    expect(JSON.stringify(r.ok && r.events)).not.toMatch(/髙橋|090-1234/);
    for (const type of ['faq.escalation-owned', 'faq.escalation-due-set', 'faq.escalation-noted', 'faq.escalation-closed']) {
      expect(mayWrite(['operator'], type), type).toBe(true);
      expect(mayWrite(['observer'], type), type).toBe(false);
      expect(mayWrite([], type), type).toBe(true);
    }
    const base = { id: '6a1c9f0e-3b7d-4b8a-9c1e-2f3a4b5c6d7e', incidentId: 'i1', at: '0000000000000001-0000-a', actor: 'p1' };
    expect(parseEvent({ ...base, type: 'faq.escalation-due-set', payload: { enquiryId: 'q1', dueAt: '2026-12-02 12:00' } }).ok).toBe(false);
    expect(parseEvent({ ...base, type: 'faq.escalation-closed', payload: { enquiryId: 'q1', outcome: 'answered', attempts: -1, answer: '', note: '' } }).ok).toBe(false);
    expect(parseEvent({ ...base, type: 'faq.escalation-closed', payload: { enquiryId: 'q1', outcome: 'answered', attempts: 2, answer: 'a', note: '' } }).ok).toBe(true);
  });
});
