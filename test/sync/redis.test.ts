/**
 * Several server processes sharing one Redis: laptops connected to different processes
 * converge; one process killed mid-stream, its laptops reach the other through the same
 * address (a forwarder standing in for the load balancer) and converge; a laptop joining
 * afterwards gets everything from the survivor.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstReport, randomEdit, rng, seedRows } from './edits';
import { until } from './intruder';
import { forwarder, redisOrSkip, spawnServer, type RedisProcess, type ServerProcess } from './processes';
import { allAppended, makeTeam, projections, sleep, waitConverged, type Laptop, type Team } from './team';

let team: Team | undefined;
let procs: ServerProcess[] = [];
let redis: RedisProcess | undefined;
let fwd: Awaited<ReturnType<typeof forwarder>> | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  for (const p of procs.splice(0)) await p.stop();
  await fwd?.close();
  await redis?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = redis = fwd = dataDir = undefined;
});

describe('two server processes sharing Redis', () => {
  it('laptops on different processes converge; one process killed mid-stream, its laptops move to the other', async (ctx) => {
    const r = await redisOrSkip(ctx);
    if (!r) return;
    redis = r;
    const rand = rng(61);
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-redis-'));
    const a = await spawnServer({ dataDir: join(dataDir, 'a'), redis: redis.url });
    const b = await spawnServer({ dataDir: join(dataDir, 'b'), redis: redis.url });
    procs.push(a, b);
    fwd = await forwarder(a.port);
    team = await makeTeam(['alice', 'bob', 'carol']);
    const [alice, bob, carol] = team.laptops as [Laptop, Laptop, Laptop];
    await team.append(alice, [firstReport(), ...seedRows()]);
    // Alice and Bob reach process A through the forwarder; Carol talks to process B.
    await team.connect(alice, fwd.url);
    await team.connect(bob, fwd.url);
    await team.connect(carol, b.url);
    for (let i = 0; i < 30; i++) for (const l of team.laptops) await team.append(l, [randomEdit(rand, l.name)]);
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);

    // Mid-stream: everyone keeps writing while process A dies; the forwarder now leads to B.
    let load = true;
    const writers = team.laptops.map(async (l) => {
      while (load) {
        await team!.append(l, [randomEdit(rand, l.name)]);
        await sleep(10 + Math.floor(rand() * 20));
      }
    });
    await sleep(700);
    await a.kill9();
    procs = procs.filter((p) => p !== a);
    fwd.setTarget(b.port);
    await sleep(1500);
    load = false;
    await Promise.all(writers);
    await waitConverged(team.laptops, allAppended(team.laptops), 30_000);
    for (const l of team.laptops) await until(() => l.client!.status().pending === 0, 15_000, `${l.name} acknowledged`);
    const [pa, pb, pc] = await Promise.all([alice, bob, carol].map(projections));
    expect(pb).toEqual(pa);
    expect(pc).toEqual(pa);

    // A laptop that never synced gets all of it from the surviving process.
    const dave = await team.add('dave');
    await waitConverged([alice], allAppended(team.laptops), 10_000);
    await team.connect(dave, b.url);
    await waitConverged([dave], allAppended(team.laptops), 20_000);
    expect(await projections(dave)).toEqual(await projections(alice));
  }, 90_000);
});
