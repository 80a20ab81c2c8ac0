/**
 * Whether the laptop has caught up with the team since it connected (decision 019, addendum):
 * a job of an incident filed from an intake report is handed to the host only then. Both
 * ways: what the server held has been received and folded in (this laptop learns of another
 * laptop's incident for the same report first), and what this laptop wrote is on the server
 * (a laptop reconnecting after this one alerted learns of this incident before it alerts in
 * turn). Pure: the sync status and when the laptop connected.
 */
import type { SyncStatus } from '../sync/sync-client';

export function caughtUpSince(status: SyncStatus | null, connectedAt: number | null): boolean {
  if (!status || status.state !== 'connected' || connectedAt === null) return false;
  const received = status.lastSyncAt !== null && status.lastSyncAt >= connectedAt && status.receiving === 0;
  // Own events the server refuses (a full disk, a limit), or that cannot go (a key this laptop
  // cannot follow), would hold the job for as long as that lasts: no other laptop learns of them
  // by waiting, so they do not hold it.
  const sent = status.pending === 0 || status.refusal !== undefined || status.trouble !== undefined;
  return received && sent;
}
