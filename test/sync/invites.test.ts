/**
 * Invites as an attacker meets them, against the real server on loopback: the lobby of an
 * invite holds no secret anyone can open later, cannot be jammed, and is deleted by the
 * server when used, withdrawn or expired. A member who joins after a revocation gets the
 * keyring and reads the team's history across both epochs.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOffer, inviteIdOf, joinRequest, normaliseInviteCode, type InviteRecord } from '../../shared/sync/invite';
import { credentialToken, inviteCredential, roomName } from '../../shared/sync/room';
import { vaultFromMasterKey } from '../../shared/vault/vault';
import { randomBytes } from '../../shared/vault/bytes';
import { TEST_KDF_COST } from '../../shared/vault/kdf';
import { HonbuDb } from '../../renderer/src/data/db';
import { EventStore } from '../../renderer/src/data/event-store';
import { ALL_PROJECTIONS } from '../../renderer/src/data/projections';
import { saveDeviceKey, saveKeyring, saveSyncSettings } from '../../renderer/src/sync/device-store';
import { hostInvite, redeemInvite, type HostedInvite } from '../../renderer/src/sync/join';
import { MAX_INVITE_TTL_MS } from '../../server/room-life';
import { LevelStore } from '../../server/storage';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { firstReport, randomEdit, rng, seedRows } from './edits';
import { intrude, until, type Intruder } from './intruder';
import { allAppended, makeTeam, NodeWebSocket, projections, storedIds, waitConverged, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
const intruders: Intruder[] = [];
afterEach(async () => {
  for (const i of intruders.splice(0)) i.destroy();
  await team?.dispose();
  await server?.close();
  await store?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = store = dataDir = undefined;
});
const track = (i: Intruder) => (intruders.push(i), i);
const ws = NodeWebSocket as never;

/** A server whose store the test can read (what it keeps of each room). */
async function setup(names = ['alice']) {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-invites-'));
  store = await LevelStore.open(join(dataDir, 'db'));
  server = await startSyncServer({ port: 0, dataDir, store, sweepMs: 200 });
  team = await makeTeam(names);
  return { server, store, team, alice: team.laptops[0]! };
}

const invite = (t: Team, alice: Laptop, url: string, ttlMs?: number) =>
  hostInvite({ store: alice.store, masterKey: t.master, serverUrl: url, room: t.room, root: t.root, hostDevice: alice.device.deviceId, roles: ['counter'], ttlMs, WebSocketPolyfill: ws });

const redeem = (url: string, code: string, extra: { waitMs?: number; answerMs?: number } = {}) =>
  redeemInvite({ serverUrl: url, code, deviceId: crypto.randomUUID(), personId: crypto.randomUUID(), personName: '佐藤 一郎', now: Date.now, waitMs: 500, WebSocketPolyfill: ws, ...extra });

/** The invite's room as the server names it, and the token that opens it (both follow from the code). */
async function lobbyOf(code: string) {
  const credential = await inviteCredential(normaliseInviteCode(code), await inviteIdOf(code));
  return { name: await roomName('i', credential, 'lobby'), token: credentialToken(credential) };
}

