/**
 * One escalation per intake report (decision 019, addendum). Two laptops that filed the same
 * intake report offline each started the call tree for their own incident. Once a laptop
 * knows both (shared/incident/duplicates.ts), one escalation goes on and the others stop:
 *
 * 1. one the host already reported on (it is sending: starting another would be a second
 *    round of alerts), the earliest;
 * 2. else the kept incident's, the earliest;
 * 3. else the earliest of the group.
 *
 * "Earliest" is by event clock, then job id, so every laptop picks the same. Test alerts and
 * incidents not filed from an intake report are never touched.
 */
import type { AlertsState, Escalation } from './model';

const earlier = (a: Escalation, b: Escalation) => (a.at !== b.at ? a.at < b.at : a.jobId < b.jobId);

function first(list: Escalation[]): Escalation | undefined {
  return list.reduce<Escalation | undefined>((best, e) => (!best || earlier(e, best) ? e : best), undefined);
}

/** The escalations to stop (not yet acknowledged), given duplicate incident id → kept incident id. */
export function duplicateEscalations(state: AlertsState, duplicates: ReadonlyMap<string, string>): Set<string> {
  if (duplicates.size === 0) return new Set();
  const kept = new Set(duplicates.values());
  const groups = new Map<string, Escalation[]>();
  for (const e of state.escalations.values()) {
    if (!e.incidentId || e.job.test) continue;
    const group = duplicates.get(e.incidentId) ?? (kept.has(e.incidentId) ? e.incidentId : null);
    if (!group) continue;
    groups.set(group, [...(groups.get(group) ?? []), e]);
  }
  const stop = new Set<string>();
  for (const [keptId, list] of groups) {
    if (list.length < 2) continue;
    const chosen = first(list.filter((e) => e.deliveries.size > 0)) ?? first(list.filter((e) => e.incidentId === keptId)) ?? first(list)!;
    for (const e of list) if (e !== chosen && !e.ack) stop.add(e.jobId);
  }
  return stop;
}
