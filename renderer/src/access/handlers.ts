/**
 * The access audit's commands as dispatch handlers. The screens that show or hand over
 * personal data call these before they do (contacts/ui/audited.ts), so a look that could not
 * be recorded is not shown. Files of customers go through the two-person export
 * (shared/access/exports.ts): request, approval by a second member, production once.
 */
import * as access from '../../../shared/access/commands';
import type { PrintKind } from '../../../shared/access/events';
import type { ExportRow } from '../../../shared/access/exports';
import type { Handler, HandlerContext } from '../data/handler';
import { tables } from '../data/tables';
import { teamMembers } from './team';

export type AccessHandlers = {
  'access.record-card': Handler<{ incidentId: string } & access.Customer>;
  'access.record-lookup': Handler<{ incidentId: string; hits: readonly access.Customer[] }>;
  /** Value: the export's id, and whether it may be produced at once (no second member in the team). */
  'access.request-export': Handler<access.ExportRequest, { exportId: string; solo: boolean }>;
  'access.approve-export': Handler<access.ExportRef>;
  /** Refuses (a second member) or withdraws (the requester) a request. */
  'access.close-export': Handler<access.ExportRef>;
  /** Recorded before the file is handed over; refused once it was produced. */
  'access.produce-export': Handler<access.Produce>;
  'access.record-print': Handler<{ incidentId: string; kind: PrintKind }>;
};

/**
 * Export decisions on this laptop run one at a time, each reading the export after the last
 * one's events were stored: a double click on "make the file (once)" makes it once and the
 * second is refused. (Two laptops producing offline at once cannot be stopped here; the
 * fold marks it "made more than once" on every laptop.)
 */
let chain: Promise<unknown> = Promise.resolve();
function serial<V>(work: () => Promise<V>): Promise<V> {
  const next = chain.then(work, work);
  chain = next.catch(() => undefined);
  return next;
}

const rowOf = (h: HandlerContext, exportId: string): Promise<ExportRow | undefined> => h.store.table(tables.accessExports).get(exportId);

export const accessHandlers: AccessHandlers = {
  'access.record-card': (h, args) => h.run(access.recordCardOpened(h.ctx, null, args)),
  'access.record-lookup': (h, args) => h.run(access.recordLookupShown(h.ctx, null, args)),
  'access.request-export': async (h, args) => {
    const members = await teamMembers(h.store);
    const exportId = await h.run(access.requestExport(h.ctx, { members }, args));
    return { exportId, solo: members <= 1 };
  },
  'access.approve-export': (h, args) => serial(async () => h.run(access.approveExport(h.ctx, await rowOf(h, args.exportId), args))),
  'access.close-export': (h, args) => serial(async () => h.run(access.closeExport(h.ctx, await rowOf(h, args.exportId), args))),
  'access.produce-export': (h, args) => serial(async () => h.run(access.produceExport(h.ctx, await rowOf(h, args.exportId), args))),
  'access.record-print': (h, args) => h.run(access.recordPrint(h.ctx, null, args)),
};
