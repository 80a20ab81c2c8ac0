/** The incident part's commands as dispatch handlers: read the state a command checks, run it. */
import type { Phase } from '../../../shared/boards/model';
import type { DetailsChangedPayload, PdcaReportedPayload, PreventionPlannedPayload } from '../../../shared/incident/events';
import * as commands from '../../../shared/incident/commands';
import type { Facts, ReportFields } from '../../../shared/incident/model';
import type { FactOverride } from '../../../shared/incident/overrides';
import { rowOrRefuse, type Handler } from '../data/handler';
import { tables } from '../data/tables';

export type IncidentHandlers = {
  /** Value: the new incident's id. */
  'incident.file-first-report': Handler<commands.FirstReportInput, string>;
  /** Value: the report's number. */
  'incident.file-follow-up': Handler<{ incidentId: string; report: ReportFields }, number>;
  'incident.change-facts': Handler<{ incidentId: string; changes: Partial<Facts>; startedFrom?: Record<string, string> }>;
  'incident.dismiss-override': Handler<{ incidentId: string; override: FactOverride }>;
  'incident.change-details': Handler<{ incidentId: string; changes: DetailsChangedPayload['changes'] }>;
  'incident.record-decision': Handler<{ incidentId: string; phase: Phase; what: string; why: string; decidedBy: string }>;
  'incident.plan-prevention': Handler<{ incidentId: string } & PreventionPlannedPayload>;
  'incident.report-pdca': Handler<{ incidentId: string } & Omit<PdcaReportedPayload, 'id'>>;
};

export const incidentHandlers: IncidentHandlers = {
  'incident.file-first-report': (h, args) => h.run(commands.fileFirstReport(h.ctx, null, args)),
  'incident.file-follow-up': async (h, { incidentId, report }) => {
    const incident = await rowOrRefuse(h.store, tables.incidents, incidentId, 'incident');
    return h.run(commands.fileFollowUp(h.ctx, incident, { report }));
  },
  'incident.change-facts': async (h, args) => {
    // The stored counts only when one count is given: the one case they can refuse (other facts need no read).
    const incident = commands.changesOneCount(args.changes) ? await rowOrRefuse(h.store, tables.incidents, args.incidentId, 'incident') : null;
    return h.run(commands.changeFacts(h.ctx, incident?.facts ?? null, args));
  },
  'incident.dismiss-override': (h, args) => h.run(commands.dismissOverride(h.ctx, null, args)),
  'incident.change-details': (h, args) => h.run(commands.changeDetails(h.ctx, null, args)),
  'incident.record-decision': (h, args) => h.run(commands.recordDecision(h.ctx, null, args)),
  'incident.plan-prevention': (h, args) => h.run(commands.planPrevention(h.ctx, null, args)),
  'incident.report-pdca': (h, args) => h.run(commands.reportPdca(h.ctx, null, args)),
};
