/**
 * The synced log kept on each laptop (issue 12, item 7): a laptop that restarts loads its
 * sealed copy of the room and fetches only what it lacks — it neither downloads the whole
 * room again nor sends its own events again — and still ends with every event.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { firstReport, randomEdit, rng, seedRows } from './edits';
import { allAppended, makeTeam, NodeWebSocket, waitConverged, type Team } from './team';
import { itemIds } from '../../shared/sync/chunk';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

/** Bytes a laptop's sockets received and sent. */
function counting() {
  const bytes = { in: 0, out: 0 };
  class Counting extends NodeWebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Buffer) => (bytes.in += data.byteLength));
    }
    override send(data: Uint8Array | string, ...rest: unknown[]): void {
      bytes.out += typeof data === 'string' ? data.length : data.byteLength;
      (super.send as (...a: unknown[]) => void)(data, ...rest);
    }
  }
  return { bytes, Counting };
}

describe('the synced log kept on each laptop', () => {
  it('a restart fetches only what the laptop lacks and sends nothing again', async () => {
    const rand = rng(11);
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-cache-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [NonNullable<Team['laptops'][0]>, NonNullable<Team['laptops'][0]>];
    await team.append(alice, [firstReport(), ...seedRows()]);
    for (let i = 0; i < 300; i++) await team.append(i % 2 ? alice : bob, [randomEdit(rand, i % 2 ? 'alice' : 'bob')]);
    const first = counting();
    await team.connect(alice, server.url);
    await team.connect(bob, server.url, { WebSocketPolyfill: first.Counting });
    await waitConverged(team.laptops, allAppended(team.laptops), 30_000);
    await bob.client!.idle();
    // Once read and acknowledged, bob's copy of the room is kept (sealed) when it stops.
    await bob.client!.stop();
    expect(first.bytes.in).toBeGreaterThan(50_000);

    // While bob is away, alice adds a few events.
    for (let i = 0; i < 5; i++) await team.append(alice, [randomEdit(rand, 'alice')]);
    const again = counting();
    await team.connect(bob, server.url, { WebSocketPolyfill: again.Counting });
    await waitConverged(team.laptops, allAppended(team.laptops), 30_000);
    await bob.client!.idle();
    expect(bob.client!.status()).toMatchObject({ pending: 0, rejected: 0, held: 0 });
    // Only alice's five events (and the protocol around them) came down; bob's own 150
    // events were not sent again.
    expect(again.bytes.in).toBeLessThan(first.bytes.in / 10);
    expect(again.bytes.out).toBeLessThan(first.bytes.out / 10);
  });

  it('a cache that does not open (damaged, another server) is dropped and the room fetched whole', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-cache-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [NonNullable<Team['laptops'][0]>, NonNullable<Team['laptops'][0]>];
    await team.append(alice, [firstReport(), ...seedRows()]);
    await team.connect(alice, server.url);
    await team.connect(bob, server.url);
    await waitConverged(team.laptops, allAppended(team.laptops), 30_000);
    await bob.client!.stop();
    const record = await bob.db.meta.get('sync:cache:0');
    expect(record?.value).toBeInstanceOf(Uint8Array);
    const damaged = new Uint8Array(record!.value as Uint8Array);
    damaged[damaged.length - 1]! ^= 1;
    await bob.db.meta.put({ key: 'sync:cache:0', value: damaged });

    await team.append(alice, [randomEdit(rng(3), 'alice')]);
    const again = counting();
    await team.connect(bob, server.url, { WebSocketPolyfill: again.Counting });
    await waitConverged(team.laptops, allAppended(team.laptops), 30_000);
    expect(bob.client!.status()).toMatchObject({ rejected: 0, held: 0 });
    expect(again.bytes.in).toBeGreaterThan(10_000);
  });

  it('a server that lost the room: the cached copy is too large to offer back, so the laptop starts the room again and sends its own events', async () => {
    const rand = rng(5);
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-cache-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [NonNullable<Team['laptops'][0]>, NonNullable<Team['laptops'][0]>];
    await team.append(alice, [firstReport(), ...seedRows()]);
    for (let i = 0; i < 300; i++) await team.append(i % 2 ? alice : bob, [randomEdit(rand, i % 2 ? 'alice' : 'bob')]);
    await team.connect(alice, server.url);
    await team.connect(bob, server.url);
    await waitConverged(team.laptops, allAppended(team.laptops), 30_000);
    await alice.client!.stop();
    await bob.client!.stop();

    // The same address, nothing stored, and a message limit below the whole room's size.
    const { port } = server;
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-cache-'));
    server = await startSyncServer({ port, dataDir, limits: { maxMessageBytes: 120_000 } });
    const client = await team.connect(bob, server.url);
    const own = [...bob.appended];
    // Refused (too large), bob opens the room again from nothing and sends its own events.
    const link = () => client['currentLink']!;
    await expect.poll(() => !link().fromCache && link().synced && client.status().pending === 0, { timeout: 20_000 }).toBe(true);
    await client.idle();
    expect(client.status()).toMatchObject({ rejected: 0 });
    // What the server stored (not what bob's document holds): every one of bob's events.
    const name = client['currentLink']!.name;
    await client.stop();
    await server.close();
    server = undefined;
    const stored = await LevelStore.open(dataDir);
    const doc = new Y.Doc();
    for (const r of await stored.load(name)) Y.applyUpdate(doc, r);
    await stored.close();
    const inRoom = new Set(doc.getArray('events').toArray().flatMap(itemIds));
    expect(own.filter((id) => !inRoom.has(id))).toEqual([]);
  });
});
