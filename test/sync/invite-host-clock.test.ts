/**
 * An invite lives by the server's clock (it sets `expiresAt` and drops the room then); a joiner
 * whose clock is hours off still joins (invite-joiner-clock.test.ts). The host waits for a join
 * request for the invite's TTL as measured on its own laptop from when it opened the invite, so a
 * host whose clock is an hour ahead of the server's (a time zone set wrong) does not close its
 * invite the moment it opens it.
 *
 * Only the host's code sees the skewed clock here (the server runs in this process, so the
 * skew is applied to calls made from renderer/src/sync/join.ts only).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostInvite, redeemInvite } from '../../renderer/src/sync/join';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { makeTeam, NodeWebSocket, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

async function hostAndJoin(skewMs: number) {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-invite-host-clock-'));
  server = await startSyncServer({ port: 0, dataDir });
  team = await makeTeam(['alice']);
  const [alice] = team.laptops as [Laptop];
  const ws = NodeWebSocket as never;
  const real = Date.now.bind(Date);
  // The host laptop's clock (zone set wrong): an hour ahead. The server and joiner are right.
  vi.spyOn(Date, 'now').mockImplementation(() => (new Error().stack ?? '').includes('sync/join.ts') && !(new Error().stack ?? '').includes('redeemInvite') ? real() + skewMs : real());

  const hosted = await hostInvite({ store: alice.store, masterKey: team.master, serverUrl: server.url, room: team.room, root: team.root, hostDevice: alice.device.deviceId, roles: [], WebSocketPolyfill: ws });
  const joined = redeemInvite({
    serverUrl: server.url,
    code: hosted.code,
    deviceId: crypto.randomUUID(),
    personId: crypto.randomUUID(),
    personName: 'nina',
    now: real,
    waitMs: 2000,
    answerMs: 3000,
    WebSocketPolyfill: ws,
  }).then(
    () => 'joined',
    (err: unknown) => `refused: ${String(err)}`,
  );
  return { joiner: await joined, hostAdmitted: (await hosted.admitted) !== undefined };
}

describe('an invite hosted on a laptop whose clock is off', () => {
  it('(control) a host whose clock is right admits the joiner', async () => {
    expect(await hostAndJoin(0)).toEqual({ joiner: 'joined', hostAdmitted: true });
  }, 60_000);

  it('a host whose clock is an hour ahead of the server still admits the joiner within the invite’s 30 minutes', async () => {
    expect(await hostAndJoin(60 * 60 * 1000)).toEqual({ joiner: 'joined', hostAdmitted: true });
  }, 60_000);
});
