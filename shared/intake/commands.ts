/**
 * Commands of the intake part. The crypto (a new key pair, opening a box) happens in the
 * handler; these check what is recorded against the inbox as folded (state.ts).
 */
import { accept, refuse, unchanged, type CommandContext, type CommandResult } from '../events/command';
import { piecesOf } from '../events/pieces';
import { MAX_REPORT_BYTES_PER_EVENT, MAX_REPORTS_PER_EVENT, type ReceivedReport } from './events';
import { INTAKE_ID } from './report';
import type { IntakeState } from './state';

export interface NewIntakeKey {
  intakeId: string;
  publicKey: string;
  privateKey: string;
  secret: string;
}

/** Records the workspace's intake key. A second key replaces the first only when asked (`replace`): the page's address changes. */
export function createIntakeKey(_ctx: CommandContext, state: IntakeState, args: NewIntakeKey & { replace?: boolean }): CommandResult<string> {
  if (state.key && !args.replace) return refuse([{ field: 'intake', reason: 'exists' }]);
  if (!INTAKE_ID.test(args.intakeId)) return refuse([{ field: 'intakeId', reason: 'invalid' }]);
  const { intakeId, publicKey, privateKey, secret } = args;
  return accept([{ type: 'intake.key-created', incidentId: null, payload: { intakeId, publicKey, privateKey, secret } }], intakeId);
}

/**
 * Records reports fetched from the host, those not recorded yet, in pieces of at most
 * MAX_REPORTS_PER_EVENT reports and MAX_REPORT_BYTES_PER_EVENT of their JSON (piecesOf), in
 * the order fetched (a report larger than that alone, which the host's 32 KiB limit rules out,
 * goes alone). Value: how many were new.
 */
export function recordReceived(_ctx: CommandContext, state: IntakeState, args: { intakeId: string; reports: readonly ReceivedReport[] }): CommandResult<number> {
  const seen = new Set<string>();
  const fresh = args.reports.filter((r) => !state.reports.has(r.reportId) && !seen.has(r.reportId) && seen.add(r.reportId));
  if (fresh.length === 0) return unchanged('reports');
  const pieces = piecesOf(fresh, { maxItems: MAX_REPORTS_PER_EVENT, maxBytes: MAX_REPORT_BYTES_PER_EVENT });
  const events = pieces.map((reports) => ({ type: 'intake.reports-received' as const, incidentId: null, payload: { intakeId: args.intakeId, reports } }));
  return accept(events, fresh.length);
}

/** A report became a first report (its incident) or was set aside; once. */
export function markHandled(
  _ctx: CommandContext,
  state: IntakeState,
  args: { reportId: string; outcome: 'first-report' | 'set-aside'; incidentId: string | null },
): CommandResult {
  const report = state.reports.get(args.reportId);
  if (!report) return refuse([{ field: 'report', reason: 'not-found' }]);
  if (report.handled) return refuse([{ field: 'report', reason: 'already-handled' }]);
  if (args.outcome === 'first-report' && !args.incidentId) return refuse([{ field: 'incidentId', reason: 'required' }]);
  return accept([{ type: 'intake.report-handled', incidentId: null, payload: { reportId: args.reportId, outcome: args.outcome, handledIncidentId: args.incidentId } }]);
}
