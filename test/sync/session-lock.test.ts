/**
 * Locking a workspace that is in a team: the session's lifetime stops sync with the rest,
 * and every socket it opened to the server is closed (not left for the collector).
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSync } from '../../renderer/src/sync/ui/sync-store';
import { useSession } from '../../renderer/src/vault/session-store';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { NodeWebSocket, sleep } from './team';

const sockets: NodeWebSocket[] = [];
class TrackedSocket extends NodeWebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    sockets.push(this);
  }
}

let server: SyncServer;
let dataDir: string;
const g = globalThis as { WebSocket?: unknown };
const original = g.WebSocket;

beforeAll(async () => {
  g.WebSocket = TrackedSocket;
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-session-lock-'));
  server = await startSyncServer({ port: 0, dataDir });
});
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
  if (original === undefined) delete g.WebSocket;
  else g.WebSocket = original;
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

describe('locking a workspace in a team', () => {
  it('stops sync and closes every socket the session opened', async () => {
    await useSession.getState().create('session lock test passphrase', '山田 花子');
    await useSync.getState().startTeam(server.url);
    await until(() => useSync.getState().status?.state === 'connected');
    expect(sockets.filter((s) => s.readyState === NodeWebSocket.OPEN).length).toBeGreaterThan(0);

    const life = useSession.getState().lifetime!;
    useSession.getState().lock('manual');
    await life.dispose();

    expect(useSync.getState()).toMatchObject({ settings: null, status: null, roster: [], deviceId: null });
    await until(() => sockets.every((s) => s.readyState === NodeWebSocket.CLOSED));
  }, 60_000);
});
