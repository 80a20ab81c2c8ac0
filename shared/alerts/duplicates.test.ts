import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../events/command';
import type { HonbuEvent } from '../events/event';
import { acknowledge, recordOutcomes, startEscalation } from './commands';
import { duplicateEscalations } from './duplicates';
import { foldAlerts, type AlertsState } from './model';
import type { EscalationPlan } from './plan';

let n = 0;
const ctx = (): CommandContext => ({ now: 1_000, newId: () => `job-${++n}-aaaaaaaa`, actor: { personId: 'p-me', roles: ['direction'] } });
const PLAN: EscalationPlan = { treeId: 'tree-high', steps: [{ waitMinutes: 15, recipients: [{ personId: 'p-lead', name: '佐藤', emails: ['lead@company.example'], phones: [] }] }] };
const SECRET = 'A'.repeat(43);

/** Runs a command and folds its events stamped at `at`. */
function run<V>(state: AlertsState, r: ReturnType<typeof startEscalation> | ReturnType<typeof acknowledge>, at: string): V {
  if (!r.ok) throw new Error('refused');
  foldAlerts(r.events.map((d, i) => ({ ...d, id: `e${++n}`, at: `${at}-${i}`, actor: 'p-me' }) as HonbuEvent), state);
  return r.value as V;
}
const start = (state: AlertsState, incidentId: string, at: string) => run<string>(state, startEscalation(ctx(), state, { incidentId, plan: PLAN, severity: 'high', secret: SECRET }), at);

// inc-b is kept (the earlier first report), inc-a is its duplicate.
const DUP = new Map([['inc-a', 'inc-b']]);

describe('one escalation per intake report', () => {
  it('nothing sent yet: the kept incident’s escalation goes on, the duplicate’s stops', () => {
    const state = foldAlerts([]);
    const a = start(state, 'inc-a', '0001');
    const b = start(state, 'inc-b', '0002');
    expect([...duplicateEscalations(state, DUP)]).toEqual([a]);
    expect(duplicateEscalations(state, DUP).has(b)).toBe(false);
  });

  it('the duplicate’s escalation already went out (the host reported): it goes on, the kept one’s does not start a second round', () => {
    const state = foldAlerts([]);
    const a = start(state, 'inc-a', '0001');
    const b = start(state, 'inc-b', '0002');
    const sent = recordOutcomes(ctx(), state, { report: { jobId: a, state: 'running', step: 0, deliveries: [{ key: 'k', step: 0, personId: 'p-lead', channel: 'email', status: 'sent', attempts: 1, sentAt: 5 }] } });
    run(state, sent, '0003');
    expect([...duplicateEscalations(state, DUP)]).toEqual([b]);
  });

  it('an escalation already stopped is not stopped again, and someone’s acknowledgement of the one kept stops the other', () => {
    const state = foldAlerts([]);
    const a = start(state, 'inc-a', '0001');
    const b = start(state, 'inc-b', '0002');
    run(state, acknowledge(ctx(), state, { jobId: a, duplicate: true }), '0003');
    expect(state.escalations.get(a)!.ack!.duplicate).toBe(true);
    expect(duplicateEscalations(state, DUP).size).toBe(0);
    const state2 = foldAlerts([]);
    const a2 = start(state2, 'inc-a', '0001');
    const b2 = start(state2, 'inc-b', '0002');
    run(state2, acknowledge(ctx(), state2, { jobId: b2 }), '0003');
    expect([...duplicateEscalations(state2, DUP)]).toEqual([a2]);
    void b;
  });

  it('incidents that are not duplicates, and test alerts, are never touched', () => {
    const state = foldAlerts([]);
    start(state, 'inc-c', '0001');
    start(state, 'inc-b', '0002');
    run(state, startEscalation(ctx(), state, { incidentId: null, plan: PLAN, severity: 'low', secret: SECRET, test: true }), '0003');
    expect(duplicateEscalations(state, DUP).size).toBe(0);
    expect(duplicateEscalations(state, new Map()).size).toBe(0);
  });
});
