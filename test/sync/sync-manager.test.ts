/**
 * The session's sync manager (renderer/src/sync/ui/sync-store): nothing starts for a
 * workspace outside a team; starting a team connects; the client stops on lock and comes
 * back on unlock from the stored settings; a revocation is an event the roster applies.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../shared/vault/kdf';
import { HonbuDb } from '../../renderer/src/data/db';
import { openDispatch } from '../../renderer/src/data/dispatch';
import { createWorkspace, unlockWorkspace } from '../../renderer/src/data/workspace';
import { useSync } from '../../renderer/src/sync/ui/sync-store';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { NodeWebSocket, sleep } from './team';

let server: SyncServer;
let dataDir: string;
const g = globalThis as { WebSocket?: unknown };
const hadWebSocket = 'WebSocket' in g;
const original = g.WebSocket;

beforeAll(async () => {
  // Node 20 has no global WebSocket; the renderer relies on the browser's.
  g.WebSocket = NodeWebSocket;
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-manager-'));
  server = await startSyncServer({ port: 0, dataDir });
});
afterAll(async () => {
  await useSync.getState().detach();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
  if (hadWebSocket) g.WebSocket = original;
  else delete g.WebSocket;
});

async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(useSync.getState().status)}`);
    await sleep(20);
  }
}

describe('sync manager', () => {
  it('starts only in a team, connects, stops on lock and resumes on unlock', async () => {
    const db = new HonbuDb(`manager-${crypto.randomUUID()}`);
    const pass = 'manager test passphrase';
    const ws = await createWorkspace(db, pass, { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const me = { identity: ws.identity, personName: '山田 花子', roles: ['direction'] };

    await useSync.getState().attach(ws.store, me);
    expect(useSync.getState()).toMatchObject({ settings: null, status: null });

    await expect(useSync.getState().startTeam('http://not-a-sync-server')).rejects.toThrow(/ws:\/\//);
    await useSync.getState().startTeam(server.url);
    await until(() => useSync.getState().status?.state === 'connected' && useSync.getState().status?.lastSyncAt !== null);
    expect(useSync.getState().settings?.serverUrl).toBe(server.url);
    expect(useSync.getState().roster).toMatchObject([{ deviceId: ws.identity.deviceId, personName: '山田 花子', roles: ['direction'] }]);
    useSync.getState().setBoard('inc/direction');

    // Lock: nothing of the team stays in the store.
    await useSync.getState().detach();
    expect(useSync.getState()).toMatchObject({ settings: null, status: null, roster: [], deviceId: null });

    // Unlock: the stored settings bring the client back, with the same device.
    const again = await unlockWorkspace(db, pass);
    await useSync.getState().attach(again.store, me);
    await until(() => useSync.getState().status?.state === 'connected');
    expect(useSync.getState().deviceId).toBe(ws.identity.deviceId);

    // A lock that lands while a start is still under way leaves nothing running.
    const racing = useSync.getState().attach(again.store, me);
    await useSync.getState().detach();
    await racing;
    expect(useSync.getState().status).toBeNull();

    await useSync.getState().detach();
    db.close();
    await db.delete();
  }, 30_000);

  it('revokes a device with an event the roster applies', async () => {
    const db = new HonbuDb(`manager-${crypto.randomUUID()}`);
    const ws = await createWorkspace(db, 'manager test passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    // As on unlock: dispatch is bound to the workspace, then sync attaches.
    const session = openDispatch({ store: ws.store, personId: ws.identity.personId });
    await useSync.getState().attach(ws.store, { identity: ws.identity, personName: '山田 花子', roles: [] });
    await useSync.getState().startTeam(server.url);
    const other = crypto.randomUUID();
    await ws.store.append([
      { type: 'sync.device-added', incidentId: null, payload: { deviceId: other, publicKey: 'pk', personId: 'p2', personName: '佐藤 一郎', roles: [] } },
    ]);
    await until(() => useSync.getState().roster.length === 2);
    await useSync.getState().revoke(other);
    await until(() => useSync.getState().roster.find((d) => d.deviceId === other)?.revoked === true);
    await useSync.getState().detach();
    session.dispose();
    db.close();
    await db.delete();
  }, 30_000);
});
