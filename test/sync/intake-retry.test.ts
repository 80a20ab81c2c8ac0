/**
 * Direction makes the report page in the first seconds of a team: the host does not know the
 * team's room until the laptop's first events reach it, so the first registration is turned
 * away. The app says it could not reach the host and tries again by itself within seconds —
 * the page is served without anyone pressing 今すぐ確認 or waiting for the minute's poll.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { roomName } from '../../shared/sync/room';
import { intakePageUrl } from '../../shared/intake/wire';
import { TEST_KDF_COST } from '../../shared/vault/kdf';
import { HonbuDb } from '../../renderer/src/data/db';
import { dispatch, openDispatch } from '../../renderer/src/data/dispatch';
import { createWorkspace } from '../../renderer/src/data/workspace';

const credential = new Uint8Array(32).fill(9);
let door: { serverUrl: string; room: string; credential: Uint8Array; WebSocketPolyfill: unknown } | null = null;
vi.mock('../../renderer/src/sync/ui/sync-store', () => ({ currentSyncClient: () => (door ? { intakeDoor: () => Promise.resolve(door) } : null) }));
// The person at this laptop: direction (who records reports), or not.
let roles: string[] = ['direction'];
vi.mock('../../renderer/src/roles/roles-store', () => ({ useRoles: { getState: () => ({ book: { rolesOf: () => roles }, me: 'p-me' }) } }));

const { bindIntake, checkIntakeHost, useIntake, RETRY_MS } = await import('../../renderer/src/intake/intake-store');

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let dir: string | undefined;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await server?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = store = dir = undefined;
  door = null;
});

describe('registering the report page with the host', () => {
  it('is tried again by itself, soon, when the host does not know the team yet', async () => {
    dir = await mkdtemp(join(tmpdir(), 'honbu-intake-retry-'));
    store = await LevelStore.open(dir);
    server = await startSyncServer({ port: 0, dataDir: dir, store });
    const room = await roomName('w', credential, 'events');
    door = { serverUrl: server.url, room, credential, WebSocketPolyfill: WebSocket };

    const db = new HonbuDb(`intake-retry-${crypto.randomUUID()}`);
    cleanups.push(() => db.delete());
    const ws = await createWorkspace(db, 'intake retry passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const d = openDispatch({ store: ws.store, personId: ws.identity.personId });
    cleanups.push(() => d.dispose());
    const intakeId = await dispatch('intake.create-key', {});
    const binding = bindIntake(ws.store);
    cleanups.push(() => binding.dispose());
    await vi.waitFor(() => expect(useIntake.getState().state.key?.intakeId).toBe(intakeId));

    // The team's room is not on the host yet: turned away, said in words, page not served.
    await expect(checkIntakeHost()).resolves.toEqual({ kind: 'unreachable' });
    expect(useIntake.getState().host).toEqual({ kind: 'unreachable' });
    const page = intakePageUrl(server.url, intakeId);
    expect((await fetch(page)).status).toBe(404);

    // The laptop's first events arrive; nobody presses anything.
    await store.admitRoom(room, 'w.', { subsPerTag: 16, totalRooms: 100 });
    await vi.waitFor(() => expect(useIntake.getState().host).toMatchObject({ kind: 'ok', added: 0 }), { timeout: RETRY_MS[0] + 5_000, interval: 100 });
    expect((await fetch(page)).status).toBe(200);
  });

  it('stops trying once the workspace is locked, and never tries for a person who may not record reports', async () => {
    // A host that is not there: the check cannot reach it.
    door = { serverUrl: 'ws://127.0.0.1:9', room: await roomName('w', credential, 'events'), credential, WebSocketPolyfill: WebSocket };
    const db = new HonbuDb(`intake-retry-${crypto.randomUUID()}`);
    cleanups.push(() => db.delete());
    const ws = await createWorkspace(db, 'intake retry passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const d = openDispatch({ store: ws.store, personId: ws.identity.personId });
    cleanups.push(() => d.dispose());
    await dispatch('intake.create-key', {});
    const binding = bindIntake(ws.store);
    await vi.waitFor(() => expect(useIntake.getState().state.key).toBeTruthy());
    await expect(checkIntakeHost()).resolves.toEqual({ kind: 'unreachable' });
    // Not direction any more (the role was taken back): the retry does not check.
    roles = ['analyst'];
    const seen: string[] = [];
    const off = useIntake.subscribe((s) => seen.push(s.host.kind));
    await new Promise((r) => setTimeout(r, RETRY_MS[0] + 1_000));
    expect(seen).toEqual([]);
    roles = ['direction'];
    await expect(checkIntakeHost()).resolves.toEqual({ kind: 'unreachable' });
    binding.dispose();
    await new Promise((r) => setTimeout(r, RETRY_MS[1] + 1_000));
    off();
    // Locked: the inbox is emptied and nothing checks the host again.
    expect(seen).toEqual(['checking', 'unreachable', 'never']);
    expect(useIntake.getState().host).toEqual({ kind: 'never' });
  });
});
