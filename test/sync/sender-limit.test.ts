/**
 * An own event at the server's 1 MiB per record (renderer/src/sync/sender.ts, decisions 064,
 * 066). At the limit exactly: an event whose record is exactly 1 MiB is sent as JSON; one byte
 * more is sent packed (its lists as integers, the rest deflated); one too large even so is set
 * aside, said once, and what follows still reaches the team. Real sync server on 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { DEFAULT_APPEND_LIMITS } from '../../shared/sync/append-only';
import { INTAKE_EVENT_TYPES } from '../../shared/intake/events';
import { foldIntake } from '../../shared/intake/state';
import { SyncClient } from '../../renderer/src/sync/sync-client';
import { saveSyncSettings } from '../../renderer/src/sync/device-store';
import { EventTooLargeError } from '../../renderer/src/sync/sender';
import type { AnyDraft } from '../../shared/events/registry';
import { allAppended, makeTeam, storedIds, waitConverged, type Laptop, type Team } from './team';

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
  it('exactly 1 MiB sealed is sent as JSON; one byte more is sent packed; one too large even packed is set aside once; what follows reaches the team', async () => {
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
    alice.client = await SyncClient.start({ store: alice.store, device: alice.device, root: team.root, serverUrl: server.url, room: team.room, personName: alice.name, WebSocketPolyfill: WebSocket as never, onError: (err) => faults.push(err) });
    await team.connect(bob, server.url, { WebSocketPolyfill: WebSocket as never });
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
    alice.client = await SyncClient.start({ store: alice.store, device: alice.device, root: team.root, serverUrl: server.url, room: team.room, personName: alice.name, WebSocketPolyfill: WebSocket as never, onError: (err) => faults.push(err) });
    await team.connect(bob, server.url, { WebSocketPolyfill: WebSocket as never });
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
});
