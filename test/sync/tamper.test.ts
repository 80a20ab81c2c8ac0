/**
 * Whatever lands in the shared array, only envelopes signed by a trusted device and
 * sealed under the workspace key reach the store; everything else is refused with a
 * reason the UI can show.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../shared/events/event';
import { encodeHlc } from '../../shared/events/hlc';
import { generateDeviceKey } from '../../shared/sync/device-key';
import { sealEnvelope, type Envelope } from '../../shared/sync/envelope';
import { createVault } from '../../shared/vault/vault';
import { TEST_KDF_COST } from '../../shared/vault/kdf';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { intrude, teamRoom, until, type Intruder } from './intruder';
import { makeTeam, storedIds, type Team } from './team';
import { tables } from '../../renderer/src/data/tables';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
let intruder: Intruder | undefined;
afterEach(async () => {
  intruder?.destroy();
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = intruder = undefined;
});

const event = (device: string, actor: string, n: number): HonbuEvent => ({
  id: crypto.randomUUID(),
  incidentId: 'inc-1',
  at: encodeHlc({ wall: 1_760_000_100_000 + n, counter: 0, node: device }),
  actor,
  type: 'boards.task-changed',
  payload: { taskId: 't1', changes: { notes: `tamper ${n}` } },
});

describe('envelopes that must not get in', () => {
  // Envelopes of the wrong shape (unsigned, bad ids) never get past the server: see server.test.ts.
  it('tampered, forged, foreign and revoked envelopes sent by a member are rejected and reported; a good one gets in', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-tamper-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'eve']);
    const [alice, bob, eve] = team.laptops as [Team['laptops'][number], Team['laptops'][number], Team['laptops'][number]];
    // Alice cuts Eve off before anyone syncs: a new key epoch without her, and the revocation.
    await team.revoke(alice, eve);
    await team.connect(alice, server.url);
    const client = await team.connect(bob, server.url);
    await expect.poll(() => client.roster.trust(eve.device.deviceId), { timeout: 5000 }).toBe('revoked');
    await expect.poll(() => client.status().epoch, { timeout: 10_000 }).toBe(1);

    // A member's laptop gone rogue (it has the room credential and the key of the current epoch), writing with a plain client.
    const room = await teamRoom(team, bob);
    const key = room.keys;
    const epochZero = (await teamRoom(team, bob, 0)).keys;
    const a = (n: number) => event(alice.device.deviceId, alice.personId, n);
    const flip = (bytes: Uint8Array, at: number) => {
      const out = new Uint8Array(bytes);
      out[at] = out[at]! ^ 1;
      return out;
    };
    const stranger = (await generateDeviceKey(crypto.randomUUID())).key;
    const { keys: otherWorkspace } = await createVault('some other workspace key', TEST_KDF_COST);

    const good = await sealEnvelope(a(0), key, alice.device);
    const tamperedCt = await sealEnvelope(a(1), key, alice.device);
    const wrongKey = await sealEnvelope(a(3), { epoch: 1, envelope: otherWorkspace.data }, alice.device);
    const oldEpoch = await sealEnvelope(a(8), epochZero, alice.device);
    const impersonated = await sealEnvelope(event(bob.device.deviceId, bob.personId, 4), key, alice.device);
    const otherActor = await sealEnvelope(event(alice.device.deviceId, bob.personId, 5), key, alice.device);
    const fromStranger = await sealEnvelope(event(stranger.deviceId, alice.personId, 6), key, stranger);
    const fromRevoked = await sealEnvelope(event(eve.device.deviceId, eve.personId, 7), key, eve.device);
    const bad: { env: Envelope | Record<string, unknown>; reason: string }[] = [
      { env: { ...tamperedCt, ct: flip(tamperedCt.ct, 20) }, reason: 'bad-signature' },
      { env: wrongKey, reason: 'undecryptable' },
      // Signed by Alice but claims to come from Bob's device.
      { env: { ...impersonated, device: bob.device.deviceId }, reason: 'bad-signature' },
      // Alice's signature over an event stamped by Bob's clock.
      { env: impersonated, reason: 'device-mismatch' },
      { env: otherActor, reason: 'actor-mismatch' },
      { env: fromRevoked, reason: 'revoked-device' },
      // A genuine envelope of the old epoch copied into the new room.
      { env: oldEpoch, reason: 'wrong-epoch' },
    ];

    intruder = intrude(server.url, room.name, room.token);
    await until(() => intruder!.synced(), 5000, 'the intruder to sync');
    intruder.doc.getArray('events').push([...bad.map((b) => b.env), fromStranger, good]);

    await expect.poll(() => client.status().rejected, { timeout: 5000 }).toBe(bad.length);
    await client.idle();
    const reasons = client.rejected().map((r) => r.reason).sort();
    expect(reasons).toEqual(bad.map((b) => b.reason).sort());
    // A device nobody added is held, not applied, in case its addition is still on the way.
    expect(client.status().held).toBe(1);

    const ids = await storedIds(bob);
    expect(ids.has(good.id)).toBe(true);
    for (const b of [...bad.map((x) => x.env), fromStranger]) expect(ids.has(String(b.id))).toBe(false);
  }, 20_000);

  it('a signed event this version cannot fold is refused with its reason, neither stored nor folded; an old type name is taken', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-invalid-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Team['laptops'][number], Team['laptops'][number]];
    await team.connect(alice, server.url);
    const client = await team.connect(bob, server.url);
    const a = (n: number) => event(alice.device.deviceId, alice.personId, n);
    const room = await teamRoom(team);
    const key = room.keys;

    // Signed by a member and sealed under the epoch's key, so only the payload check can stop them.
    const badPayload = await sealEnvelope({ ...a(10), payload: { taskId: 't1', changes: { status: 'finished' } } }, key, alice.device);
    const unknownType = await sealEnvelope({ ...a(11), type: 'boards.task-archived' }, key, alice.device);
    const oldName = await sealEnvelope(
      { ...a(12), type: 'decision.recorded', payload: { decisionId: 'd1', phase: 'direction', what: '公表する', why: '', decidedBy: '社長' } },
      key,
      alice.device,
    );
    intruder = intrude(server.url, room.name, room.token);
    await until(() => intruder!.synced(), 5000, 'the intruder to sync');
    intruder.doc.getArray('events').push([badPayload, unknownType, oldName]);

    await expect.poll(() => client.status().rejected, { timeout: 5000 }).toBe(2);
    await client.idle();
    expect(client.rejected().map((r) => ({ id: r.id, reason: r.reason, detail: r.detail }))).toEqual([
      { id: badPayload.id, reason: 'invalid-event', detail: 'boards.task-changed payload.changes.status: expected ("todo" | "doing" | "blocked" | "done")' },
      { id: unknownType.id, reason: 'invalid-event', detail: 'type: "boards.task-archived" is not an event type this version knows' },
    ]);
    await expect.poll(async () => (await storedIds(bob)).has(oldName.id), { timeout: 5000 }).toBe(true);
    const ids = await storedIds(bob);
    expect(ids.has(badPayload.id) || ids.has(unknownType.id)).toBe(false);
    expect((await bob.store.readEvents()).find((e) => e.id === oldName.id)?.type).toBe('incident.decision-recorded');
    expect(await bob.store.table(tables.decisions).all()).toMatchObject([{ id: 'd1', what: '公表する' }]);
    expect(await bob.store.table(tables.tasks).all()).toEqual([]);
  }, 20_000);
});
