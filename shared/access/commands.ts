/**
 * Commands of the access audit. They never refuse the look itself (the roles decide who may
 * look); they check that what is recorded is well formed, and cap a reason at what a form holds.
 */
import { accept, refuse, type CommandContext, type CommandResult, type Problem } from '../events/command';
import { EXPORT_APPROVAL, mayWrite } from '../roles/table';
import { isBlankReason, MAX_SHOWN, type ExportKind, type PrintKind } from './events';
import { exportState, type ExportRow } from './exports';

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

export interface ExportRequest {
  incidentId: string;
  kind: ExportKind;
  /** The variant of the file where a kind has several (mailing list: 'shift_jis' or 'utf-8-bom'). */
  format: string;
  datasetId: string;
  batchId: string | null;
  rows: number;
  reason: string;
}

/**
 * Asks for a file of customers. The reason is required. With no second member in the team
 * (`members` ≤ 1: a solo responder, a drill) the request is marked solo and may be produced
 * at once; the file and the record say so. The value is the export's id.
 */
export function requestExport(ctx: CommandContext, team: { members: number }, args: ExportRequest): CommandResult<string> {
  const problems: Problem[] = [];
  const reason = args.reason.trim();
  if (isBlankReason(reason)) problems.push({ field: 'reason', reason: 'required' });
  if (reason.length > 500) problems.push({ field: 'reason', reason: 'too-long', params: { max: 500 } });
  if (!Number.isInteger(args.rows) || args.rows < 0) problems.push({ field: 'rows', reason: 'invalid' });
  if (problems.length > 0) return refuse(problems);
  const exportId = ctx.newId();
  const { incidentId, kind, datasetId, batchId, rows } = args;
  const payload = { exportId, kind, format: args.format.slice(0, 40), datasetId, batchId, rows, reason, solo: team.members <= 1 };
  return accept([{ type: 'access.export-requested', incidentId, payload }], exportId);
}

/**
 * Which export, in which incident. The screen names the incident it shows, and the commands
 * are given the roles the person holds there (dispatch): a role given in one incident only
 * counts for that incident's exports, and an export of another incident is not found.
 */
export interface ExportRef {
  incidentId: string;
  exportId: string;
}

function known(row: ExportRow | undefined, args: ExportRef): Problem[] {
  if (!row || !row.request || row.incidentId !== args.incidentId) return [{ field: 'export', reason: 'not-found' }];
  return [];
}

/** A second member approves: not the requester, only a role that may approve, only while it waits. */
export function approveExport(ctx: CommandContext, row: ExportRow | undefined, args: ExportRef): CommandResult {
  const missing = known(row, args);
  if (missing.length > 0) return refuse(missing);
  const state = exportState(row!);
  if (state.requestedBy === ctx.actor.personId) return refuse([{ field: 'export', reason: 'self-approval' }]);
  if (!mayWrite(ctx.actor.roles, EXPORT_APPROVAL)) return refuse([{ field: 'role', reason: 'role-required', params: { roles: 'direction,contact-lead', kind: EXPORT_APPROVAL } }]);
  if (state.phase === 'approved') return refuse([{ field: 'export', reason: 'unchanged' }]);
  if (state.phase !== 'waiting') return refuse([{ field: 'export', reason: `export-${state.phase}` }]);
  return accept([{ type: 'access.export-approved', incidentId: row!.incidentId, payload: { exportId: args.exportId } }]);
}

/** A second member refuses (same rule as approving), or the requester withdraws: the request is closed either way. */
export function closeExport(ctx: CommandContext, row: ExportRow | undefined, args: ExportRef): CommandResult {
  const missing = known(row, args);
  if (missing.length > 0) return refuse(missing);
  const state = exportState(row!);
  if (state.phase === 'refused' || state.phase === 'withdrawn') return refuse([{ field: 'export', reason: 'unchanged' }]);
  if (state.phase === 'produced') return refuse([{ field: 'export', reason: 'export-produced' }]);
  const mine = state.requestedBy === ctx.actor.personId;
  if (!mine && !mayWrite(ctx.actor.roles, 'access.export-refused')) return refuse([{ field: 'role', reason: 'role-required', params: { roles: 'direction,contact-lead', kind: 'access.export-refused' } }]);
  const type = mine ? 'access.export-withdrawn' : 'access.export-refused';
  return accept([{ type, incidentId: row!.incidentId, payload: { exportId: args.exportId } }]);
}

export interface Produce extends ExportRef {
  /** The files this production makes (a Shift_JIS mailing list whose rest goes to UTF-8 makes two). */
  files: { fileName: string; rows: number }[];
}

/** The requester makes the file, once, after approval (or at once when solo). Recorded before the file is handed over. */
export function produceExport(ctx: CommandContext, row: ExportRow | undefined, args: Produce): CommandResult {
  const missing = known(row, args);
  if (missing.length > 0) return refuse(missing);
  const req = row!.request!;
  const state = exportState(row!);
  if (req.by !== ctx.actor.personId) return refuse([{ field: 'export', reason: 'not-requester' }]);
  if (state.phase !== 'approved') return refuse([{ field: 'export', reason: `export-${state.phase}` }]);
  if (args.files.length === 0) return refuse([{ field: 'files', reason: 'required' }]);
  const files = args.files.map((f) => ({ fileName: f.fileName.slice(0, 300), rows: f.rows }));
  const rows = files.reduce((n, f) => n + f.rows, 0);
  const payload = { exportId: row!.id, kind: req.kind, datasetId: req.datasetId, batchId: req.batchId, rows, reason: req.reason, fileName: files[0]!.fileName, files };
  return accept([{ type: 'access.exported', incidentId: row!.incidentId, payload }]);
}

export function recordPrint(_ctx: CommandContext, _state: null, args: { incidentId: string; kind: PrintKind }): CommandResult {
  return accept([{ type: 'access.printed', incidentId: args.incidentId, payload: { kind: args.kind } }]);
}
