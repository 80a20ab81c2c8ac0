import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../events/command';
import type { HonbuEvent } from '../events/event';
import { acknowledge, recordOutcomes, saveChannel, startEscalation } from './commands';
import { escalationsOf, foldAlerts, type AlertsState } from './model';
import type { EscalationPlan } from './plan';
import { detailedText, scrub } from './message';
import type { JobReport } from './job';

let n = 0;
const ctx = (personId = 'p-me', roles: CommandContext['actor']['roles'] = ['direction']): CommandContext => ({ now: 1_000, newId: () => `id-${++n}-aaaaaaaa`, actor: { personId, roles } });
const stamp = (drafts: { type: string; incidentId: string | null; payload: unknown }[], actor = 'p-me'): HonbuEvent[] => drafts.map((d, i) => ({ ...d, id: `e${++n}`, at: `${String(n).padStart(16, '0')}-${i}`, actor }));

const PLAN: EscalationPlan = {
  treeId: 'tree-high',
  steps: [
    { waitMinutes: 15, recipients: [{ personId: 'p-lead', name: '佐藤', emails: ['lead@company.example', 'not an address'], phones: ['090-0000-0000'] }] },
    { waitMinutes: 30, recipients: [{ personId: 'p-exec', name: '鈴木', emails: ['exec@company.example'], phones: [] }] },
  ],
};
const SECRET = 'A'.repeat(43);

function run<V>(state: AlertsState, r: { ok: true; events: { type: string; incidentId: string | null; payload: unknown }[]; value: V } | { ok: false }, actor?: string) {
  if (!r.ok) throw new Error('refused');
  foldAlerts(stamp(r.events, actor), state);
  return r.value;
}

describe('starting an escalation', () => {
  it('carries the plan without phones or malformed addresses, content-free, and is refused twice for the same tree', () => {
    const state = foldAlerts([]);
    const jobId = run(state, startEscalation(ctx(), state, { incidentId: 'inc-1', plan: PLAN, severity: 'high', title: '山田様の情報 090-1111-2222', secret: SECRET }));
    const [esc] = escalationsOf(state, 'inc-1');
    expect(esc!.jobId).toBe(jobId);
    expect(esc!.job.steps[0]).toEqual({ waitMinutes: 15, recipients: [{ personId: 'p-lead', name: '佐藤', emails: ['lead@company.example'] }] });
    expect(JSON.stringify(esc!.job)).not.toContain('090');
    // No channel opted in for details and mails are content-free: the title is not even in the job.
    expect(JSON.stringify(esc!.job)).not.toContain('山田');
    expect(esc!.job.plain.ja).toBe('本部: 重大度 高 の新しい事案があります。アプリを開いてください。');
    const again = startEscalation(ctx(), state, { incidentId: 'inc-1', plan: PLAN, severity: 'high', secret: SECRET });
    expect(again).toEqual({ ok: false, problems: [{ field: 'plan', reason: 'already' }] });
  });

  it('a plan that reaches nobody is refused in words the screen can say', () => {
    const state = foldAlerts([]);
    const r = startEscalation(ctx(), state, { incidentId: 'inc-1', plan: { treeId: 't', steps: [{ waitMinutes: 5, recipients: [{ personId: 'p', name: 'x', emails: [], phones: ['1'] }] }] }, severity: 'low', secret: SECRET });
    expect(r).toEqual({ ok: false, problems: [{ field: 'plan', reason: 'no-recipients' }] });
  });

  it('a plan beyond what the event holds is refused, not half-written; long names are cut', () => {
    const state = foldAlerts([]);
    const step = PLAN.steps[0]!;
    expect(startEscalation(ctx(), state, { incidentId: 'i', plan: { treeId: 't', steps: Array.from({ length: 11 }, () => step) }, severity: 'high', secret: SECRET })).toEqual({ ok: false, problems: [{ field: 'plan', reason: 'invalid' }] });
    const long = { ...step, recipients: [{ ...step.recipients[0]!, name: '長'.repeat(300) }] };
    const r = startEscalation(ctx(), state, { incidentId: 'i', plan: { treeId: 't', steps: [long] }, severity: 'high', secret: SECRET });
    expect(r.ok && (r.events[0]!.payload as { steps: { recipients: { name: string }[] }[] }).steps[0]!.recipients[0]!.name).toHaveLength(200);
  });

  it('details go only where the team opted in, scrubbed of addresses and numbers', () => {
    const state = foldAlerts([]);
    run(state, saveChannel(ctx(), state, { kind: 'slack', label: '#incident', url: 'https://hooks.slack.com/services/T/B/x', details: true }));
    run(state, startEscalation(ctx(), state, { incidentId: 'inc-2', plan: PLAN, severity: 'medium', title: '顧客 a.b@example.jp 0312345678 の件', secret: SECRET }));
    const esc = escalationsOf(state, 'inc-2')[0]!;
    expect(esc.job.detailed?.ja).toContain('件名: 顧客 … … の件');
    expect(scrub('〒100-0001 東京都')).not.toContain('100');
    expect(detailedText('low', '').ja).toBe(esc.job.plain.ja.replace('中', '低'));
  });

  it('webhook URLs must be https (or this machine)', () => {
    const state = foldAlerts([]);
    expect(saveChannel(ctx(), state, { kind: 'teams', label: 'T', url: 'http://hooks.example.com/x', details: false })).toEqual({ ok: false, problems: [{ field: 'url', reason: 'insecure-url' }] });
    expect(saveChannel(ctx(), state, { kind: 'teams', label: '', url: 'nonsense', details: false })).toEqual({ ok: false, problems: [{ field: 'label', reason: 'required' }, { field: 'url', reason: 'invalid' }] });
    expect(saveChannel(ctx(), state, { kind: 'line-works', label: 'LW', url: 'http://127.0.0.1:9/hook', details: false }).ok).toBe(true);
  });
});

