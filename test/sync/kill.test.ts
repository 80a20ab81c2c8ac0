/**
 * `kill -9` of the server process under load, several times, restarting on the same data:
 * every event the server acknowledged before it died is there afterwards (read by a fresh
 * member before any laptop could send anything again), and the team converges.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstReport, randomEdit, rng, seedRows } from './edits';
import { intrude, teamRoom, until } from './intruder';
import { spawnServer, type ServerProcess } from './processes';
import { allAppended, makeTeam, sleep, waitConverged, type Team } from './team';
import { itemIds } from '../../shared/sync/chunk';

let proc: ServerProcess | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await proc?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = proc = dataDir = undefined;
});

describe('kill -9 under load', () => {
  it('loses nothing acknowledged, three kills in a row', async () => {
    const rand = rng(53);
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-kill-'));
    proc = await spawnServer({ dataDir });
    const port = proc.port;
    team = await makeTeam(['alice', 'bob', 'carol']);
    await team.append(team.laptops[0]!, [firstReport(), ...seedRows()]);
    for (const l of team.laptops) await team.connect(l, proc.url);
    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
    const room = await teamRoom(team);

    let load = true;
    const writers = team.laptops.map(async (l) => {
      while (load) {
        await team!.append(l, Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomEdit(rand, l.name)));
        await sleep(5 + Math.floor(rand() * 20));
      }
    });
    let checked = 0;
    for (let round = 0; round < 3; round++) {
      await sleep(600 + Math.floor(rand() * 600));
      // What the server has acknowledged right now: appended and no longer pending.
      const acked = new Set(team.laptops.flatMap((l) => {
        const pending = new Set(l.client!.pendingIds());
        return [...l.appended].filter((id) => !pending.has(id));
      }));
      await proc.kill9();
      // No laptop may fill the gap before we look.
      for (const l of team.laptops) l.client!.disconnect();
      proc = await spawnServer({ dataDir, port });
      const reader = intrude(proc.url, room.name, room.token);
      await until(() => reader.synced(), 10_000, 'a fresh member to read the restarted server');
      const stored = new Set(reader.doc.getArray('events').toArray().flatMap(itemIds));
      reader.destroy();
      const lost = [...acked].filter((id) => !stored.has(id));
      expect(lost, `round ${round}: acknowledged but lost`).toEqual([]);
      checked += acked.size;
      for (const l of team.laptops) l.client!.connect();
    }
    load = false;
    await Promise.all(writers);
    expect(checked).toBeGreaterThan(3 * 100);
    await waitConverged(team.laptops, allAppended(team.laptops), 30_000);
    for (const l of team.laptops) await until(() => l.client!.status().pending === 0, 15_000, `${l.name} acknowledged`);
  }, 120_000);
});
