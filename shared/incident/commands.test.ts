import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../boards/scenarios';
import { testContext } from '../events/test-context';
import { changeFacts, fileFirstReport, fileFollowUp, recordDecision, reportPdca } from './commands';
import { EMPTY_REPORT, type Incident } from './model';

const report = { ...EMPTY_REPORT, discoveredAt: '2026-11-20T00:00:00.000Z', reporter: '山田', itemsLeaked: ['name' as const], confirmedCount: 10 };

describe('incident commands (ids and time from the context, so they are plain data)', () => {
  it('the first report creates the incident and its scenario tasks, with ids from the context', () => {
    const template = BUILTIN_TEMPLATES.find((t) => t.id === 'lost-device')!;
    const ids = ['inc-1', ...template.tasks.map((_, i) => `task-${i}`)];
    const r = fileFirstReport(testContext({ ids }), null, { title: ' PC紛失 ', kind: 'personal-data', scenario: 'lost-device', drill: false, report, template });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toBe('inc-1');
    expect(r.events.map((e) => e.type)).toEqual(['incident.first-reported', 'boards.tasks-added']);
    expect(r.events[0]).toMatchObject({ incidentId: 'inc-1', payload: { title: 'PC紛失' } });
    const tasks = r.events[1]!.type === 'boards.tasks-added' ? r.events[1]!.payload.tasks : [];
    expect(tasks.map((t) => t.id)).toEqual(template.tasks.map((_, i) => `task-${i}`));
  });

  it('refuses a report from the future by the context clock, and a first report without title', () => {
    const now = Date.parse('2026-11-19T00:00:00Z');
    const r = fileFirstReport(testContext({ now }), null, { title: '', kind: 'personal-data', scenario: '', drill: false, report });
    expect(r).toEqual({ ok: false, problems: [{ field: 'title', reason: 'required' }, { field: 'discoveredAt', reason: 'future' }] });
  });

  it('a follow-up is the next number and remembers which fact stamps it saw', () => {
    const incident = { id: 'i1', reportCount: 2, stamps: { 'facts.confirmedCount': '0009' } } as Pick<Incident, 'id' | 'reportCount' | 'stamps'> as Incident;
    const r = fileFollowUp(testContext(), incident, { report: { ...EMPTY_REPORT, confirmedCount: 20 } });
    expect(r).toMatchObject({ ok: true, value: 3, events: [{ type: 'incident.report-filed', payload: { number: 3, seen: { confirmedCount: '0009' } } }] });
  });

  it('facts: a maximum below the confirmed count is refused; nothing to change is "unchanged"', () => {
    expect(changeFacts(testContext(), null, { incidentId: 'i1', changes: { confirmedCount: 10, maxCount: 5 } })).toEqual({ ok: false, problems: [{ field: 'maxCount', reason: 'max-below-confirmed' }] });
    expect(changeFacts(testContext(), null, { incidentId: 'i1', changes: {} })).toEqual({ ok: false, problems: [{ field: 'facts', reason: 'unchanged' }] });
  });

  it('facts: one count given alone that crosses the other as stored is refused naming both, as the facts card and a follow-up refuse it', () => {
    const stored: Parameters<typeof changeFacts>[1] = { confirmedCount: 1_000, maxCount: 1_500 };
    const change = (changes: Parameters<typeof changeFacts>[2]['changes'], s = stored) => changeFacts(testContext(), s, { incidentId: 'i1', changes });
    // 1,800 confirmed over the stored maximum of 1,500.
    expect(change({ confirmedCount: 1_800 })).toEqual({
      ok: false,
      problems: [{ field: 'confirmedCount', reason: 'max-below-confirmed', params: { stored: 'maxCount', confirmed: 1_800, max: 1_500 } }],
    });
    // A maximum of 900 under the stored confirmed count of 1,000.
    expect(change({ maxCount: 900 })).toMatchObject({ ok: false, problems: [{ field: 'maxCount', params: { stored: 'confirmedCount', confirmed: 1_000, max: 900 } }] });
    // Agreeing, both given (checked together), a count cleared, or no stored count: accepted.
    expect(change({ confirmedCount: 1_500 })).toMatchObject({ ok: true });
    expect(change({ confirmedCount: 1_800, maxCount: 2_000 })).toMatchObject({ ok: true });
    expect(change({ maxCount: null })).toMatchObject({ ok: true });
    expect(change({ confirmedCount: 1_800 }, { confirmedCount: 1_000, maxCount: null })).toMatchObject({ ok: true });
    // Counts crossed before (two laptops' edits merged): correcting either is accepted, a text fact too.
    const crossed = { confirmedCount: 1_800, maxCount: 1_500 };
    expect(change({ maxCount: 2_000 }, crossed)).toMatchObject({ ok: true });
    expect(change({ confirmedCount: 1_200 }, crossed)).toMatchObject({ ok: true });
    expect(change({ deskPhone: '0120-000-000' }, crossed)).toMatchObject({ ok: true });
  });

  it('facts: a text fact is kept without the spaces around it, and one cleared with a (full-width) space is empty', () => {
    const r = changeFacts(testContext(), null, { incidentId: 'i1', changes: { deskPhone: '　', deskHours: ' 9:00〜18:00　' } });
    expect(r).toMatchObject({ ok: true, events: [{ type: 'incident.facts-changed', payload: { changes: { deskPhone: '', deskHours: '9:00〜18:00' } } }] });
  });

  it('a decision needs what and who; PDCA needs its text; both take their ids from the context', () => {
    expect(recordDecision(testContext(), null, { incidentId: 'i1', phase: 'direction', what: ' ', why: '', decidedBy: '' })).toEqual({
      ok: false,
      problems: [{ field: 'what', reason: 'required' }, { field: 'decidedBy', reason: 'required' }],
    });
    expect(recordDecision(testContext({ ids: ['d1'] }), null, { incidentId: 'i1', phase: 'direction', what: '公表する', why: '', decidedBy: '社長' })).toMatchObject({
      ok: true,
      events: [{ type: 'incident.decision-recorded', payload: { decisionId: 'd1' } }],
    });
    expect(reportPdca(testContext(), null, { incidentId: 'i1', stage: 'plan', text: ' ', reportedBy: 'a', reportedTo: 'b' })).toMatchObject({ ok: false });
    expect(reportPdca(testContext({ ids: ['p1'] }), null, { incidentId: 'i1', stage: 'plan', text: '手順書の改訂', reportedBy: 'a', reportedTo: 'b' })).toMatchObject({
      ok: true,
      events: [{ type: 'incident.pdca-reported', payload: { id: 'p1', text: '手順書の改訂' } }],
    });
  });
});
