/**
 * Storage faults: a write that fails (a full disk, an I/O error) is refused, its sender
 * keeps the events pending and sends them again once the server can store; nothing that
 * was acknowledged is lost, and a laptop joining after a restart gets every event.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { firstReport, randomEdit, rng, seedRows } from './edits';
import { FaultyStore } from './faulty-store';
import { reusablePort } from './ports';
import { until } from './intruder';
import { allAppended, makeTeam, sleep, waitConverged, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  for (const c of cleanup.splice(0).reverse()) await c();
  team = server = undefined;
});

/** A late joiner, after the server restarted on the same data, must get every event. */
async function lateJoinerGetsAll(dataDir: string, port: number, closeStore?: () => Promise<void>): Promise<void> {
  for (const l of team!.laptops) {
    await l.client?.stop();
    l.client = undefined;
  }
  await server!.close();
  await closeStore?.();
  server = await startSyncServer({ port, dataDir });
  const carol = await team!.add('carol-late');
  // Carol's own roster entry is appended by the root (Alice): bring Alice back to send it.
  await team!.connect(team!.laptops[0]!, server.url);
  await team!.connect(carol, server.url);
  await waitConverged([team!.laptops[0]!, carol], allAppended(team!.laptops), 20_000);
}

describe('storage faults', () => {
  for (const mode of ['ENOSPC', 'EIO'] as const) {
    it(`${mode}: refused writes stay pending, are retried with backoff and arrive; nothing acknowledged is lost`, async () => {
      const rand = rng(mode === 'EIO' ? 31 : 37);
      const dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-faults-'));
      cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
      const store = new FaultyStore(await LevelStore.open(dataDir));
      cleanup.push(() => store.close());
      server = await startSyncServer({ port: await reusablePort(), dataDir, store });
      team = await makeTeam(['alice', 'bob']);
      const [alice, bob] = team.laptops as [Laptop, Laptop];
      await team.append(alice, [firstReport(), ...seedRows()]);
      for (const l of team.laptops) await team.connect(l, server.url);
      await waitConverged(team.laptops, allAppended(team.laptops), 10_000);

      // The disk fills up (or starts failing) part-way through Alice's burst of edits.
      store.fail(mode, mode === 'ENOSPC' ? 2000 : 0);
      for (let i = 0; i < 30; i++) await team.append(alice, [randomEdit(rand, 'alice')]);
      await until(() => store.failures > 0, 10_000, 'a failed write');
      await until(() => alice.client!.status().refusal !== undefined, 5000, 'the refusal to reach Alice');
      // Backing off: each try is refused by the failing disk, and the tries come further and
      // further apart (1, 2, 4 s …), not every half second nor every second.
      await sleep(6000);
      const tries = store.failedAt.filter((t, i, all) => i === 0 || t - all[i - 1]! > 300);
      const gaps = tries.slice(1).map((t, i) => t - tries[i]!);
      expect(gaps.length).toBeGreaterThanOrEqual(2);
      expect(gaps[0]).toBeGreaterThanOrEqual(800);
      expect(gaps[1]).toBeGreaterThanOrEqual(1600);
      // What failed is still pending: the count never drops to zero while writes fail.
      expect(alice.client!.status().pending).toBeGreaterThan(0);
      expect(alice.client!.status().refusal).toMatch(/storage/);
      // What the person is told: the server's disk, not their work, and it will be sent later.
      expect(alice.client!.status().refusedAs).toBe('storage');

      store.heal();
      await waitConverged(team.laptops, allAppended(team.laptops), 30_000);
      await until(() => alice.client!.status().pending === 0 && alice.client!.status().refusal === undefined, 20_000, 'Alice acknowledged');
      expect(bob.client!.status()).toMatchObject({ rejected: 0 });
      await lateJoinerGetsAll(dataDir, server.port, () => store.close());
    }, 60_000);
  }

  it('a real full disk (a small tmpfs): writes fail, nothing is torn, and after space is freed every event arrives', async (ctx) => {
    const base = await mkdtemp(join(tmpdir(), 'honbu-sync-tmpfs-'));
    cleanup.push(() => rm(base, { recursive: true, force: true }));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', base], { stdio: 'pipe' });
    } catch (err) {
      console.warn(`skipped: cannot mount a small tmpfs here (${String((err as Error).message).split('\n')[0]})`);
      ctx.skip();
      return;
    }
    cleanup.push(async () => void execFileSync('umount', ['-l', base]));
    const dataDir = join(base, 'data');
    mkdirSync(dataDir);
    const rand = rng(41);
    server = await startSyncServer({ port: await reusablePort(), dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [alice] = team.laptops as [Laptop, Laptop];
    await team.append(alice, [firstReport(), ...seedRows()]);
    for (const l of team.laptops) await team.connect(l, server.url);
    await waitConverged(team.laptops, allAppended(team.laptops), 10_000);

    // Something else fills the disk to the last byte.
    const filler = join(base, 'filler');
    const chunk = Buffer.alloc(64 * 1024, 7);
    let n = 0;
    try {
      for (;;) writeFileSync(`${filler}-${n++}`, chunk);
    } catch {
      // ENOSPC: full.
    }
    try {
      for (let size = 4096; ; ) writeFileSync(`${filler}-tail-${n++}`, Buffer.alloc(size));
    } catch {
      // The last few bytes too.
    }
    for (let i = 0; i < 40; i++) await team.append(alice, [randomEdit(rand, 'alice')]);
    await until(() => alice.client!.status().refusal !== undefined, 15_000, 'a refused write on the full disk');
    expect(alice.client!.status().pending).toBeGreaterThan(0);

    // Space comes back: everything goes through, in order, nothing hidden behind a torn record.
    for (let i = 0; i < n; i++) {
      rmSync(`${filler}-${i}`, { force: true });
      rmSync(`${filler}-tail-${i}`, { force: true });
    }
    await waitConverged(team.laptops, allAppended(team.laptops), 40_000);
    await until(() => alice.client!.status().pending === 0, 20_000, 'Alice acknowledged');
    await lateJoinerGetsAll(dataDir, server.port);
  }, 90_000);
});
