/**
 * A profile saved by one member about another is refused on every other laptop.
 *
 * `people.profile-saved` carries the person it is about in its payload (`personId`); the
 * app's command always writes the author's own id (shared/people/commands.ts). A modified
 * client could write another's id — the founder's, say — and rename her or change her phone
 * and e-mail everywhere, and every screen names people from that row: the timeline, the access
 * record, who asked for and who approved an export, and the mark printed in an exported file.
 * So the receiver refuses a profile event whose person is not its author (the signing device's
 * person: `profile-of-another`, listed in the sync panel, not stored), and the people fold
 * ignores one whatever way it came (decision 063). The member's own profile still travels.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../shared/events/event';
import { encodeHlc } from '../../shared/events/hlc';
import type { Person } from '../../shared/people/profile';
import { sealEventsChunk } from '../../shared/sync/chunk';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { tables } from '../../renderer/src/data/tables';
import { intrude, teamRoom, until, type Intruder } from './intruder';
import { makeTeam, storedIds, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
const intruders: Intruder[] = [];
afterEach(async () => {
  for (const i of intruders.splice(0)) i.destroy();
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const has = async (l: Laptop, id: string) => (await storedIds(l)).has(id);

async function push(l: Laptop, events: HonbuEvent[], url: string): Promise<void> {
  const room = await teamRoom(team!, l);
  const rogue = intrude(url, room.name, room.token);
  intruders.push(rogue);
  await until(() => rogue.synced(), 5000, 'the rogue client to sync');
  rogue.doc.getArray('events').push([await sealEventsChunk(events, room.keys, l.device)]);
}

describe('a profile saved by one member about another', () => {
  it('an observer cannot rename the founder or change her phone on the other laptops', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-profile-person-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = team.laptops as [Laptop, Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    // Alice's own profile, and mallory made an observer.
    const mine = await team.append(alice, [
      { type: 'people.profile-saved', incidentId: null, payload: { personId: alice.personId, name: '山田 花子', phone: '03-1234-5678' } },
      { type: 'roles.role-assigned', incidentId: null, payload: { personId: mallory.personId, role: 'observer' } },
    ]);
    for (const e of mine) await expect.poll(() => has(bob, e.id), { timeout: 10_000 }).toBe(true);

    // Mallory's modified client: a profile event about alice, signed by mallory's own laptop, as mallory.
    const forged = {
      id: crypto.randomUUID(),
      incidentId: null,
      at: encodeHlc({ wall: Date.now(), counter: 0, node: mallory.device.deviceId }),
      actor: mallory.personId,
      type: 'people.profile-saved',
      payload: { personId: alice.personId, name: '退職者（不明）', phone: '090-0000-0000' },
    } as HonbuEvent;
    await push(mallory, [forged], server.url);
    const dealt = async () => (await has(bob, forged.id)) || bob.client!.rejected().some((r) => r.id === forged.id || (r.ids ?? []).includes(forged.id));
    await expect.poll(dealt, { timeout: 15_000 }).toBe(true);
    await bob.client!.idle();

    const row = (await bob.store.table(tables.people).get(alice.personId)) as Person | undefined;
    expect({ name: row?.name, phone: row?.phone }).toEqual({ name: '山田 花子', phone: '03-1234-5678' });
    expect(await has(bob, forged.id)).toBe(false);
    expect(bob.client!.rejected().find((r) => r.id === forged.id)).toMatchObject({ reason: 'profile-of-another', device: mallory.device.deviceId });

    // Her own profile, as the app's command writes it (an observer may), still reaches bob.
    const [own] = await team.append(mallory, [{ type: 'people.profile-saved', incidentId: null, payload: { personId: mallory.personId, name: '真理' } }]);
    await expect.poll(() => has(bob, own!.id), { timeout: 15_000 }).toBe(true);
    await bob.client!.idle();
    expect(((await bob.store.table(tables.people).get(mallory.personId)) as Person | undefined)?.name).toBe('真理');
  }, 60_000);
});
