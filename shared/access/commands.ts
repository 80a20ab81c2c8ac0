/**
 * Commands of the access audit. They never refuse the look itself (the roles decide who may
 * look); they check that what is recorded is well formed, and cap a reason at what a form holds.
 */
import { accept, refuse, type CommandContext, type CommandResult, type Problem } from '../events/command';
import { MAX_SHOWN, type ExportKind, type PrintKind } from './events';

export interface Customer {
  datasetId: string;
  row: number;
}

export function recordCardOpened(_ctx: CommandContext, _state: null, args: { incidentId: string } & Customer): CommandResult {
  return accept([{ type: 'access.card-opened', incidentId: args.incidentId, payload: { datasetId: args.datasetId, row: args.row } }]);
}

/** The customers a lookup put on screen; nothing is recorded when it found nobody. */
export function recordLookupShown(_ctx: CommandContext, _state: null, args: { incidentId: string; hits: readonly Customer[] }): CommandResult {
  const hits = args.hits.map(({ datasetId, row }) => ({ datasetId, row }));
  if (hits.length === 0) return refuse([{ field: 'hits', reason: 'unchanged' }]);
  // A page longer than a lookup shows is recorded in pieces, never dropped.
  const events = [];
  for (let i = 0; i < hits.length; i += MAX_SHOWN) {
    events.push({ type: 'access.lookup-shown' as const, incidentId: args.incidentId, payload: { hits: hits.slice(i, i + MAX_SHOWN) } });
  }
  return accept(events);
}

export interface ExportRecord {
  incidentId: string;
  kind: ExportKind;
  datasetId: string;
  batchId: string | null;
  rows: number;
  reason: string;
  fileName: string;
}

/** Recorded before the file is handed over; the value is the export's id (for the file and the report). */
export function recordExport(ctx: CommandContext, _state: null, args: ExportRecord): CommandResult<string> {
  const problems: Problem[] = [];
  if (args.reason.length > 500) problems.push({ field: 'reason', reason: 'too-long', params: { max: 500 } });
  if (!Number.isInteger(args.rows) || args.rows < 0) problems.push({ field: 'rows', reason: 'invalid' });
  if (problems.length > 0) return refuse(problems);
  const exportId = ctx.newId();
  const { incidentId, kind, datasetId, batchId, rows, fileName } = args;
  return accept([{ type: 'access.exported', incidentId, payload: { exportId, kind, datasetId, batchId, rows, reason: args.reason.trim(), fileName: fileName.slice(0, 300) } }], exportId);
}

export function recordPrint(_ctx: CommandContext, _state: null, args: { incidentId: string; kind: PrintKind }): CommandResult {
  return accept([{ type: 'access.printed', incidentId: args.incidentId, payload: { kind: args.kind } }]);
}
