/**
 * A tester's attack on events in parts (decision 069) through the real sync server on
 * 127.0.0.1: honest laptops at odd moments (a drop mid-parts, a restart mid-parts, a
 * revocation mid-parts, a role that arrives after the event), and a malicious member laptop
 * (its own device key and the room key) or someone with only the room's token pushing raw
 * items (intruder.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import type { HonbuEvent } from '../../shared/events/event';
import type { AnyDraft } from '../../shared/events/registry';
import { itemPart, packedPayload, sealChunkBytes, sealEventsChunk, type Chunk } from '../../shared/sync/chunk';
import { cutIntoParts } from '../../shared/sync/parts';
import type { EpochKeys } from '../../shared/sync/epoch';
import type { DeviceKey } from '../../shared/sync/device-key';
import { generateDeviceKey } from '../../shared/sync/device-key';
import { firstReport, INCIDENT } from './edits';
import { intrude, teamRoom, until, type Intruder } from './intruder';
import { allAppended, makeTeam, NodeWebSocket, sleep, storedIds, waitConverged, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dir: string | undefined;
const intruders: Intruder[] = [];
afterEach(async () => {
  for (const i of intruders.splice(0)) i.destroy();
  await team?.dispose();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = team = dir = undefined;
});
const track = (i: Intruder) => (intruders.push(i), i);

const INTAKE = 'bGltaXQtZXhhY3RseS0wMQ';
/**
 * A returned-mail list as the post room records it (as in sender-limit.test.ts): `n` rows
 * scattered over 20M customers, a reason each and the carrier's note with a random tracking
 * number. 200,000 rows are about 2.5 MiB packed (3 parts), 600,000 about 7.5 MiB (8 parts).
 */
const bigList = (n: number): AnyDraft => {
  const rows = Array.from({ length: n }, (_, i) => Math.floor((i * 20_000_000) / n) + ((i * 7919) % 19));
  let x = (Date.now() >>> 0) | 1;
  const tracking = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0).toString(16).padStart(8, '0');
  return {
    type: 'contacts.outcomes-recorded', incidentId: INCIDENT,
    payload: {
      datasetId: 'ds-1', channel: 'post', source: 'returned-mail', rows,
      outcomes: rows.map(() => 'failed'),
      reasons: rows.map((r) => (r % 3 ? 'unknown-address' : 'moved-no-forwarding')),
      notes: rows.map(() => `転居先不明 ${tracking()}${tracking()}`),
    },
  } as AnyDraft;
};
const smallList = (): AnyDraft => ({ type: 'contacts.outcomes-recorded', incidentId: INCIDENT, payload: { datasetId: 'ds-1', channel: 'post', source: 'returned-mail', rows: [1, 2, 3], outcomes: ['failed', 'failed', 'failed'], reasons: ['unknown-address', 'unknown-address', 'unknown-address'], notes: ['a', 'b', 'c'] } }) as AnyDraft;
const contactLead = (personId: string): AnyDraft => ({ type: 'roles.role-assigned', incidentId: INCIDENT, payload: { personId, role: 'contact-lead' } }) as AnyDraft;
const small = (tag: string): AnyDraft => ({ type: 'intake.reports-received', incidentId: null, payload: { intakeId: INTAKE, reports: [{ reportId: tag, receivedAt: '2026-12-01T09:00:00.000Z', box: { v: 1, epk: 'A'.repeat(87), iv: 'B'.repeat(16), ct: 'C'.repeat(40) } }] } }) as AnyDraft;

async function startServer(tag: string) {
  dir = await mkdtemp(join(tmpdir(), `honbu-parts-attack-${tag}-`));
  server = await startSyncServer({ port: 0, dataDir: dir });
  return server;
}

const connect = (l: Laptop) => team!.connect(l, server!.url, { WebSocketPolyfill: NodeWebSocket as never });

/** The event's parts, each sealed and signed by `device` for the room of `keys`, as its laptop would push them. */
async function sealParts(event: HonbuEvent, keys: EpochKeys, device: DeviceKey): Promise<Chunk[]> {
  const cut = await cutIntoParts(event.id, packedPayload([event]));
  return Promise.all(cut.ids.map((id, i) => sealChunkBytes([id], cut.plaintexts[i]!, keys, device)));
}

