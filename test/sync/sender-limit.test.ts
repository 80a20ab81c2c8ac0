/**
 * An own event at the server's 1 MiB per record (renderer/src/sync/sender.ts, decisions 064,
 * 066, 069). At the limit exactly: an event whose record is exactly 1 MiB is sent as JSON; one
 * byte more is sent packed (its lists as integers, the rest deflated); one too large even so
 * goes in parts; one over the bound for parts is set aside, said once, and what follows still
 * reaches the team. Real sync server on 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { DEFAULT_APPEND_LIMITS } from '../../shared/sync/append-only';
import { INTAKE_EVENT_TYPES } from '../../shared/intake/events';
import { foldIntake } from '../../shared/intake/state';
import { SyncClient } from '../../renderer/src/sync/sync-client';
import { saveSyncSettings } from '../../renderer/src/sync/device-store';
import { EventTooLargeError } from '../../renderer/src/sync/sender';
import type { AnyDraft } from '../../shared/events/registry';
import { allAppended, makeTeam, NodeWebSocket, sleep, storedIds, waitConverged, type Laptop, type Team } from './team';
import { intrude, teamRoom, until } from './intruder';
import { itemPart, packedPayload, sealChunkBytes } from '../../shared/sync/chunk';
import { cutIntoParts } from '../../shared/sync/parts';
import type { HonbuEvent } from '../../shared/events/event';

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let team: Team | undefined;
let dir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = store = team = dir = undefined;
});

const LIMIT = DEFAULT_APPEND_LIMITS.maxEnvelopeBytes;
const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).byteLength;
const INTAKE = 'bGltaXQtZXhhY3RseS0wMQ';

/** An intake.reports-received payload whose JSON is exactly `n` bytes (full boxes and one to fill). */
function payloadOf(n: number, tag: string) {
  const report = (i: number, ct: number) => ({ reportId: `${tag}${String(i).padStart(3, '0')}`, receivedAt: '2026-12-01T09:00:00.000Z', box: { v: 1 as const, epk: 'A'.repeat(87), iv: 'B'.repeat(16), ct: 'C'.repeat(ct) } });
  const full = bytes(report(0, 32 * 1024)) + 1;
  const k = Math.floor((n - 400) / full);
  const reports = Array.from({ length: k }, (_, i) => report(i, 32 * 1024));
  reports.push(report(k, 22));
  const fill = n - bytes({ intakeId: INTAKE, reports });
  if (fill < 0 || fill > 32 * 1024 - 22) throw new Error(`cannot make ${n} bytes (fill ${fill})`);
  reports[k] = report(k, 22 + fill);
  const payload = { intakeId: INTAKE, reports };
  expect(bytes(payload)).toBe(n);
  return payload;
}

