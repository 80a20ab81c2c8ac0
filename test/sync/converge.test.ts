/**
 * Three laptops and the real sync server on loopback: offline edits on all of them merge
 * into identical projections with no event lost, whatever order they reconnect in.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { scanForStrings } from '../../e2e/disk-scan';
import { firstReport, PERSONAL_STRINGS, randomEdit, rng, seedRows } from './edits';
import { allAppended, makeTeam, projections, sleep, waitConverged, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

describe('three laptops, offline edits', () => {
  it('all go offline, edit hundreds of times, reconnect in random order, end identical', async () => {
    const rand = rng(7);
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'carol']);
    const [a, b, c] = team.laptops as [NonNullable<Team['laptops'][0]>, NonNullable<Team['laptops'][0]>, NonNullable<Team['laptops'][0]>];
    await team.append(a, [firstReport(), ...seedRows()]);
    for (const l of team.laptops) await team.connect(l, server.url);
    await waitConverged(team.laptops, allAppended(team.laptops), 10_000);

    for (const l of team.laptops) l.client!.disconnect();
    for (let i = 0; i < 300; i++) {
      for (const l of team.laptops) {
        const drafts = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => randomEdit(rand, l.name));
        await team.append(l, drafts);
      }
    }
    for (const l of team.laptops) {
      expect(l.client!.status()).toMatchObject({ state: 'offline' });
      expect(l.client!.status().pending).toBeGreaterThan(300);
    }

    const order = [a, b, c].sort(() => rand() - 0.5);
    for (const l of order) {
      l.client!.connect();
      await sleep(Math.floor(rand() * 200));
    }
    const expected = allAppended(team.laptops);
    expect(expected.size).toBeGreaterThan(3 * 400);
    await waitConverged(team.laptops, expected, 30_000);

    const [pa, pb, pc] = (await Promise.all([a, b, c].map(projections))) as [Record<string, unknown[]>, Record<string, unknown[]>, Record<string, unknown[]>];
    expect(pb).toEqual(pa);
    expect(pc).toEqual(pa);
    expect(pa.tasks!.length).toBeGreaterThan(10);
    expect(pa.enquiries!.length).toBeGreaterThan(10);
    for (const l of team.laptops) {
      expect(l.client!.status()).toMatchObject({ state: 'connected', pending: 0, held: 0, rejected: 0 });
      expect(l.client!.status().lastSyncAt).not.toBeNull();
    }
    // Presence: each laptop sees the other two online.
    a.client!.setBoard('containment');
    await expect.poll(() => b.client!.status().peers.find((p) => p.personName === 'alice')?.board, { timeout: 5000 }).toBe('containment');
    await expect.poll(() => c.client!.status().peers.map((p) => p.personName).sort(), { timeout: 5000 }).toEqual(['alice', 'bob']);
  }, 45_000);

  it("the server's data directory holds none of the personal data in clear", async () => {
    const rand = rng(11);
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    await team.append(team.laptops[0]!, [firstReport(), ...seedRows()]);
    for (const l of team.laptops) await team.connect(l, server.url);
    for (let i = 0; i < 60; i++) for (const l of team.laptops) await team.append(l, [randomEdit(rand, l.name)]);
    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
    await team.dispose();
    team = undefined;
    await server.close();
    server = undefined;
    const scan = await scanForStrings(dataDir, PERSONAL_STRINGS);
    expect(scan.files).toBeGreaterThan(0);
    expect(scan.bytes).toBeGreaterThan(10_000);
    expect(scan.hits).toEqual([]);
  }, 30_000);

  it('a server that lost its data is refilled by the laptops that reconnect to it', async () => {
    const rand = rng(5);
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-'));
    server = await startSyncServer({ port: 0, dataDir: join(dataDir, 'first') });
    const port = server.port;
    team = await makeTeam(['alice', 'bob', 'carol']);
    const [a, b, c] = team.laptops as [NonNullable<Team['laptops'][0]>, NonNullable<Team['laptops'][0]>, NonNullable<Team['laptops'][0]>];
    await team.append(a, [firstReport(), ...seedRows()]);
    for (const l of [a, b]) await team.connect(l, server.url);
    for (let i = 0; i < 40; i++) for (const l of [a, b]) await team.append(l, [randomEdit(rand, l.name)]);
    await waitConverged([a, b], allAppended(team.laptops), 10_000);

    // The box is replaced: same address, empty disk.
    await server.close();
    server = await startSyncServer({ port, dataDir: join(dataDir, 'second') });
    for (let i = 0; i < 20; i++) for (const l of [a, b]) await team.append(l, [randomEdit(rand, l.name)]);
    await waitConverged([a, b], allAppended(team.laptops), 15_000);
    await expect.poll(() => a.client!.status().state, { timeout: 5000 }).toBe('connected');
    await sleep(300);
    for (const l of [a, b]) {
      await l.client!.stop();
      l.client = undefined;
    }
    // Only the refilled server can serve Carol now.
    await team.connect(c, server.url);
    await waitConverged([c], allAppended(team.laptops), 15_000);
    expect(await projections(c)).toEqual(await projections(a));
  }, 40_000);
});