/** Pushes items into the room, one transaction each, and waits until the server has them all. */
async function pushAll(reader: Intruder, items: unknown[]): Promise<void> {
  const arr = reader.doc.getArray('events');
  const before = arr.length;
  for (const item of items) arr.push([item]);
  await until(() => arr.length >= before + items.length, 10_000, 'the items in the room');
  // The server echoes nothing back to the pusher: give it time to store and pass them on.
  await sleep(700);
}

async function readBack(l: Laptop, id: string): Promise<HonbuEvent[]> {
  return (await l.store.readEvents()).filter((e) => e.id === id);
}

/** What a laptop holds under an event's id, in short: 'absent', 'equal' (field for field), or what differs. */
function compare(got: HonbuEvent[], want: HonbuEvent): string {
  if (got.length === 0) return 'absent';
  if (got.length > 1) return `${got.length} copies`;
  const g = got[0]!;
  if (isDeepStrictEqual(g, want)) return 'equal';
  const fields = Object.keys({ ...g, ...want, ...(g.payload as object), ...(want.payload as object) }).filter((k) => !isDeepStrictEqual((g as never)[k] ?? (g.payload as never)[k], (want as never)[k] ?? (want.payload as never)[k]));
  return `differs (${fields.join(', ')}): a ${g.type} by ${g.actor} (wanted a ${want.type} by ${want.actor})`;
}

/** Polls a laptop's store for an event until it is there (or `ms` pass). */
async function waitFor(l: Laptop, want: HonbuEvent, ms: number): Promise<string> {
  const end = Date.now() + ms;
  let state = compare(await readBack(l, want.id), want);
  while (state === 'absent' && Date.now() < end) {
    await sleep(250);
    state = compare(await readBack(l, want.id), want);
  }
  return state;
}

describe('a malicious member laptop against another laptop’s event in parts', () => {
  it('a member who reads the event id in the clear from the first part and signs an event of its own under that id does not replace the real event on the teammates', async () => {
    await startServer('squat');
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = team.laptops as [Laptop, Laptop, Laptop];
    await team.append(alice, [firstReport()]);
    await connect(alice);
    await connect(bob);
    await waitConverged([alice, bob], allAppended([alice, bob]), 20_000);
    // Alice's laptop is closed while her large event goes out (as in sender-limit.test.ts: her parts pushed for her).
    await alice.client!.stop();
    const [big] = await team.append(alice, [bigList(200_000)]);
    const room = await teamRoom(team);
    const parts = await sealParts(big!, room.keys, alice.device);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const wire = track(intrude(server!.url, room.name, room.token));
    await until(() => wire.synced(), 10_000, 'the room');
    await pushAll(wire, [parts[0]]);

    // Mallory, a member, reads the room: the first part names Alice's event id in clear.
    const seen = wire.doc.getArray('events').toArray().map(itemPart).find((p) => p !== undefined)!;
    expect(seen.eventId).toBe(big!.id);
    // She signs an ordinary event of her own (an FAQ draft: anyone may) under that id.
    const [own] = await mallory.store.append([{ type: 'faq.entry-drafted', incidentId: INCIDENT, payload: { entryId: 'faq-x', question: '個人情報は漏れましたか', variants: [], category: '', answer: '漏れていません。' } } as AnyDraft]);
    const squat: HonbuEvent = { ...own!, id: seen.eventId };
    await pushAll(wire, [await sealEventsChunk([squat], room.keys, mallory.device)]);
    // Alice's remaining parts.
    await pushAll(wire, parts.slice(1));
    await sleep(1500);
    await bob.client!.idle();

    // Alice's laptop starts again: what it finds in the room.
    alice.client = await connect(alice);
    await sleep(2000);
    await alice.client.idle();
    await bob.client!.idle();
    const onBob = compare(await readBack(bob, big!.id), big!);
    expect(onBob.replace(mallory.personId, 'mallory').replaceAll(alice.personId, 'alice'), `Bob's laptop under Alice's list's id: ${onBob.replace(mallory.personId, 'mallory').replaceAll(alice.personId, 'alice')}`).toBe('equal');
    // Alice's own laptop holds her list: the two laptops disagree on what this event is.
    expect(compare(await readBack(alice, big!.id), big!)).toBe('equal');
  }, 90_000);

  it('a member’s cutting of its own under another laptop’s event id, completed between that laptop’s parts, does not make the teammates drop the real event’s parts', async () => {
    await startServer('forget');
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = team.laptops as [Laptop, Laptop, Laptop];
    await connect(alice);
    await connect(bob);
    await waitConverged([alice, bob], allAppended([alice, bob]), 20_000);
    await alice.client!.stop();
    const [big] = await team.append(alice, [bigList(200_000)]);
    const room = await teamRoom(team);
    const parts = await sealParts(big!, room.keys, alice.device);
    const wire = track(intrude(server!.url, room.name, room.token));
    await until(() => wire.synced(), 10_000, 'the room');
    await pushAll(wire, [parts[0]]);

    // Mallory cuts a packed body of her own (any will do) under Alice's id.
    const [own] = await mallory.store.append([bigList(200_000)]);
    const bogus = await cutIntoParts(big!.id, packedPayload([own!]));
    await pushAll(wire, await Promise.all(bogus.ids.map((id, i) => sealChunkBytes([id], bogus.plaintexts[i]!, room.keys, mallory.device))));
    await pushAll(wire, parts.slice(1));
    await bob.client!.idle();
    // Mallory's whole is refused, and said so, on Bob's laptop...
    await expect.poll(() => bob.client!.rejected().filter((r) => r.device === mallory.device.deviceId).length, { timeout: 10_000 }).toBeGreaterThan(0);
    // ...and Alice's event, all of whose parts are in the room, is stored on it once and whole.
    const got = await waitFor(bob, big!, 12_000);
    // Bob's laptop restarts: it reads the room again from its cache, in the same order.
    await bob.client!.stop();
    bob.client = await connect(bob);
    const afterRestart = await waitFor(bob, big!, 12_000);
    expect({ got, afterRestart }, 'Bob never stores Alice’s event, although all its parts are in the room').toEqual({ got: 'equal', afterRestart: 'equal' });
  }, 90_000);
  it('the same cutting of Mallory’s pushed before Alice’s first part: refused, and Alice’s event is stored whole (held: the control for the test above)', async () => {
    await startServer('forget-control');
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = team.laptops as [Laptop, Laptop, Laptop];
    await connect(alice);
    await connect(bob);
    await waitConverged([alice, bob], allAppended([alice, bob]), 20_000);
    await alice.client!.stop();
    const [big] = await team.append(alice, [bigList(200_000)]);
    const room = await teamRoom(team);
    const parts = await sealParts(big!, room.keys, alice.device);
    const wire = track(intrude(server!.url, room.name, room.token));
    await until(() => wire.synced(), 10_000, 'the room');
    const [own] = await mallory.store.append([bigList(200_000)]);
    const bogus = await cutIntoParts(big!.id, packedPayload([own!]));
    await pushAll(wire, await Promise.all(bogus.ids.map((id, i) => sealChunkBytes([id], bogus.plaintexts[i]!, room.keys, mallory.device))));
    await pushAll(wire, parts);
    expect(await waitFor(bob, big!, 15_000)).toBe('equal');
    expect(bob.client!.rejected().filter((r) => r.device === mallory.device.deviceId).map((r) => r.reason)).toEqual(['id-mismatch']);
  }, 90_000);
});