describe('the invite lobby', () => {
  it('holds nothing a watcher can open: without the code no door, with the token only public keys and sealed data', async () => {
    const { server, team, alice } = await setup();
    const hosted = await invite(team, alice, server.url);
    const lobby = await lobbyOf(hosted.code);

    // Without the credential: refused at the door, nothing read.
    const keyless = track(intrude(server.url, lobby.name, credentialToken(randomBytes(32))));
    await until(() => keyless.denied.length > 0, 5000, 'a keyless client to be refused');
    expect(keyless.doc.getArray('offers').length).toBe(0);

    // A watcher who saw the token (no TLS) reads the offer: a public key and a MAC, nothing more.
    const watcher = track(intrude(server.url, lobby.name, lobby.token));
    await until(() => watcher.synced() && watcher.doc.getArray('offers').length > 0, 5000, 'the watcher to read the offer');
    const offer = watcher.doc.getArray<InviteRecord>('offers').get(0);
    expect(offer).toMatchObject({ v: 2, kind: 'offer' });
    expect(JSON.stringify(offer)).not.toContain(Buffer.from(team.master).toString('base64url'));
    // Without the code it cannot make a request the host accepts, so it never gets an answer.
    await expect(checkOffer('AAAAA-AAAAA-AAAAA-AAAAA', offer)).resolves.toBeNull();
    hosted.cancel();
    expect(await hosted.admitted).toBeUndefined();
  }, 20_000);

  it('is not jammed by garbage or wrong-code join requests: the joiner still gets in', async () => {
    const { server, team, alice } = await setup();
    const hosted = await invite(team, alice, server.url);
    const lobby = await lobbyOf(hosted.code);
    const jammer = track(intrude(server.url, lobby.name, lobby.token));
    await until(() => jammer.synced() && jammer.doc.getArray('offers').length > 0, 5000, 'the jammer to see the offer');
    const hostPub = (jammer.doc.getArray<InviteRecord>('offers').get(0).data as string).split('.')[0]!;
    const inviteId = await inviteIdOf(hosted.code);
    // Well-formed requests made with another code (their MAC does not check), and junk data.
    const forged = await joinRequest('AAAAA-AAAAA-AAAAA-AAAAA', hostPub, { deviceId: 'x', publicKey: 'x', agreementKey: hostPub, personId: 'x', personName: 'x' });
    jammer.doc.getArray('joins').push([
      { ...forged.request, inviteId },
      { v: 2, kind: 'join', inviteId, data: 'garbage' },
      { v: 2, kind: 'join', inviteId, data: `${hostPub}.AAAA.BBBB` },
      { v: 2, kind: 'answer', inviteId, data: 'x.y' },
    ]);
    await new Promise((r) => setTimeout(r, 300));
    const redeemed = await redeem(server.url, hosted.code);
    expect(redeemed.invite).toMatchObject({ room: team.room, roles: ['counter'], root: team.root, keyring: [] });
    expect(await hosted.admitted).toMatchObject({ personName: '佐藤 一郎' });
  }, 20_000);

  it('is deleted by the server once used: records gone, the room refuses even the code', async () => {
    const { server, store, team, alice } = await setup();
    const hosted = await invite(team, alice, server.url);
    const lobby = await lobbyOf(hosted.code);
    await expect.poll(async () => (await store.load(lobby.name)).length, { timeout: 5000 }).toBeGreaterThan(0);
    await redeem(server.url, hosted.code);
    await hosted.admitted;
    await expect.poll(async () => (await store.load(lobby.name)).length, { timeout: 5000 }).toBe(0);
    expect(await store.meta(lobby.name)).toMatchObject({ gone: true });
    const late = track(intrude(server.url, lobby.name, lobby.token));
    await until(() => late.denied.length > 0, 5000, 'the used room to refuse');
    expect(late.denied.join()).toMatch(/invite closed/);
    await expect(redeem(server.url, hosted.code)).rejects.toMatchObject({ reason: 'wrong-code' });
  }, 20_000);

  it('expires on the server: after its lifetime the room and its records are gone, whoever holds the code', async () => {
    const { server, store, team, alice } = await setup();
    const hosted: HostedInvite = await invite(team, alice, server.url, 1500);
    expect(hosted.expiresAt).toBeLessThanOrEqual(Date.now() + 1500);
    const lobby = await lobbyOf(hosted.code);
    // The host's laptop is gone (crashed): only the server can end the invite now.
    expect(await hosted.admitted).toBeUndefined();
    await expect.poll(async () => (await store.load(lobby.name)).length, { timeout: 5000 }).toBe(0);
    const late = track(intrude(server.url, lobby.name, lobby.token));
    await until(() => late.denied.length > 0, 5000, 'the expired room to refuse');
    expect(late.synced()).toBe(false);
    await expect(redeem(server.url, hosted.code)).rejects.toMatchObject({ reason: 'wrong-code' });
  }, 20_000);

  it('lives at most a day, and only its host can withdraw it', async () => {
    const { server, store, team, alice } = await setup();
    const hosted = await invite(team, alice, server.url, 7 * MAX_INVITE_TTL_MS);
    expect(hosted.expiresAt).toBeLessThanOrEqual(Date.now() + MAX_INVITE_TTL_MS);
    const lobby = await lobbyOf(hosted.code);
    // Someone who has the code but not the host's secret asks to drop it: nothing happens.
    const other = track(intrude(server.url, lobby.name, lobby.token));
    await until(() => other.synced(), 5000, 'the other client to open the room');
    other.provider.sendStateless(JSON.stringify({ t: 'drop', secret: Buffer.from(randomBytes(32)).toString('base64url') }));
    other.provider.sendStateless(JSON.stringify({ t: 'open', ttlMs: 60_000, owner: 'A'.repeat(43) }));
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.meta(lobby.name)).toMatchObject({ expiresAt: hosted.expiresAt });
    await expect.poll(async () => (await store.load(lobby.name)).length, { timeout: 5000 }).toBeGreaterThan(0);
    hosted.cancel();
    await expect.poll(async () => (await store.meta(lobby.name))?.gone, { timeout: 5000 }).toBe(true);
    expect((await store.load(lobby.name)).length).toBe(0);
  }, 20_000);

  it('a joiner with a code one character off gets nothing, and the invite stays open for the right one', async () => {
    const { server, team, alice } = await setup();
    const hosted = await invite(team, alice, server.url);
    const off = hosted.code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(redeem(server.url, off)).rejects.toMatchObject({ reason: 'wrong-code' });
    await expect(redeem(server.url, hosted.code)).resolves.toMatchObject({ invite: { room: team.room } });
  }, 20_000);
});

