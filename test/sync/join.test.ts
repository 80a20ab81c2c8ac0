/**
 * A new laptop joins with the code shown on the host: an ephemeral X25519 exchange bound
 * to the code, through the server, gives it the workspace key and the keyring; the host
 * admits its device, and from then on the team accepts its edits. A wrong code gets nothing.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InviteError } from '../../shared/sync/invite';
import { vaultFromMasterKey } from '../../shared/vault/vault';
import { TEST_KDF_COST } from '../../shared/vault/kdf';
import { HonbuDb } from '../../renderer/src/data/db';
import { EventStore } from '../../renderer/src/data/event-store';
import { ALL_PROJECTIONS } from '../../renderer/src/data/projections';
import { hostInvite, redeemInvite } from '../../renderer/src/sync/join';
import { saveDeviceKey, saveKeyring } from '../../renderer/src/sync/device-store';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { firstReport, randomEdit, rng, seedRows } from './edits';
import { allAppended, makeTeam, NodeWebSocket, projections, storedIds, waitConverged, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const ws = NodeWebSocket as never;

describe('joining with an invite code', () => {
  it('hands over the key sealed under the code, admits the device, and the team accepts its edits', async () => {
    const rand = rng(3);
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-join-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    await team.append(alice, [firstReport(), ...seedRows()]);
    for (const l of team.laptops) await team.connect(l, server.url);

    const invite = await hostInvite({
      store: alice.store,
      masterKey: team.master,
      serverUrl: server.url,
      room: team.room,
      root: team.root,
      hostDevice: alice.device.deviceId,
      roles: ['counter'],
      WebSocketPolyfill: ws,
    });
    expect(invite.code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(invite.qr).toContain(encodeURIComponent(server.url));

    const deviceId = crypto.randomUUID();
    const personId = crypto.randomUUID();
    const common = { serverUrl: server.url, deviceId, personId, personName: 'dan', now: Date.now, waitMs: 200, WebSocketPolyfill: ws };
    await expect(redeemInvite({ ...common, code: 'AAAAA-AAAAA-AAAAA-AAAAA' })).rejects.toBeInstanceOf(InviteError);
    // Typed in lower case with spaces: still the same code.
    const redeemed = await redeemInvite({ ...common, code: invite.code.toLowerCase().replace(/-/g, ' ') });
    expect(redeemed.invite).toMatchObject({ room: team.room, roles: ['counter'], root: team.root });

    const device = await invite.admitted;
    expect(device).toMatchObject({ deviceId, personId, personName: 'dan' });
    // The admission is an event Alice appended (outside team.append): count it in.
    for (const id of await storedIds(alice)) alice.appended.add(id);

    // Dan's laptop: its own vault around the team's master key, its own passphrase.
    const { keys } = await vaultFromMasterKey(redeemed.masterKey, 'dan has his own passphrase', TEST_KDF_COST, Date.now());
    const db = new HonbuDb(`sync-dan-${crypto.randomUUID()}`);
    let t = 1_760_000_500_000;
    const dan: Laptop = {
      name: 'dan',
      db,
      store: new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId, actor: personId }, () => (t += 5), keys.index),
      device: redeemed.device,
      personId,
      appended: new Set(),
    };
    team.laptops.push(dan);
    await saveDeviceKey(dan.store, redeemed.device, redeemed.secrets);
    await saveKeyring(dan.store, redeemed.invite.keyring);
    for (let i = 0; i < 30; i++) await team.append(dan, [randomEdit(rand, 'dan')]);
    for (let i = 0; i < 30; i++) await team.append(bob, [randomEdit(rand, 'bob')]);
    await team.connect(dan, redeemed.invite.serverUrl);

    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
    const [pa, pb, pd] = await Promise.all([alice, bob, dan].map(projections));
    expect(pb).toEqual(pa);
    expect(pd).toEqual(pa);
    for (const l of team.laptops) expect(l.client!.status()).toMatchObject({ rejected: 0, held: 0 });
    expect(bob.client!.roster.device(deviceId)).toMatchObject({ personName: 'dan', roles: ['counter'], addedBy: alice.device.deviceId });

    // One use only: the offer is gone from the lobby.
    await expect(redeemInvite({ ...common, code: invite.code })).rejects.toMatchObject({ reason: 'wrong-code' });
  }, 30_000);
});

describe('cancelling an invite', () => {
  it('withdraws the offer at once and admits nobody', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-join-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice']);
    const alice = team.laptops[0]!;
    const invite = await hostInvite({
      store: alice.store,
      masterKey: team.master,
      serverUrl: server.url,
      room: team.room,
      root: team.root,
      hostDevice: alice.device.deviceId,
      roles: [],
      WebSocketPolyfill: ws,
    });
    invite.cancel();
    expect(await invite.admitted).toBeUndefined();
    const late = { serverUrl: server.url, code: invite.code, deviceId: 'd', personId: 'p', personName: 'x', now: Date.now, waitMs: 200, WebSocketPolyfill: ws };
    await expect(redeemInvite(late)).rejects.toMatchObject({ reason: 'wrong-code' });
  }, 15_000);
});
