/**
 * When a job of an intake-born incident may go to the host (decision 019, addendum): only once
 * the laptop has received what the server held since it connected AND the server has what the
 * laptop wrote. Otherwise a second laptop that filed the same report, reconnecting while this
 * laptop's incident is still on its way, catches up without it and alerts a second time.
 */
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../sync/sync-client';
import { caughtUpSince } from './catch-up';

const CONNECTED_AT = 1_000;
const synced: SyncStatus = { state: 'connected', lastSyncAt: 1_200, pending: 0, held: 0, receiving: 0, rejected: 0, peers: [], epoch: 1 };

describe('caught up with the team since connecting', () => {
  it('yes once everything was received and everything written is on the server', () => {
    expect(caughtUpSince(synced, CONNECTED_AT)).toBe(true);
  });

  it('not while offline, before the first sync of this connection, or while received events are still being folded in', () => {
    expect(caughtUpSince(null, CONNECTED_AT)).toBe(false);
    expect(caughtUpSince({ ...synced, state: 'connecting' }, CONNECTED_AT)).toBe(false);
    expect(caughtUpSince(synced, null)).toBe(false);
    expect(caughtUpSince({ ...synced, lastSyncAt: 900 }, CONNECTED_AT)).toBe(false);
    expect(caughtUpSince({ ...synced, receiving: 3 }, CONNECTED_AT)).toBe(false);
  });

  it('not while this laptop’s own events (its incident, its call-out) are still on their way to the server', () => {
    expect(caughtUpSince({ ...synced, pending: 4 }, CONNECTED_AT)).toBe(false);
  });

  it('a server that refuses this laptop’s writes, or a key it cannot follow, does not hold the call-out: nobody learns more by waiting', () => {
    expect(caughtUpSince({ ...synced, pending: 4, refusal: 'disk full', refusedAs: 'storage' }, CONNECTED_AT)).toBe(true);
    expect(caughtUpSince({ ...synced, pending: 4, trouble: 'left-out' }, CONNECTED_AT)).toBe(true);
  });
});