describe('an event in parts at odd moments for honest laptops', () => {
  it('a laptop revoking another while its large event is half sent: the teammate gets the event, in the new epoch', async () => {
    await startServer('epoch');
    team = await makeTeam(['alice', 'bob', 'eve']);
    const [alice, bob, eve] = team.laptops as [Laptop, Laptop, Laptop];
    await team.append(alice, [firstReport()]);
    for (const l of team.laptops) await connect(l);
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);
    const oldRoom = await teamRoom(team, alice, 0);
    const watch = track(intrude(server!.url, oldRoom.name, oldRoom.token));
    await until(() => watch.synced(), 10_000, 'the room');

    const [big] = await team.append(alice, [bigList(600_000)]);
    // The first of its parts reached the server: the laptop drops off the network (a train, a lid).
    await until(() => watch.doc.getArray('events').toArray().some((v) => itemPart(v)?.eventId === big!.id), 20_000, 'a first part');
    alice.client!.disconnect();
    await sleep(500);
    const inOld = watch.doc.getArray('events').toArray().map(itemPart).filter((p) => p?.eventId === big!.id);
    expect(inOld.length).toBeLessThan(inOld[0]!.count);
    // Meanwhile she revokes Eve's laptop (lost), and comes back online.
    await team.revoke(alice, eve);
    alice.client!.connect();
    await expect.poll(() => [alice, bob].map((l) => l.client!.status().epoch), { timeout: 20_000 }).toEqual([1, 1]);
    const [after] = await team.append(alice, [small('after')]);

    await expect.poll(async () => (await storedIds(bob)).has(after!.id), { timeout: 20_000 }).toBe(true);
    await alice.client!.idle();
    // Alice's laptop says nothing waits to be sent...
    await expect.poll(() => alice.client!.status().pending, { timeout: 20_000 }).toBe(0);
    // ...so Bob must have her event.
    const first = await waitFor(bob, big!, 10_000);
    // Alice's laptop restarts (from its cache): does it find its event missing and send it again?
    await alice.client!.stop();
    alice.client = await connect(alice);
    const afterRestart = await waitFor(bob, big!, 12_000);
    const got = `${first}; after Alice's laptop restarted: ${afterRestart}`;
    const newRoom = await teamRoom(team, alice, 1);
    const look = track(intrude(server!.url, newRoom.name, newRoom.token));
    await until(() => look.synced(), 10_000, 'the new room');
    const inNew = look.doc.getArray('events').toArray().map(itemPart).filter((p) => p?.eventId === big!.id).map((p) => p!.index);
    const oldAtEnd = watch.doc.getArray('events').toArray().map(itemPart).filter((p) => p?.eventId === big!.id).map((p) => p!.index);
    expect(got, `Bob: ${got}. Alice's parts ${oldAtEnd.join(',')} of ${inOld[0]!.count} in the old room, parts ${inNew.join(',')} in the new one`).toBe("equal; after Alice's laptop restarted: equal");
  }, 120_000);

  it('an event in parts held back for its author’s role counts once the role given before it arrives (as a single event does)', async () => {
    await startServer('role');
    team = await makeTeam(['alice', 'bob', 'carol']);
    const [alice, bob, carol] = team.laptops as [Laptop, Laptop, Laptop];
    await team.append(alice, [firstReport()]);
    for (const l of team.laptops) await connect(l);
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);

    // Alice, offline, makes Bob the contact lead of the incident; Bob, not knowing yet, records
    // the post room's returned-mail list (the contact lead's work) a moment later.
    alice.client!.disconnect();
    const [given] = await team.append(alice, [contactLead(bob.personId)]);
    await sleep(5);
    const [big] = await team.append(bob, [bigList(200_000)]);
    const [smallOne] = await team.append(bob, [smallList()]);
    // Carol sees both first: held back for the role, and said so.
    await expect.poll(() => (carol.client!.status().roleRefused ?? []).map((r) => r.id).sort(), { timeout: 20_000 }).toEqual([big!.id, smallOne!.id].sort());

    // Alice comes back: the role was given before both.
    alice.client!.connect();
    await expect.poll(async () => (await storedIds(carol)).has(given!.id), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await storedIds(carol)).has(smallOne!.id), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await storedIds(alice)).has(big!.id), { timeout: 20_000 }).toBe(true);
    const got = await waitFor(carol, big!, 15_000);
    expect(got, `Carol still lists as refused: ${JSON.stringify(carol.client!.status().roleRefused?.map((r) => r.kind))}`).toBe('equal');
    expect(carol.client!.status().roleRefused ?? []).toEqual([]);
  }, 120_000);

  it('a connection dropped and back mid-parts: the teammate stores the event once, field for field; nothing stays pending (held)', async () => {
    await startServer('drop');
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    for (const l of team.laptops) await connect(l);
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);
    const room = await teamRoom(team);
    const watch = track(intrude(server!.url, room.name, room.token));
    await until(() => watch.synced(), 10_000, 'the room');
    const [big] = await team.append(alice, [bigList(400_000)]);
    const [after] = await team.append(alice, [small('after')]);
    await until(() => watch.doc.getArray('events').toArray().some((v) => itemPart(v)?.eventId === big!.id), 20_000, 'a first part');
    alice.client!.disconnect();
    expect(alice.client!.status().pending).toBe(2);
    await sleep(1000);
    alice.client!.connect();
    await waitConverged([alice, bob], allAppended([alice, bob]), 40_000);
    expect(compare(await readBack(bob, big!.id), big!)).toBe('equal');
    expect(compare(await readBack(bob, after!.id), after!)).toBe('equal');
    await expect.poll(() => alice.client!.status().pending, { timeout: 20_000 }).toBe(0);
    expect(bob.client!.rejected()).toEqual([]);
  }, 90_000);

  it('the receiving laptop restarted with half the parts: it joins what its cache held with what comes (held)', async () => {
    await startServer('recv-restart');
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    await connect(alice);
    await connect(bob);
    await waitConverged([alice, bob], allAppended([alice, bob]), 20_000);
    await alice.client!.stop();
    const [big] = await team.append(alice, [bigList(300_000)]);
    const room = await teamRoom(team);
    const parts = await sealParts(big!, room.keys, alice.device);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    const wire = track(intrude(server!.url, room.name, room.token));
    await until(() => wire.synced(), 10_000, 'the room');
    await pushAll(wire, parts.slice(0, 2));
    await bob.client!.idle();
    await bob.client!.stop();
    await pushAll(wire, parts.slice(2));
    bob.client = await connect(bob);
    const got = await waitFor(bob, big!, 20_000);
    expect(got).toBe('equal');
  }, 90_000);

  it('the sending laptop closed after its first part and started again: the teammate stores the event once and whole; nothing stays pending (held)', async () => {
    await startServer('send-restart');
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    for (const l of team.laptops) await connect(l);
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);
    const room = await teamRoom(team);
    const watch = track(intrude(server!.url, room.name, room.token));
    await until(() => watch.synced(), 10_000, 'the room');
    const [big] = await team.append(alice, [bigList(400_000)]);
    const [after] = await team.append(alice, [small('after')]);
    await until(() => watch.doc.getArray('events').toArray().some((v) => itemPart(v)?.eventId === big!.id), 20_000, 'a first part');
    await alice.client!.stop();
    alice.client = await connect(alice);
    await waitConverged([alice, bob], allAppended([alice, bob]), 40_000);
    expect(compare(await readBack(bob, big!.id), big!)).toBe('equal');
    expect(compare(await readBack(bob, after!.id), after!)).toBe('equal');
    await alice.client.idle();
    await expect.poll(() => alice.client!.status().pending, { timeout: 20_000 }).toBe(0);
    expect(bob.client!.rejected()).toEqual([]);
  }, 90_000);

  it('two laptops each sending a large event at once: both reach both, each once (held)', async () => {
    await startServer('two');
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    // Bob runs the post room too.
    await team.append(alice, [firstReport(), contactLead(bob.personId)]);
    for (const l of team.laptops) await connect(l);
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);
    const [a] = await team.append(alice, [bigList(200_000)]);
    const [b] = await team.append(bob, [bigList(200_000)]);
    await waitConverged(team.laptops, allAppended(team.laptops), 40_000);
    for (const l of team.laptops) {
      expect(compare(await readBack(l, a!.id), a!)).toBe('equal');
      expect(compare(await readBack(l, b!.id), b!)).toBe('equal');
      expect(l.client!.rejected()).toEqual([]);
      await expect.poll(() => l.client!.status().pending, { timeout: 20_000 }).toBe(0);
    }
  }, 90_000);
});