describe('joining after a revocation', () => {
  it('the joiner gets the keyring, reads the history of both epochs and writes in the new one', async () => {
    const rand = rng(5);
    const { server, team } = await setup(['alice', 'bob', 'eve']);
    const [alice, bob, eve] = team.laptops as [Laptop, Laptop, Laptop];
    await team.append(alice, [firstReport(), ...seedRows()]);
    for (const l of team.laptops) await team.connect(l, server.url);
    for (let i = 0; i < 10; i++) for (const l of team.laptops) await team.append(l, [randomEdit(rand, l.name)]);
    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
    await team.revoke(alice, eve);
    await expect.poll(() => [alice, bob].map((l) => l.client!.status().epoch), { timeout: 15_000 }).toEqual([1, 1]);
    for (let i = 0; i < 10; i++) await team.append(bob, [randomEdit(rand, 'bob')]);

    const hosted = await invite(team, alice, server.url);
    const deviceId = crypto.randomUUID();
    const personId = crypto.randomUUID();
    const redeemed = await redeemInvite({ serverUrl: server.url, code: hosted.code, deviceId, personId, personName: 'dan', now: Date.now, WebSocketPolyfill: ws });
    expect(redeemed.invite.keyring.map((e) => ({ epoch: e.epoch, revoked: e.revoked }))).toEqual([{ epoch: 1, revoked: [eve.device.deviceId] }]);
    await hosted.admitted;
    for (const id of await storedIds(alice)) alice.appended.add(id);

    const { keys } = await vaultFromMasterKey(redeemed.masterKey, 'dan has his own passphrase', TEST_KDF_COST, Date.now());
    const db = new HonbuDb(`sync-dan-${crypto.randomUUID()}`);
    let t = 1_760_000_900_000;
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
    await saveSyncSettings(dan.store, { serverUrl: server.url, fingerprint: null, room: team.room, root: team.root });
    for (let i = 0; i < 10; i++) await team.append(dan, [randomEdit(rand, 'dan')]);
    await team.connect(dan, server.url);

    const members = [alice, bob, dan];
    const expected = allAppended([alice, bob, dan]);
    for (const id of await storedIds(bob)) expected.add(id);
    await waitConverged(members, expected, 20_000);
    expect(dan.client!.status()).toMatchObject({ epoch: 1, pending: 0, held: 0 });
    const [pa, pb, pd] = await Promise.all(members.map(projections));
    expect(pb).toEqual(pa);
    expect(pd).toEqual(pa);
    // Eve, revoked before Dan joined, never sees Dan's work.
    const eveHas = await storedIds(eve);
    expect([...dan.appended].some((id) => eveHas.has(id))).toBe(false);
  }, 60_000);
});
