/**
 * The one call the rest of the app makes to alert people for an incident (the first report's
 * call tree, decision 017): records the escalation in the incident's log — the queue — and
 * hands it to the team's host at once if it is reachable (otherwise on reconnect).
 * Refused (CommandRefused) when the plan reaches nobody or the same tree already runs.
 */
import type { EscalationPlan, Severity } from '../../../shared/alerts/plan';
import { dispatch } from '../data/dispatch';
import { alertRoundNow } from './alerts-store';

export async function startEscalation(incidentId: string, plan: EscalationPlan, options: { severity?: Severity; title?: string } = {}): Promise<string> {
  const jobId = await dispatch('alerts.start-escalation', { incidentId, plan, severity: options.severity ?? 'high', ...(options.title ? { title: options.title } : {}) });
  void alertRoundNow();
  return jobId;
}
