/** The alerting's commands as dispatch handlers (decision 018). */
import * as commands from '../../../shared/alerts/commands';
import { newJobSecret, type ChatKind, type JobReport } from '../../../shared/alerts/job';
import type { EscalationPlan, Severity } from '../../../shared/alerts/plan';
import type { Handler } from '../data/handler';
import { readAlerts } from './read';

export type AlertsHandlers = {
  /** Value: the job id. The plan comes from the call tree (shared/directory); the host sends it. */
  'alerts.start-escalation': Handler<{ incidentId: string; plan: EscalationPlan; severity: Severity; title?: string }, string>;
  /** A test alert to the given addresses and every chat channel, once. Value: the job id. */
  'alerts.send-test': Handler<{ emails: string[] }, string>;
  /** `duplicate`: stopped because another escalation of the same intake report goes on (shared/alerts/duplicates.ts). */
  'alerts.acknowledge': Handler<{ jobId: string; duplicate?: boolean }>;
  /** What the host reported (the host link calls it); appends nothing when nothing is new. */
  'alerts.record-outcomes': Handler<{ report: JobReport }>;
  /** Value: the channel's id. */
  'alerts.save-channel': Handler<{ id?: string; kind: ChatKind; label: string; url: string; details: boolean }, string>;
  'alerts.remove-channel': Handler<{ id: string }>;
  'alerts.set-email-details': Handler<{ details: boolean }>;
};

export const alertsHandlers: AlertsHandlers = {
  'alerts.start-escalation': async (h, a) => h.run(commands.startEscalation(h.ctx, await readAlerts(h.store), { ...a, secret: newJobSecret() })),
  'alerts.send-test': async (h, { emails }) =>
    h.run(
      commands.startEscalation(h.ctx, await readAlerts(h.store), {
        incidentId: null,
        plan: { treeId: 'test', steps: [{ waitMinutes: 0, recipients: [{ personId: h.ctx.actor.personId, name: '', emails, phones: [] }] }] },
        severity: 'low',
        secret: newJobSecret(),
        test: true,
      }),
    ),
  'alerts.acknowledge': async (h, a) => h.run(commands.acknowledge(h.ctx, await readAlerts(h.store), a)),
  'alerts.record-outcomes': async (h, a) => {
    const result = commands.recordOutcomes(h.ctx, await readAlerts(h.store), a);
    if (result.ok && result.events.length === 0) return;
    await h.run(result);
  },
  'alerts.save-channel': async (h, a) => h.run(commands.saveChannel(h.ctx, await readAlerts(h.store), a)),
  'alerts.remove-channel': async (h, a) => h.run(commands.removeChannel(h.ctx, await readAlerts(h.store), a)),
  'alerts.set-email-details': async (h, a) => h.run(commands.setEmailDetails(h.ctx, await readAlerts(h.store), a)),
};
