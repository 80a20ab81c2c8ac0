/**
 * The two-person export (issue 13 §4, docs/decisions/015-two-person-export.md): a file of
 * customers is asked for with a reason, approved by a second member whose role may approve
 * (the role table: "access.export-approved"), then produced once by whoever asked.
 *
 * The fold keeps every event of an export as a set (deduplicated, sorted by clock) and the
 * state is read from those sets by `exportState`, so every laptop reaches the same verdict
 * whatever order the events arrive in. The receiver already refuses an approval whose signer
 * lacks the role; what the fold judges is what the role table cannot: who asked (no
 * self-approval), what came first (approval before production), and how often (once).
 */
import type { ProjectionSpec } from '../events/projection';
import { isAccessEvent, type ExportKind } from './events';

export interface Stamp {
  by: string;
  at: string;
  /** The event's id: the same event folded twice counts once. */
  id: string;
  /**
   * The incident the event was written in (absent on rows folded before it was kept). An
   * approval is judged by its author's role in this incident, so only stamps of the request's
   * own incident count for it: a contact lead of another incident cannot approve by naming
   * this export's id there.
   */
  incidentId?: string;
}

export interface Production extends Stamp {
  kind: ExportKind;
  fileName: string;
  rows: number;
  files: { fileName: string; rows: number }[];
}

export interface ExportRow {
  /** The export's id (printed on the file). */
  id: string;
  incidentId: string;
  request: (Stamp & { kind: ExportKind; format: string; datasetId: string; batchId: string | null; rows: number; reason: string; solo: boolean }) | null;
  approvals: Stamp[];
  refusals: Stamp[];
  withdrawals: Stamp[];
  productions: Production[];
}

export type ExportPhase = 'waiting' | 'approved' | 'refused' | 'withdrawn' | 'produced' | 'recorded';

/** What the record marks on an export: none on one that went as it should. */
export type ExportFlag = 'solo' | 'self-approval' | 'produced-without-approval' | 'produced-again' | 'produced-by-another';

export interface ExportState {
  phase: ExportPhase;
  requestedBy: string | null;
  /** The approval that counts: the first by someone other than the requester. */
  approvedBy: string | null;
  closedBy: string | null;
  produced: Production | null;
  flags: ExportFlag[];
}

const byClock = (a: Stamp, b: Stamp) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const add = <T extends Stamp>(list: T[], item: T): T[] => (list.some((x) => x.id === item.id) ? list : [...list, item].sort(byClock));

export const EXPORT_TYPES = ['access.export-requested', 'access.export-approved', 'access.export-refused', 'access.export-withdrawn', 'access.exported'] as const;

export const exportsProjection: ProjectionSpec<ExportRow> = {
  table: 'access-exports',
  types: EXPORT_TYPES,
  keys: (e) => (e.incidentId !== null && isAccessEvent(e) && (EXPORT_TYPES as readonly string[]).includes(e.type) ? [(e.payload as { exportId: string }).exportId] : []),
  reduce(row, e, key) {
    const next: ExportRow = row ? { ...row } : { id: key, incidentId: e.incidentId!, request: null, approvals: [], refusals: [], withdrawals: [], productions: [] };
    if (!isAccessEvent(e)) return next;
    const stamp = { by: e.actor, at: e.at, id: e.id, incidentId: e.incidentId! };
    switch (e.type) {
      case 'access.export-requested': {
        // The request the app made carries the export's own id (boundEventId): it names the
        // export, whatever else claims it. A request under another id (never the app's) counts
        // only where no bound one exists (requests made before ids were bound): then the first by clock.
        const bound = (r: Stamp | null) => r?.id === key;
        if (next.request && (bound(next.request) || (!bound(stamp) && byClock(next.request, stamp) <= 0))) break;
        const { kind, format, datasetId, batchId, rows, reason, solo } = e.payload;
        next.request = { ...stamp, kind, format, datasetId, batchId, rows, reason, solo };
        // The export belongs to the incident it was asked in, whatever event arrived first.
        next.incidentId = stamp.incidentId;
        break;
      }
      case 'access.export-approved':
        next.approvals = add(next.approvals, stamp);
        break;
      case 'access.export-refused':
        next.refusals = add(next.refusals, stamp);
        break;
      case 'access.export-withdrawn':
        next.withdrawals = add(next.withdrawals, stamp);
        break;
      case 'access.exported': {
        const p = e.payload;
        next.productions = add(next.productions, { ...stamp, kind: p.kind, fileName: p.fileName, rows: p.rows, files: p.files ?? [{ fileName: p.fileName, rows: p.rows }] });
        break;
      }
    }
    return next;
  },
  index: (row) => ({ incidentId: row.incidentId }),
};

/** The export as every laptop reads it from its events. */
export function exportState(row: ExportRow): ExportState {
  const req = row.request;
  // Only what was written in the request's incident counts for it (see Stamp.incidentId).
  const mine = <T extends Stamp>(list: T[]) => (req?.incidentId === undefined ? list : list.filter((s) => s.incidentId === undefined || s.incidentId === req.incidentId));
  const productions = mine(row.productions);
  const first = productions[0] ?? null;
  // Before the two-person export a file was recorded as it was made: no request, nothing to judge.
  if (!req) return { phase: first ? 'recorded' : 'waiting', requestedBy: null, approvedBy: null, closedBy: null, produced: first, flags: [] };
  const approvals = mine(row.approvals);
  const flags: ExportFlag[] = [];
  if (req.solo) flags.push('solo');
  if (approvals.some((a) => a.by === req.by)) flags.push('self-approval');
  const approval = approvals.find((a) => a.by !== req.by) ?? null;
  // Refused by someone other than the requester (a requester withdraws); withdrawn only by the requester.
  const refusal = mine(row.refusals).find((r) => r.by !== req.by) ?? null;
  const withdrawal = mine(row.withdrawals).find((w) => w.by === req.by) ?? null;
  const closing = [refusal, withdrawal].filter((x): x is Stamp => x !== null).sort(byClock)[0] ?? null;
  const own = productions.filter((p) => p.by === req.by);
  if (own.length < productions.length) flags.push('produced-by-another');
  const produced = own[0] ?? null;
  if (own.length > 1) flags.push('produced-again');
  // A request is closed by a refusal or withdrawal made before its file (decision 015: "not
  // once made") — also after an approval: the requester withdrew it, a second approver declined.
  const closed = closing !== null && (produced === null || byClock(closing, produced) < 0);
  // Who approved, for the record: the approval that came before any closing (an approval after a refusal does not reopen it).
  const approvedFirst = approval !== null && (closing === null || byClock(approval, closing) < 0);
  const approved = approvedFirst && !closed;
  if (produced && (closed || (!req.solo && !(approved && byClock(approval, produced) < 0)))) flags.push('produced-without-approval');
  const phase: ExportPhase = produced ? 'produced' : closed ? (closing === refusal ? 'refused' : 'withdrawn') : approved || req.solo ? 'approved' : 'waiting';
  return { phase, requestedBy: req.by, approvedBy: approvedFirst ? approval.by : null, closedBy: closing?.by ?? null, produced, flags };
}

/** Whether the record should make direction look: a file made outside the rules, or without a second person. */
export function exportNeedsLook(s: ExportState): boolean {
  return s.flags.length > 0;
}

/** The short form of an export id for the screen and the file mark: enough to find it in the record. */
export function shortExportId(exportId: string): string {
  return exportId.replace(/-/g, '').slice(0, 8).toUpperCase();
}