describe('someone with only the room’s token, or a copy of a part', () => {
  it('parts with a forged signature, parts signed by a key not in the roster, and a part replayed into a later room are refused and listed; nothing is folded (held)', async () => {
    await startServer('token');
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    await connect(alice);
    await connect(bob);
    await waitConverged([alice, bob], allAppended([alice, bob]), 20_000);
    await alice.client!.stop();
    const [big] = await team.append(alice, [bigList(200_000)]);
    const room = await teamRoom(team);
    const parts = await sealParts(big!, room.keys, alice.device);
    const wire = track(intrude(server!.url, room.name, room.token));
    await until(() => wire.synced(), 10_000, 'the room');
    // Token only: the parts with a made-up signature (the server refuses an empty one), claiming Alice's laptop.
    const unsigned = parts.map((p) => ({ ...p, sig: crypto.getRandomValues(new Uint8Array(64)) }));
    // A stranger's key (not in the roster) signing parts under its own device id.
    const { key: stranger } = await generateDeviceKey(crypto.randomUUID());
    const strangers = await sealParts({ ...big!, id: crypto.randomUUID() }, room.keys, stranger);
    // A part of epoch 0 claiming to be in an epoch-7 room (replayed: wrong epoch for this room).
    const replay = { ...parts[0]!, e: 7 };
    await pushAll(wire, [...unsigned, replay]);
    await pushAll(wire, strangers);
    await sleep(1000);
    await bob.client!.idle();
    expect(await readBack(bob, big!.id)).toEqual([]);
    const reasons = bob.client!.rejected().map((r) => r.reason);
    expect(reasons.filter((r) => r === 'bad-signature')).toHaveLength(parts.length);
    expect(reasons).toContain('wrong-epoch');
    // The stranger's parts wait for a roster entry that never comes: held, not folded.
    expect(bob.client!.status().held).toBe(strangers.length);
  }, 90_000);
});
