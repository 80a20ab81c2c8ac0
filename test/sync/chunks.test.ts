/**
 * Signed chunks against a real server (docs/decisions/013-signed-chunks.md): a chunk
 * counts whole or not at all — a tampered one stores none of its events on any laptop and
 * makes none of them "present" for its author, who sends them again; a revoked laptop's
 * chunk in a later epoch's room is refused; a chunk beyond the size limit never gets in.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../shared/events/registry';
import { itemIds, sealEventsChunk, type Chunk } from '../../shared/sync/chunk';
import { sealEnvelope } from '../../shared/sync/envelope';
import { CLOSE } from '../../shared/sync/close-codes';
import type { HonbuEvent } from '../../shared/events/event';
import { encodeHlc } from '../../shared/events/hlc';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { intrude, teamRoom, until, type Intruder } from './intruder';
import { makeTeam, storedIds, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
const intruders: Intruder[] = [];
afterEach(async () => {
  for (const i of intruders.splice(0)) i.destroy();
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

async function start(limits?: { maxEnvelopeBytes: number }) {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-chunks-'));
  server = await startSyncServer({ port: 0, dataDir, limits });
  return server;
}

const note = (n: number, notes = `chunk ${n}`): AnyDraft => ({ type: 'boards.task-changed', incidentId: 'inc-1', payload: { taskId: 't1', changes: { notes } } }) as AnyDraft;

const flip = (bytes: Uint8Array, at: number) => {
  const out = new Uint8Array(bytes);
  out[at] = out[at]! ^ 1;
  return out;
};

const holdsAll = async (l: Team['laptops'][number], ids: string[]) => {
  const stored = await storedIds(l);
  return ids.every((id) => stored.has(id));
};

const deviceItems = (intruder: Intruder, device: string) => intruder.doc.getArray<Chunk>('events').toArray().filter((c) => c.device === device);

describe('signed chunks', () => {
  it('a chunk with one tampered event is refused whole: none of its events is stored, nor present for its author, who sends them again', async () => {
    const url = (await start()).url;
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Team['laptops'][number], Team['laptops'][number]];
    const bobClient = await team.connect(bob, url);
    // Alice works offline: her five events are on her laptop only.
    const aliceClient = await team.connect(alice, url, { connect: false });
    const mine = await team.append(alice, [1, 2, 3, 4, 5].map((n) => note(n)));
    const ids = mine.map((e) => e.id);

    // Someone with the room's credential and key (a rogue member) gets a copy of those
    // events in first, signed by Alice's key but with one byte of the ciphertext changed.
    const room = await teamRoom(team, bob);
    const rogue = intrude(url, room.name, room.token);
    intruders.push(rogue);
    await until(() => rogue.synced(), 5000, 'the rogue client to sync');
    const genuine = await sealEventsChunk(mine, room.keys, alice.device);
    rogue.doc.getArray('events').push([{ ...genuine, ct: flip(genuine.ct, 30) }]);
    await expect.poll(() => bobClient.rejected().map((r) => r.reason), { timeout: 5000 }).toEqual(['bad-signature']);
    await bobClient.idle();
    expect(bobClient.rejected()[0]).toMatchObject({ reason: 'bad-signature', device: alice.device.deviceId, ids });
    const before = await storedIds(bob);
    for (const id of ids) expect(before.has(id)).toBe(false);

    // Alice comes online: her own forged chunk does not count as sent; she sends the five again.
    aliceClient.connect();
    await expect.poll(async () => holdsAll(bob, ids), { timeout: 10_000 }).toBe(true);
    const got = await storedIds(bob);
    expect(ids.filter((id) => !got.has(id))).toEqual([]);
    await expect.poll(() => aliceClient.status().pending, { timeout: 10_000 }).toBe(0);
    expect(aliceClient.rejected()).toMatchObject([{ reason: 'bad-signature', ids }]);
    // In the room: the forged chunk (it cannot be removed) and Alice's own, holding the same five ids.
    const late = intrude(url, room.name, room.token);
    intruders.push(late);
    await until(() => late.synced(), 5000, 'a late reader to sync');
    expect(deviceItems(late, alice.device.deviceId).filter((c) => c.ids.includes(ids[0]!)).map((c) => c.ids)).toEqual([ids, ids]);
    const bobRows = (await bob.store.readEvents()).filter((e) => ids.includes(e.id));
    expect(bobRows.map((e) => (e.payload as { changes: { notes: string } }).changes.notes).sort()).toEqual(['chunk 1', 'chunk 2', 'chunk 3', 'chunk 4', 'chunk 5']);
  }, 30_000);

  it('a room written before chunks is still read: single-event envelopes reach the others, and count as sent for their author', async () => {
    const url = (await start()).url;
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Team['laptops'][number], Team['laptops'][number]];
    const bobClient = await team.connect(bob, url);
    const aliceClient = await team.connect(alice, url, { connect: false });
    const mine = await team.append(alice, [1, 2, 3].map((n) => note(n, `old ${n}`)));
    const ids = mine.map((e) => e.id);
    // Alice's previous version had already sent them, one envelope each.
    const room = await teamRoom(team, bob);
    const old = intrude(url, room.name, room.token);
    intruders.push(old);
    await until(() => old.synced(), 5000, 'the old client to sync');
    old.doc.getArray('events').push(await Promise.all(mine.map((e) => sealEnvelope(e, room.keys, alice.device))));
    await expect.poll(async () => holdsAll(bob, ids), { timeout: 10_000 }).toBe(true);

    aliceClient.connect();
    await expect.poll(() => aliceClient.status().lastSyncAt !== null && aliceClient.status().pending === 0, { timeout: 10_000 }).toBe(true);
    await aliceClient.idle();
    // Nothing sent again: the room holds each of the three once, in its old envelope.
    const late = intrude(url, room.name, room.token);
    intruders.push(late);
    await until(() => late.synced(), 5000, 'a late reader to sync');
    const all = late.doc.getArray('events').toArray().flatMap(itemIds);
    expect(ids.map((id) => all.filter((x) => x === id).length)).toEqual([1, 1, 1]);
    expect(bobClient.rejected()).toEqual([]);
  }, 30_000);

  it('a revoked laptop’s chunk in the room of an epoch after its revocation is refused whole; a member’s chunk gets in', async () => {
    const url = (await start()).url;
    team = await makeTeam(['alice', 'bob', 'eve']);
    const [alice, bob, eve] = team.laptops as [Team['laptops'][number], Team['laptops'][number], Team['laptops'][number]];
    await team.revoke(alice, eve);
    await team.connect(alice, url);
    const client = await team.connect(bob, url);
    await expect.poll(() => client.status().epoch, { timeout: 10_000 }).toBe(1);

    // As if Eve had the new epoch's key: her chunk, properly signed by her, is still refused.
    const room = await teamRoom(team, bob);
    const ev = (device: string, actor: string, n: number): HonbuEvent => ({
      id: crypto.randomUUID(),
      incidentId: 'inc-1',
      at: encodeHlc({ wall: 1_760_000_100_000 + n, counter: 0, node: device }),
      actor,
      type: 'boards.task-changed',
      payload: { taskId: 't1', changes: { notes: `late ${n}` } },
    });
    const eves = await sealEventsChunk([1, 2, 3].map((n) => ev(eve.device.deviceId, eve.personId, n)), room.keys, eve.device);
    const alices = await sealEventsChunk([4, 5].map((n) => ev(alice.device.deviceId, alice.personId, n)), room.keys, alice.device);
    const rogue = intrude(url, room.name, room.token);
    intruders.push(rogue);
    await until(() => rogue.synced(), 5000, 'the rogue client to sync');
    rogue.doc.getArray('events').push([eves, alices]);

    await expect.poll(async () => holdsAll(bob, alices.ids), { timeout: 5000 }).toBe(true);
    await client.idle();
    expect(client.rejected()).toMatchObject([{ reason: 'revoked-device', device: eve.device.deviceId, ids: eves.ids }]);
    const stored = await storedIds(bob);
    expect(eves.ids.filter((id) => stored.has(id))).toEqual([]);
  }, 30_000);

  it('a chunk over the size limit is refused by the server and reaches nobody; chunks within it get in', async () => {
    const url = (await start({ maxEnvelopeBytes: 64 * 1024 })).url;
    team = await makeTeam(['alice', 'bob']);
    const [alice] = team.laptops as [Team['laptops'][number]];
    const aliceClient = await team.connect(alice, url);
    await expect.poll(() => aliceClient.status().lastSyncAt !== null, { timeout: 5000 }).toBe(true);
    const room = await teamRoom(team, alice);
    const big: HonbuEvent[] = [70, 71].map((n) => ({
      id: crypto.randomUUID(),
      incidentId: 'inc-1',
      at: encodeHlc({ wall: 1_760_000_200_000 + n, counter: 0, node: alice.device.deviceId }),
      actor: alice.personId,
      type: 'boards.task-changed',
      payload: { taskId: 't1', changes: { notes: 'x'.repeat(40 * 1024) } },
    }));
    const over = await sealEventsChunk(big, room.keys, alice.device);
    expect(over.ct.byteLength).toBeGreaterThan(64 * 1024);
    const rogue = intrude(url, room.name, room.token);
    intruders.push(rogue);
    await until(() => rogue.synced(), 5000, 'the rogue client to sync');
    const size = rogue.doc.getArray('events').length;
    rogue.doc.getArray('events').push([over]);
    await until(() => rogue.closes.some((c) => c.code === CLOSE.tooLarge), 5000, 'the server to refuse the chunk');

    // A late reader of the room sees no trace of it; what Alice sends meanwhile (small chunks) is stored.
    const sent = await team.append(alice, [note(1), note(2)]);
    await expect.poll(() => aliceClient.status().pending, { timeout: 10_000 }).toBe(0);
    const late = intrude(url, room.name, room.token);
    intruders.push(late);
    await until(() => late.synced(), 5000, 'the late reader to sync');
    const items = late.doc.getArray<Chunk>('events').toArray();
    expect(items.some((c) => c.ids?.includes(big[0]!.id))).toBe(false);
    expect(items.length).toBeGreaterThan(size);
    expect(items.flatMap((c) => c.ids ?? [])).toEqual(expect.arrayContaining(sent.map((e) => e.id)));
  }, 30_000);
});
