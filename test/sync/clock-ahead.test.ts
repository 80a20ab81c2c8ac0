/**
 * An edit stamped in the future (a laptop whose clock is wrong, or a modified client that
 * stamps 2099 to win every later edit of a field) is held by the laptops that receive it: not
 * stored nor folded, and said on the sync screen, until that time comes by their own clock.
 * Then it is folded at the time it carries. Two laptops and the real sync server.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../shared/events/registry';
import { MAX_AHEAD_MS } from '../../shared/events/hlc';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { EventStore } from '../../renderer/src/data/event-store';
import { ALL_PROJECTIONS } from '../../renderer/src/data/projections';
import { tables } from '../../renderer/src/data/tables';
import { firstReport, INCIDENT } from './edits';
import { makeTeam, storedIds, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const phone = (deskPhone: string): AnyDraft => ({ type: 'incident.facts-changed', incidentId: INCIDENT, payload: { changes: { deskPhone } } });
const DAY = 24 * 60 * 60 * 1000;

/** A store on the laptop's database whose clock reads `at`: what a laptop with a wrong clock (or a forged client) stamps. */
function clockAt(l: Laptop, team: Team, at: () => number): EventStore {
  return new EventStore(l.db, team.keys.data, ALL_PROJECTIONS, { deviceId: l.device.deviceId, actor: l.personId }, at, team.keys.index);
}

const deskPhone = async (l: Laptop) => ((await l.store.table(tables.incidents).get(INCIDENT)) as { facts?: { deskPhone?: string } } | undefined)?.facts?.deskPhone;

describe('an edit stamped ahead of this laptop\'s clock', () => {
  it('is held and said; edits meanwhile count; it counts once its time comes, as the latest edit then', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-ahead-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'mallory']);
    const [alice, mallory] = team.laptops as [Laptop, Laptop];
    await team.append(alice, [firstReport()]);
    // Alice's clock, as her sync client reads it: moved by the test.
    let aliceNow = Date.now();

    // Mallory stamps one edit 5 minutes ahead (a clock a little fast: fine), then one 30 days ahead, before connecting.
    const [fast] = await clockAt(mallory, team, () => aliceNow + MAX_AHEAD_MS / 2).append([{ type: 'incident.facts-changed', incidentId: INCIDENT, payload: { changes: { deskHours: '9:00〜17:00' } } }]);
    const [forged] = await clockAt(mallory, team, () => aliceNow + 30 * DAY).append([phone('0120-666-666')]);
    await team.connect(alice, server.url, { now: () => aliceNow });
    await team.connect(mallory, server.url);

    // The slightly fast one counts; the month-ahead one is held and said, with who and how far ahead.
    await expect.poll(async () => (await storedIds(alice)).has(fast!.id), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => alice.client!.status().clockAhead?.length ?? 0, { timeout: 10_000 }).toBe(1);
    await alice.client!.idle();
    expect((await storedIds(alice)).has(forged!.id)).toBe(false);
    const held = alice.client!.status().clockAhead![0]!;
    expect(held).toMatchObject({ id: forged!.id, device: mallory.device.deviceId, kind: 'incident.facts-changed' });
    expect(held.aheadMs).toBeGreaterThan(29 * DAY);
    expect(await deskPhone(alice)).not.toBe('0120-666-666');

    // Alice's own edit meanwhile counts (the held one is not folded).
    await team.append(alice, [phone('0120-111-222')]);
    expect(await deskPhone(alice)).toBe('0120-111-222');
    // Looked at again before its time: still held.
    alice.client!.releaseDue();
    await alice.client!.idle();
    expect((await storedIds(alice)).has(forged!.id)).toBe(false);

    // A month later by Alice's clock: it counts, and is no longer said as held.
    aliceNow += 30 * DAY;
    alice.client!.releaseDue();
    await expect.poll(async () => (await storedIds(alice)).has(forged!.id), { timeout: 10_000 }).toBe(true);
    await alice.client!.idle();
    expect(alice.client!.status().clockAhead ?? []).toEqual([]);
    expect(alice.client!.status().rejected).toBe(0);
    // Folded at the time it carries, it is the latest edit of the field then (last writer wins by clock).
    expect(await deskPhone(alice)).toBe('0120-666-666');
  }, 60_000);
});
