/**
 * The sender sets aside an own event whose sealed record would be over the server's 1 MiB
 * (renderer/src/sync/sender.ts, decision 064). At the limit exactly: an event
 * whose record is exactly 1 MiB is sent and stored; one byte more is set aside, said once,
 * and what follows still reaches the team. Real sync server on 127.0.0.1.
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
  it('exactly 1 MiB sealed is sent and stored; one byte more is set aside once; what follows reaches the team', async () => {
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
    const [after] = await team.append(alice, [{ type: 'intake.reports-received', incidentId: null, payload: { intakeId: INTAKE, reports: [{ reportId: 'z', receivedAt: '2026-12-01T09:00:00.000Z', box: { v: 1, epk: 'A'.repeat(87), iv: 'B'.repeat(16), ct: 'C'.repeat(40) } }] } } as AnyDraft]);

    expected.add(exact!.id);
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
    expect((await storedIds(bob)).has(over!.id)).toBe(false);
    const tooLarge = faults.filter((f): f is EventTooLargeError => f instanceof EventTooLargeError);
    expect(tooLarge.map((e) => [e.eventId, e.bytes])).toEqual([[over!.id, atLimit + 1]]);
    const bobSees = foldIntake(await bob.store.readEvents(undefined, [...INTAKE_EVENT_TYPES]));
    expect(bobSees.reports.has('x000')).toBe(true);
    expect(bobSees.reports.has('z')).toBe(true);
    expect(bobSees.reports.has('y000')).toBe(false);
  }, 90_000);
});
