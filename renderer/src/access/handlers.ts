/**
 * The access audit's commands as dispatch handlers. The screens that show or hand over
 * personal data call these before they do (contacts/ui/audited.ts), so a look that could not
 * be recorded is not shown.
 */
import * as access from '../../../shared/access/commands';
import type { PrintKind } from '../../../shared/access/events';
import type { Handler } from '../data/handler';

export type AccessHandlers = {
  'access.record-card': Handler<{ incidentId: string } & access.Customer>;
  'access.record-lookup': Handler<{ incidentId: string; hits: readonly access.Customer[] }>;
  /** Value: the export's id. */
  'access.record-export': Handler<access.ExportRecord, string>;
  'access.record-print': Handler<{ incidentId: string; kind: PrintKind }>;
};

export const accessHandlers: AccessHandlers = {
  'access.record-card': (h, args) => h.run(access.recordCardOpened(h.ctx, null, args)),
  'access.record-lookup': (h, args) => h.run(access.recordLookupShown(h.ctx, null, args)),
  'access.record-export': (h, args) => h.run(access.recordExport(h.ctx, null, args)),
  'access.record-print': (h, args) => h.run(access.recordPrint(h.ctx, null, args)),
};
