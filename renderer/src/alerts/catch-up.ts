/**
 * Whether the laptop has caught up with the team since it connected (decision 019, addendum):
 * a job of an incident filed from an intake report is handed to the host only then, so a
 * laptop that filed the same report offline learns of the other laptop's incident first.
 * Pure: the sync status and when the laptop connected.
 */
import type { SyncStatus } from '../sync/sync-client';

export function caughtUpSince(status: SyncStatus | null, connectedAt: number | null): boolean {
  if (!status || status.state !== 'connected' || connectedAt === null) return false;
  return status.lastSyncAt !== null && status.lastSyncAt >= connectedAt && status.receiving === 0;
}
