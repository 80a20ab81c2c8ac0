/**
 * Seeded chaos: over a thousand operations of edits, random disconnects, partitions and
 * one server restart from its stored data; every laptop must end with every event and
 * identical projections. Run in both topologies: one server on LevelDB, and two server
 * processes sharing Redis with the laptops split between them. A failure names its seed:
 * replay it with SYNC_SEED=<n>.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { until } from './intruder';
import { redisOrSkip, type RedisProcess } from './processes';
import { firstReport, randomEdit, rng, seedRows } from './edits';
import { allAppended, makeTeam, projections, sleep, waitConverged, type Laptop, type Team } from './team';

const OPERATIONS = 1200;

let servers: SyncServer[] = [];
let team: Team | undefined;
let dataDir: string | undefined;
let redis: RedisProcess | undefined;
afterEach(async () => {
  await team?.dispose();
  for (const s of servers.splice(0)) await s.close();
  await redis?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = dataDir = redis = undefined;
});

type Topology = 'leveldb' | 'redis';

async function chaos(seed: number, topology: Topology): Promise<void> {
  const rand = rng(seed);
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-chaos-'));
  const start = (port = 0) => startSyncServer({ port, dataDir: dataDir!, redis: redis?.url });
  servers = topology === 'redis' ? [await start(), await start()] : [await start()];
  const port = servers[0]!.port;
  team = await makeTeam(['alice', 'bob', 'carol']);
  // Dave is on the roster but stays away until the end, when only the server can serve him.
  const dave = await team.add('dave');
  const members = team.laptops.filter((l) => l !== dave);
  await team.append(members[0]!, [firstReport(), ...seedRows()]);
  // With two processes the laptops are split between them: alice and carol on one, bob on the other.
  for (const [i, l] of members.entries()) await team.connect(l, servers[i % servers.length]!.url);

  const online = new Set<Laptop>(members);
  const setOnline = (l: Laptop, on: boolean) => {
    if (on === online.has(l)) return;
    if (on) {
      online.add(l);
      l.client!.connect();
    } else {
      online.delete(l);
      l.client!.disconnect();
    }
  };
  const pick = () => members[Math.floor(rand() * members.length)]!;
  const counts = { edits: 0, toggles: 0, partitions: 0, restarts: 0 };

  for (let op = 0; op < OPERATIONS; op++) {
    if (op === Math.floor(OPERATIONS / 2)) {
      await servers[0]!.close();
      servers[0] = await start(port);
      counts.restarts++;
      continue;
    }
    const r = rand();
    if (r < 0.8) {
      const l = pick();
      await team.append(l, Array.from({ length: 1 + Math.floor(rand() * 2) }, () => randomEdit(rand, l.name)));
      counts.edits++;
    } else if (r < 0.88) {
      const l = pick();
      setOnline(l, !online.has(l));
      counts.toggles++;
    } else if (r < 0.93) {
      for (const l of members) setOnline(l, rand() < 0.5);
      counts.partitions++;
    } else if (r < 0.98) {
      await sleep(Math.floor(rand() * 20));
    } else {
      for (const l of members) setOnline(l, true);
    }
  }
  expect(counts.edits).toBeGreaterThan(900);
  expect(counts.toggles + counts.partitions).toBeGreaterThan(50);

  for (const l of members) setOnline(l, true);
  const expected = allAppended(team.laptops);
  await waitConverged(members, expected, 30_000);
  const [first, ...rest] = await Promise.all(members.map(projections));
  for (const p of rest) expect(p).toEqual(first);
  // A laptop's own last events can be stored everywhere before the server's acknowledgement
  // (sent after Redis or LevelDB has them) reaches that laptop: wait for it, bounded — an
  // acknowledgement that never comes still fails here.
  for (const l of members) await until(() => l.client!.status().pending === 0, 10_000, `${l.name}'s own events acknowledged`);
  for (const l of members) expect(l.client!.status()).toMatchObject({ pending: 0, held: 0, rejected: 0 });

  // Everything the team did is on the server's disk: stop everyone, restart the server
  // from its data directory, and let a laptop that never synced fetch it all.
  for (const l of members) await l.client!.stop();
  for (const s of servers.splice(0)) await s.close();
  servers = [await start()];
  await team.connect(dave, servers[0]!.url);
  await waitConverged([dave], expected, 30_000);
  expect(await projections(dave)).toEqual(first);
}

describe('seeded randomised sync', () => {
  for (const topology of ['leveldb', 'redis'] as const) {
    it(`${topology}: converges with zero lost events after ${OPERATIONS} operations, partitions and a server restart`, async (ctx) => {
      if (topology === 'redis' && !(redis = await redisOrSkip(ctx))) return;
      const seed = process.env.SYNC_SEED ? Number(process.env.SYNC_SEED) : Math.floor(Math.random() * 2 ** 31);
      try {
        await chaos(seed, topology);
      } catch (err) {
        // The seed is the whole story of the run: with it the failure replays.
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(`sync chaos (${topology}) failed — replay with SYNC_SEED=${seed}\n${message}`, { cause: err });
      }
    }, 90_000);
  }

  // Found by a CI run: alice's last pushes were stored, but their acks were lost with a
  // dropped connection; she stayed connected and synced with two events "not yet
  // acknowledged" for ever (nothing else of hers was pushed to bring an ack). On every sync
  // the laptop now asks the server what it holds of its pushes (`ack?`).
  it('redis, seed 816808076: own events stored before a dropped connection are acknowledged once it is back', async (ctx) => {
    if (!(redis = await redisOrSkip(ctx))) return;
    await chaos(816808076, 'redis');
  }, 90_000);
});
