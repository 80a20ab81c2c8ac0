/**
 * The premises changed after a report was filed, and an incident closed (then reopened)
 * while a legal report is still due: written by a stranger to the code, kept as found.
 */
import { describe, expect, it } from 'vitest';
import type { EventDraft, HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { remindersDue, deadlinesFor, type ReminderInput } from '../reminders/reminders';
import * as commands from './commands';
import { changeDetails } from '../incident/commands';
import { incidentClocks } from './effective';
import { disclosureProjection, settingsOf, type DisclosureRow } from './regulator';

let clock = 0;
function stamp(drafts: EventDraft[]): HonbuEvent[] {
  return drafts.map((d) => ({ ...d, id: `e${++clock}`, at: String(clock).padStart(6, '0'), actor: 'p1' }));
}
function apply(events: HonbuEvent[], r: ReturnType<typeof commands.changeSettings>): HonbuEvent[] {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return [...events, ...stamp(r.events)];
}
const row = (events: HonbuEvent[]): DisclosureRow => foldAll(disclosureProjection, events).get('i1')!;

describe('the learned time moved after the preliminary report was filed', () => {
  it('refuses a learned time later than a report already filed, naming the filing', () => {
    const now = Date.parse('2026-12-10T00:00:00Z');
    let events = apply([], commands.changeSettings(testContext({ now }), null, { incidentId: 'i1', changes: { learnedAt: '2026-12-01T01:00:00.000Z' } }));
    // Preliminary report filed on 3 Dec.
    events = apply(events, commands.fileReport(testContext({ now }), { learnedAt: settingsOf(row(events)).learnedAt, filings: [] }, { incidentId: 'i1', kind: 'preliminary', filedAt: '2026-12-03T01:00:00.000Z', reference: 'PPC-1' }));
    // Someone then says the company learned of it on 5 Dec: after the report it already sent.
    const moved = commands.changeSettings(testContext({ now }), row(events), { incidentId: 'i1', changes: { learnedAt: '2026-12-05T01:00:00.000Z' } });
    // The same record the filing command refuses as "before-learned" is reached from the other side.
    expect(moved.ok).toBe(false);
    if (!moved.ok) expect(moved.problems).toEqual([{ field: 'learnedAt', reason: 'after-filed', params: { at: '2026-12-05T01:00:00.000Z', filed: '2026-12-03T01:00:00.000Z' } }]);
    // Moved earlier, or to the filing's own minute, it is accepted.
    expect(commands.changeSettings(testContext({ now }), row(events), { incidentId: 'i1', changes: { learnedAt: '2026-12-03T01:00:30.000Z' } }).ok).toBe(true);
    expect(commands.changeSettings(testContext({ now }), row(events), { incidentId: 'i1', changes: { learnedAt: '2026-11-30T01:00:00.000Z' } }).ok).toBe(true);
  });

  it('a learned time in the future is refused; two minutes ahead is tolerated', () => {
    const now = Date.parse('2026-12-10T00:00:00Z');
    expect(commands.changeSettings(testContext({ now }), null, { incidentId: 'i1', changes: { awareAt: '2026-12-10T01:00:00.000Z' } }).ok).toBe(false);
    expect(commands.changeSettings(testContext({ now }), null, { incidentId: 'i1', changes: { learnedAt: '2026-12-10T00:01:59.000Z' } }).ok).toBe(true);
  });
});

describe('an incident closed while its final report is still due', () => {
  const facts: Facts = { ...EMPTY_FACTS, itemsLeaked: ['creditCard'], confirmedCount: 10, maxCount: 10, discoveredAt: '2026-12-01T01:00:00.000Z' };
  const incident = { id: 'i1', scenario: 'lost-device', facts };
  const now = Date.parse('2026-12-31T00:00:00Z'); // 09:00 JST on the final report's last day (31 Dec)

  function input(completedAt: string | null): ReminderInput {
    const c = incidentClocks(incident, null, now);
    return {
      person: { id: 'p1', name: '法務 花子' },
      now,
      advanceMinutes: 60,
      tasks: [],
      incidents: [{ id: 'i1', completedAt, facts: { nextUpdateAt: null } }],
      clocks: c.clocks.map((k) => ({ incidentId: 'i1', kind: k.kind, dueBy: k.dueBy, applies: k.applies, filed: k.filed !== null })),
      rolesIn: () => ['direction'],
      acknowledged: new Set(),
    };
  }

  it('the clock says a report is required and the final report is due 31 Dec, unfiled', () => {
    const c = incidentClocks(incident, null, now);
    expect(c.assessment.status).toBe('required');
    expect(c.clocks.find((k) => k.kind === 'ppc-final')).toMatchObject({ date: '2026-12-31', filed: null });
  });

  it('open: direction is reminded of the PPC final report', () => {
    expect(remindersDue(input(null)).map((r) => r.subject)).toContainEqual({ type: 'clock', clock: 'ppc-final' });
  });

  it('closed with the report unfiled: the closing itself is accepted (the completion form says which reports are still due)', () => {
    const r = changeDetails(testContext({ now }), null, { incidentId: 'i1', changes: { completedAt: '2026-12-20T00:00:00.000Z' } });
    expect(r.ok).toBe(true);
  });

  it('closed with the report unfiled: the legal reminder must not disappear (the duty to file does not end with the incident)', () => {
    expect(deadlinesFor(input('2026-12-20T00:00:00.000Z')).map((d) => d.subject)).toContainEqual({ type: 'clock', clock: 'ppc-final' });
    expect(remindersDue(input('2026-12-20T00:00:00.000Z')).map((r) => r.subject)).toContainEqual({ type: 'clock', clock: 'ppc-final' });
  });

  it('completed, and never assessed (reportability undetermined): no reminder for ever, while open it still reminds', () => {
    const unassessed = { ...incident, facts: { ...facts, itemsLeaked: [], confirmedCount: null, maxCount: null } as Facts };
    const of = (completedAt: string | null): ReminderInput => {
      const c = incidentClocks(unassessed, null, now);
      expect(c.assessment.status).toBe('undetermined');
      return { ...input(completedAt), clocks: c.clocks.map((k) => ({ incidentId: 'i1', kind: k.kind, dueBy: k.dueBy, applies: k.applies, filed: k.filed !== null })) };
    };
    expect(remindersDue(of('2026-12-20T00:00:00.000Z')).filter((r) => r.subject.type === 'clock')).toEqual([]);
    expect(remindersDue(of(null)).map((r) => r.subject)).toContainEqual({ type: 'clock', clock: 'ppc-final' });
  });

  it('reopened: the reminder comes back', () => {
    expect(remindersDue(input(null)).map((r) => r.subject)).toContainEqual({ type: 'clock', clock: 'ppc-final' });
  });
});

describe('the learned time cleared on the form', () => {
  it('the deadlines keep running (from the discovery time, as before anyone typed one) instead of vanishing', () => {
    const now = Date.parse('2026-12-10T00:00:00Z');
    const facts: Facts = { ...EMPTY_FACTS, itemsLeaked: ['creditCard'], confirmedCount: 10, maxCount: 10, discoveredAt: '2026-12-01T01:00:00.000Z' };
    const incident = { scenario: 'lost-device', facts };
    // Before anyone typed: derived from the discovery time.
    expect(incidentClocks(incident, null, now).deadlines?.final.date).toBe('2026-12-31');
    let events = apply([], commands.changeSettings(testContext({ now }), null, { incidentId: 'i1', changes: { learnedAt: '2026-12-02T01:00:00.000Z' } }));
    expect(incidentClocks(incident, row(events), now).deadlines?.final.date).toBe('2027-01-01');
    // The person empties the datetime field (fromLocalInput('') → null) and saves: accepted.
    const cleared = commands.changeSettings(testContext({ now }), row(events), { incidentId: 'i1', changes: { learnedAt: null } });
    expect(cleared.ok).toBe(true);
    events = apply(events, cleared);
    const c = incidentClocks(incident, row(events), now);
    expect(c.assessment.status).toBe('required');
    expect(c.deadlines, 'deadlines after clearing the learned time').not.toBeNull();
  });
});