describe('outcomes and acknowledgements', () => {
  const report = (jobId: string, over: Partial<JobReport> = {}): JobReport => ({
    jobId,
    state: 'running',
    step: 0,
    deliveries: [{ key: '0:p-lead:email', step: 0, personId: 'p-lead', channel: 'email', status: 'retrying', attempts: 1, error: { code: 'smtp-auth', at: 5 } }],
    ...over,
  });

  it('records only what is new; the same report recorded on two laptops folds to one state', () => {
    const state = foldAlerts([]);
    const jobId = run(state, startEscalation(ctx(), state, { incidentId: 'inc-1', plan: PLAN, severity: 'high', secret: SECRET }));
    const first = recordOutcomes(ctx(), state, { report: report(jobId) });
    const twin = recordOutcomes(ctx(), state, { report: report(jobId) });
    run(state, first);
    run(state, twin, 'p-other');
    expect(recordOutcomes(ctx(), state, { report: report(jobId) })).toEqual({ ok: true, events: [], value: undefined });
    expect([...escalationsOf(state, 'inc-1')[0]!.deliveries.values()]).toEqual(report(jobId).deliveries);
    const sent = report(jobId, { deliveries: [{ ...report(jobId).deliveries[0]!, status: 'sent', attempts: 2, sentAt: 9 }] });
    run(state, recordOutcomes(ctx(), state, { report: sent }));
    // An older report arriving late does not undo it.
    run(state, recordOutcomes(ctx(), { ...state, escalations: new Map([[jobId, { ...state.escalations.get(jobId)!, deliveries: new Map() }]]) }, { report: report(jobId) }));
    expect(escalationsOf(state, 'inc-1')[0]!.deliveries.get('0:p-lead:email')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('acknowledged in the app once; by the link as the host reports it', () => {
    const state = foldAlerts([]);
    const a = run(state, startEscalation(ctx(), state, { incidentId: 'inc-1', plan: PLAN, severity: 'high', secret: SECRET }));
    run(state, acknowledge(ctx('p-lead', []), state, { jobId: a }), 'p-lead');
    expect(escalationsOf(state, 'inc-1')[0]!.ack).toEqual({ personId: 'p-lead', via: 'app', at: 1_000, recordedBy: 'p-lead' });
    expect(acknowledge(ctx(), state, { jobId: a })).toEqual({ ok: false, problems: [{ field: 'jobId', reason: 'already' }] });
    const b = run(state, startEscalation(ctx(), state, { incidentId: 'inc-3', plan: PLAN, severity: 'high', secret: SECRET }));
    run(state, recordOutcomes(ctx(), state, { report: report(b, { state: 'acknowledged', ack: { at: 7, personId: 'p-exec', via: 'link' } }) }));
    expect(escalationsOf(state, 'inc-3')[0]!.ack).toMatchObject({ personId: 'p-exec', via: 'link', at: 7 });
  });
});