describe('an own event at the server’s record limit', () => {
  it('exactly 1 MiB sealed is sent as JSON; one byte more is sent packed; one over the bound for parts (set at one record here) is set aside once; what follows reaches the team', async () => {
    dir = await mkdtemp(join(tmpdir(), 'honbu-sender-limit-'));
    store = await LevelStore.open(dir);
    server = await startSyncServer({ port: 0, dataDir: dir, store });
    team = await makeTeam(['alice', 'bob', 'carol']);
    const [alice, bob, carol] = team.laptops as [Laptop, Laptop, Laptop];
    // Carol never connects: her store measures what an event's envelope fields add to its payload.
    const [probe] = await carol.store.append([{ type: 'intake.reports-received', incidentId: null, payload: payloadOf(LIMIT - 64 * 1024, 'p') } as AnyDraft]);
    const overhead = bytes(probe) - (LIMIT - 64 * 1024);

    const faults: unknown[] = [];
    await saveSyncSettings(alice.store, { serverUrl: server.url, fingerprint: null, room: team.room, root: team.root });
    alice.client = await SyncClient.start({ store: alice.store, device: alice.device, root: team.root, serverUrl: server.url, room: team.room, personName: alice.name, WebSocketPolyfill: NodeWebSocket as never, onError: (err) => faults.push(err), maxEventBytes: LIMIT });
    await team.connect(bob, server.url, { WebSocketPolyfill: NodeWebSocket as never });
    const expected = allAppended([alice, bob]);
    await waitConverged([alice, bob], expected, 20_000);

    // Sealed record = the event's JSON in UTF-8 + 2 ("[", "]") + 29 (version byte, IV, tag).
    const atLimit = LIMIT - 31;
    const [exact] = await team.append(alice, [{ type: 'intake.reports-received', incidentId: null, payload: payloadOf(atLimit - overhead, 'x') } as AnyDraft]);
    expect(bytes(exact)).toBe(atLimit);
    const [over] = await team.append(alice, [{ type: 'intake.reports-received', incidentId: null, payload: payloadOf(atLimit + 1 - overhead, 'y') } as AnyDraft]);
    expect(bytes(over)).toBe(atLimit + 1);
    // Ciphertext of 48 full boxes (random, as real boxes are): over the record even deflated.
    const random = (n: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(Math.ceil((n * 3) / 4)))).toString('base64url').slice(0, n);
    const boxes = Array.from({ length: 48 }, (_, i) => ({ reportId: `h${String(i).padStart(3, '0')}`, receivedAt: '2026-12-01T09:00:00.000Z', box: { v: 1 as const, epk: 'A'.repeat(87), iv: 'B'.repeat(16), ct: random(32 * 1024) } }));
    const [huge] = await team.append(alice, [{ type: 'intake.reports-received', incidentId: null, payload: { intakeId: INTAKE, reports: boxes } } as AnyDraft]);
    const [after] = await team.append(alice, [{ type: 'intake.reports-received', incidentId: null, payload: { intakeId: INTAKE, reports: [{ reportId: 'z', receivedAt: '2026-12-01T09:00:00.000Z', box: { v: 1, epk: 'A'.repeat(87), iv: 'B'.repeat(16), ct: 'C'.repeat(40) } }] } } as AnyDraft]);

    expected.add(exact!.id);
    expected.add(over!.id);
    expected.add(after!.id);
    let failure: unknown;
    try {
      await waitConverged([bob], expected, 30_000);
    } catch (err) {
      failure = err;
    }
    const status = alice.client.status();
    expect(status.refusal, `Alice's laptop is refused by the server: ${status.refusal ?? ''}`).toBeUndefined();
    expect(failure, String(failure)).toBeUndefined();
    expect((await storedIds(bob)).has(huge!.id)).toBe(false);
    const tooLarge = faults.filter((f): f is EventTooLargeError => f instanceof EventTooLargeError);
    expect(tooLarge.map((e) => e.eventId)).toEqual([huge!.id]);
    expect(tooLarge[0]!.bytes).toBeGreaterThan(LIMIT);
    const bobSees = foldIntake(await bob.store.readEvents(undefined, [...INTAKE_EVENT_TYPES]));
    expect(bobSees.reports.has('x000')).toBe(true);
    expect(bobSees.reports.has('y000')).toBe(true);
    expect(bobSees.reports.has('z')).toBe(true);
    expect(bobSees.reports.has('h000')).toBe(false);
  }, 90_000);

  it('a post batch of 300,000 customers (about 2 MB as JSON) reaches the team whole, packed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'honbu-sender-batch-'));
    store = await LevelStore.open(dir);
    server = await startSyncServer({ port: 0, dataDir: dir, store });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    const faults: unknown[] = [];
    await saveSyncSettings(alice.store, { serverUrl: server.url, fingerprint: null, room: team.room, root: team.root });
    alice.client = await SyncClient.start({ store: alice.store, device: alice.device, root: team.root, serverUrl: server.url, room: team.room, personName: alice.name, WebSocketPolyfill: NodeWebSocket as never, onError: (err) => faults.push(err) });
    await team.connect(bob, server.url, { WebSocketPolyfill: NodeWebSocket as never });
    const expected = allAppended([alice, bob]);
    await waitConverged([alice, bob], expected, 20_000);

    const rows = Array.from({ length: 300_000 }, (_, i) => i);
    const [batch] = await team.append(alice, [{ type: 'contacts.batch-created', incidentId: 'inc-1', payload: { datasetId: 'ds-1', batchId: 'b-1', channel: 'post', rows } } as AnyDraft]);
    expect(bytes(batch)).toBeGreaterThan(LIMIT);
    expected.add(batch!.id);
    await waitConverged([bob], expected, 30_000);
    expect(faults).toEqual([]);
    const [got] = await bob.store.readEvents('inc-1', ['contacts.batch-created']);
    expect((got!.payload as { rows: number[] }).rows).toEqual(rows);
  }, 90_000);

  /**
   * A returned-mail list as the post room records it: `n` rows scattered over 20M customers, a
   * reason each and the carrier's note with its tracking number (hardly compressible).
   */
  const returnedMail = (n: number) => {
    const rows = Array.from({ length: n }, (_, i) => Math.floor((i * 20_000_000) / n) + ((i * 7919) % 19));
    const notes = ['宛所尋ねあたりません', '転居先不明', '受取拒否', '保管期間経過', 'あて名不完全'];
    // Tracking numbers: random, as a carrier's are (xorshift, seeded by the clock).
    let x = (Date.now() >>> 0) | 1;
    const tracking = Array.from({ length: n }, () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0));
    return {
      datasetId: 'ds-1', channel: 'post', source: 'returned-mail', rows,
      outcomes: rows.map(() => 'failed'),
      reasons: rows.map((r) => (r % 3 ? 'unknown-address' : 'moved-no-forwarding')),
      notes: rows.map((_, i) => `${notes[(i * 31) % 5]!} ${tracking[i]!.toString(16).padStart(8, '0')}`),
    };
  };
  const listDraft = (n: number) => ({ type: 'contacts.outcomes-recorded', incidentId: 'inc-1', payload: returnedMail(n) }) as AnyDraft;

  async function twoLaptops(tag: string, faults: unknown[]) {
    dir = await mkdtemp(join(tmpdir(), `honbu-sender-${tag}-`));
    store = await LevelStore.open(dir);
    server = await startSyncServer({ port: 0, dataDir: dir, store });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    await saveSyncSettings(alice.store, { serverUrl: server.url, fingerprint: null, room: team.room, root: team.root });
    const start = () => SyncClient.start({ store: alice.store, device: alice.device, root: team!.root, serverUrl: server!.url, room: team!.room, personName: alice.name, WebSocketPolyfill: NodeWebSocket as never, onError: (err) => faults.push(err) });
    alice.client = await start();
    await team.connect(bob, server.url, { WebSocketPolyfill: NodeWebSocket as never });
    const expected = allAppended([alice, bob]);
    await waitConverged([alice, bob], expected, 20_000);
    return { alice, bob, expected, start, team, server };
  }

  it('a returned-mail list of 500,000 scattered rows with the carrier’s notes reaches the team whole, in parts; the event after it too', async () => {
    const faults: unknown[] = [];
    const { alice, bob, expected, team: t, server: srv } = await twoLaptops('parts', faults);
    const [list] = await t.append(alice, [listDraft(500_000)]);
    const [after] = await t.append(alice, [{ type: 'intake.reports-received', incidentId: null, payload: { intakeId: INTAKE, reports: [{ reportId: 'after', receivedAt: '2026-12-01T09:00:00.000Z', box: { v: 1, epk: 'A'.repeat(87), iv: 'B'.repeat(16), ct: 'C'.repeat(40) } }] } } as AnyDraft]);
    for (const e of [list, after]) expected.add(e!.id);
    await waitConverged([bob], expected, 60_000);
    expect(faults).toEqual([]);
    const [got] = await bob.store.readEvents('inc-1', ['contacts.outcomes-recorded']);
    expect(got).toEqual(list);
    // It went in parts: the room holds no record over the limit, and the server refused none.
    const room = await teamRoom(t);
    const reader = intrude(srv.url, room.name, room.token);
    await until(() => reader.synced(), 10_000, 'a member to read the room');
    const parts = reader.doc.getArray('events').toArray().map(itemPart).filter((p) => p !== undefined);
    reader.destroy();
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(parts.map((p) => p.eventId))).toEqual(new Set([list!.id]));
    expect(alice.client!.status().refusal).toBeUndefined();
  }, 120_000);

  it('a laptop closed when only the first part of its event had gone sends the event again when it starts; the teammate stores it once and whole', async () => {
    const faults: unknown[] = [];
    const { alice, bob, expected, start, team: t, server: srv } = await twoLaptops('parts-restart', faults);
    await alice.client!.stop();
    const [big] = await t.append(alice, [listDraft(400_000)]);
    // What Alice's laptop had pushed when it was closed: the first of the event's parts, signed by it.
    const room = await teamRoom(t);
    const cut = await cutIntoParts(big!.id, packedPayload([big!]));
    expect(cut.ids.length).toBeGreaterThanOrEqual(3);
    const first = await sealChunkBytes([cut.ids[0]!], cut.plaintexts[0]!, room.keys, alice.device);
    const reader = intrude(srv.url, room.name, room.token);
    await until(() => reader.synced(), 10_000, 'a member to read the room');
    reader.doc.getArray('events').push([first]);
    await until(() => reader.doc.getArray('events').toArray().some((v) => itemPart(v)?.index === 0), 10_000, 'the first part in the room');
    await sleep(500);
    expect((await storedIds(bob)).has(big!.id)).toBe(false);

    alice.client = await start();
    expected.add(big!.id);
    await waitConverged([bob], expected, 60_000);
    reader.destroy();
    expect(faults).toEqual([]);
    const got = (await bob.store.readEvents('inc-1', ['contacts.outcomes-recorded'])).filter((e: HonbuEvent) => e.id === big!.id);
    expect(got).toEqual([big]);
  }, 120_000);
});
