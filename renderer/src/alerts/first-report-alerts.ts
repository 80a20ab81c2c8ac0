/**
 * A first report filed on this laptop alerts the people of its call tree (decisions 017 and
 * 018): the emergency contact list and the trees give the plan for the incident's scenario
 * and severity at the time it was filed, and the escalation goes into the incident's log,
 * from where the team's host sends it. Only the laptop that filed the report starts it (the
 * others receive the same event by sync and must not alert twice). A drill alerts nobody:
 * nobody is woken at night for a rehearsal. A report with no severity judged yet counts as
 * 高 (alertSeverity). No tree that fits, or nobody to reach in it:
 * nothing starts, and the incident's calling checklist shows the same.
 */
import type { EscalationPlan, Severity } from '../../../shared/alerts/plan';
import { alertSeverity, planFor } from '../../../shared/directory/plan';
import { hlcTime } from '../../../shared/events/hlc';
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import type { EventStore } from '../data/event-store';
import { CommandRefused } from '../data/handler';
import { tables } from '../data/tables';
import { reportError } from '../errors/report';
import { startEscalation } from './start';

type Start = (incidentId: string, plan: EscalationPlan, options: { severity?: Severity; title?: string }) => Promise<string>;

export function alertOnFirstReports(store: EventStore, start: Start = startEscalation): Disposable {
  return toDisposable(
    store.subscribe((notice) => {
      if (notice.origin !== 'local') return;
      for (const e of notice.events) {
        if (e.type !== 'incident.first-reported' || e.payload.drill || !e.incidentId) continue;
        const { incidentId, payload, at } = e;
        void (async () => {
          const [people, trees] = await Promise.all([store.table(tables.directoryPeople).all(), store.table(tables.callTrees).all()]);
          const plan = planFor(people, trees, { scenario: payload.scenario || null, severity: alertSeverity(payload.severity), at: hlcTime(at) });
          if (!plan || plan.steps.length === 0) return;
          await start(incidentId, plan, { severity: alertSeverity(payload.severity), title: payload.title });
        })().catch((err: unknown) => {
          // Refused: the same tree already runs for the incident, or it reaches nobody.
          if (!(err instanceof CommandRefused)) reportError(err, 'background');
        });
      }
    }),
  );
}
