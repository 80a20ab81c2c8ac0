/**
 * The intake inbox as a fold of the intake events (read by type, in clock order): the
 * current key, every key the workspace had (to open older reports), and the reports with
 * whether they were handled. Pure; the app folds what it reads from the store.
 */
import type { HonbuEvent } from '../events/event';
import { isIntakeEvent, type ReceivedReport } from './events';

export interface IntakeKey {
  intakeId: string;
  publicKey: string;
  privateKey: string;
  secret: string;
  createdAt: string;
  by: string;
}

export interface InboxReport extends ReceivedReport {
  intakeId: string;
  /** Clock of the event that recorded it on a laptop. */
  recordedAt: string;
  handled: { outcome: 'first-report' | 'set-aside'; incidentId: string | null; by: string; at: string } | null;
}

export interface IntakeState {
  /** The newest key: the one the page is served with. */
  key: IntakeKey | null;
  keys: ReadonlyMap<string, IntakeKey>;
  reports: ReadonlyMap<string, InboxReport>;
}

export const EMPTY_INTAKE: IntakeState = { key: null, keys: new Map(), reports: new Map() };

export function foldIntake(events: Iterable<HonbuEvent>): IntakeState {
  const keys = new Map<string, IntakeKey>();
  const reports = new Map<string, InboxReport>();
  let key: IntakeKey | null = null;
  const sorted = [...events].filter(isIntakeEvent).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const e of sorted) {
    switch (e.type) {
      case 'intake.key-created': {
        const k = { ...e.payload, createdAt: e.at, by: e.actor };
        keys.set(k.intakeId, k);
        key = k;
        break;
      }
      case 'intake.reports-received':
        // Two laptops may fetch the same report before either acknowledged it: the first record counts.
        for (const r of e.payload.reports) if (!reports.has(r.reportId)) reports.set(r.reportId, { ...r, intakeId: e.payload.intakeId, recordedAt: e.at, handled: null });
        break;
      case 'intake.report-handled': {
        const r = reports.get(e.payload.reportId);
        // The first handling counts (a second laptop filing the same report at once is told it was handled).
        if (r && !r.handled) reports.set(r.reportId, { ...r, handled: { outcome: e.payload.outcome, incidentId: e.payload.handledIncidentId, by: e.actor, at: e.at } });
        break;
      }
    }
  }
  return { key, keys, reports };
}

/** The inbox's order: waiting reports first, newest first within each. */
export function inboxOrder(state: IntakeState): InboxReport[] {
  return [...state.reports.values()].sort((a, b) => {
    if (!a.handled !== !b.handled) return a.handled ? 1 : -1;
    return a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0;
  });
}
