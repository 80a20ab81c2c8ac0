/**
 * Key epochs against the real server on loopback: revoking a laptop mid-stream starts a new
 * epoch with a new room. The revoked laptop can neither reach the new room nor read what
 * is written after its revocation, and its writes to the old room are refused once it is
 * frozen; the other laptops — one of them offline during the revocation — converge with
 * zero lost events.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../shared/events/event';
import { sealEnvelope } from '../../shared/sync/envelope';
import { DEVICE_REVOKED } from '../../shared/sync/events';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { readKeyring } from '../../renderer/src/sync/device-store';
import { firstReport, randomEdit, rng, seedRows } from './edits';
import { intrude, teamRoom, until, type Intruder } from './intruder';
import { allAppended, makeTeam, projections, sleep, storedIds, waitConverged, type Laptop, type Team } from './team';
import { itemDevice, itemIds } from '../../shared/sync/chunk';

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
const track = (i: Intruder) => (intruders.push(i), i);

describe('revoking a laptop starts a new key epoch', () => {
  it('three laptops and one revoked mid-stream: the three converge with zero lost events, one of them offline during the revocation; the revoked one is locked out', async () => {
    const rand = rng(41);
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-epochs-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'carol', 'eve']);
    const [alice, bob, carol, eve] = team.laptops as [Laptop, Laptop, Laptop, Laptop];
    await team.append(alice, [firstReport(), ...seedRows()]);
    for (const l of team.laptops) await team.connect(l, server.url);
    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
    const oldRoom = await teamRoom(team, alice, 0);

    // Carol goes offline and keeps working.
    carol.client!.disconnect();
    const edit = (l: Laptop) => team!.append(l, [randomEdit(rand, l.name)]);
    for (let i = 0; i < 20; i++) await edit(carol);

    // Everyone else edits; halfway, Alice revokes Eve's laptop, and editing goes on.
    let revokedAt = '';
    const afterRevocation = new Set<string>();
    for (let i = 0; i < 30; i++) {
      for (const l of [alice, bob, eve]) await edit(l);
      if (i === 15) revokedAt = (await team.revoke(alice, eve)).at(-1)!.at;
      if (i > 15) for (const e of await edit(alice)) afterRevocation.add(e.id);
      await sleep(5);
    }
    await expect.poll(() => [alice, bob].map((l) => l.client!.status().epoch), { timeout: 15_000 }).toEqual([1, 1]);
    // Bob writes in the new epoch; nothing of it can reach Eve.
    for (let i = 0; i < 10; i++) for (const e of await edit(bob)) afterRevocation.add(e.id);

    // Eve, revoked, still holds the old epoch's key and credential (a modified client
    // would): the old room is frozen, so a write there is refused with a reason...
    const rogue = track(intrude(server.url, oldRoom.name, oldRoom.token));
    await until(() => rogue.synced(), 5000, 'Eve to open the old room');
    const late: HonbuEvent = { ...(await edit(eve))[0]!, id: crypto.randomUUID() };
    rogue.doc.getArray('events').push([await sealEnvelope(late, oldRoom.keys, eve.device)]);
    await until(() => rogue.closes.length > 0, 5000, 'the server to refuse a write to the frozen room');
    expect(rogue.closes.map((c) => c.reason).join()).toMatch(/frozen/);
    // ...and the new room's name and credential follow from a key she never received.
    const newRoom = await teamRoom(team, alice, 1);
    const door = track(intrude(server.url, newRoom.name, oldRoom.token));
    await until(() => door.denied.length > 0, 5000, 'the new room to refuse the old credential');
    expect(door.synced()).toBe(false);
    expect(await readKeyring(eve.store)).toEqual([]);
    await expect.poll(() => eve.client!.status().trouble, { timeout: 10_000 }).toBe('left-out');
    expect(eve.client!.status().epoch).toBe(0);

    // Carol comes back: she finds the new epoch in the frozen room, opens her box, moves on
    // and sends her offline work into the new room.
    carol.client!.connect();
    const honest = [alice, bob, carol];
    const expected = allAppended(honest);
    for (const id of await storedIds(alice)) if (eve.appended.has(id)) expected.add(id);
    await waitConverged(honest, expected, 30_000);
    expect(carol.client!.status().epoch).toBe(1);
    for (const l of honest) expect(l.client!.status()).toMatchObject({ pending: 0, held: 0 });
    const [pa, pb, pc] = await Promise.all(honest.map(projections));
    expect(pb).toEqual(pa);
    expect(pc).toEqual(pa);

    // What counts of Eve's is exactly what she got into the old room before it was frozen
    // (whatever its clock), the same on every laptop; nothing she wrote afterwards.
    const reader = track(intrude(server.url, oldRoom.name, oldRoom.token));
    await until(() => reader.synced(), 5000, 'a member to read the old room');
    const inOldRoom = new Set(
      reader.doc
        .getArray('events')
        .toArray()
        .filter((e) => itemDevice(e) === eve.device.deviceId)
        .flatMap(itemIds),
    );
    expect(inOldRoom.size).toBeGreaterThan(10);
    for (const l of honest) expect(new Set([...(await storedIds(l))].filter((id) => eve.appended.has(id)))).toEqual(inOldRoom);
    expect(inOldRoom.has(late.id)).toBe(false);
    expect((await alice.store.readEvents()).filter((e) => inOldRoom.has(e.id) && e.at > revokedAt).length).toBeLessThan(inOldRoom.size);

    // Eve read nothing written after her revocation.
    const eveHas = await storedIds(eve);
    expect([...afterRevocation].filter((id) => eveHas.has(id))).toEqual([]);
    expect([...carol.appended].filter((id) => eveHas.has(id))).toEqual([]);
  }, 90_000);

  it('a revocation from before key epochs: once every member has published its key, the revoker starts a new epoch', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-epochs-'));
    server = await startSyncServer({ port: 0, dataDir });
    // Bob's laptop joined before key epochs: the roster has no X25519 key for it.
    team = await makeTeam(['alice', 'bob', 'eve'], { legacy: ['bob'] });
    const [alice, bob, eve] = team.laptops as [Laptop, Laptop, Laptop];
    // Eve was revoked the old way: a revocation, no new key.
    await team.append(alice, [firstReport(), ...seedRows(), { type: DEVICE_REVOKED, incidentId: null, payload: { deviceId: eve.device.deviceId } }]);
    await team.connect(alice, server.url);
    await team.connect(eve, server.url);
    // Until Bob's laptop can receive a key, the team stays where it is.
    await sleep(1000);
    expect(alice.client!.status().epoch).toBe(0);
    expect(alice.client!.roster.device(bob.device.deviceId)?.agreementKey).toBeUndefined();

    // Bob starts: his laptop publishes its key, Alice (who revoked Eve) starts epoch 1 without Eve.
    await team.connect(bob, server.url);
    await expect.poll(() => [alice, bob].map((l) => l.client!.status().epoch), { timeout: 15_000 }).toEqual([1, 1]);
    expect(alice.client!.roster.device(bob.device.deviceId)?.agreementKey).toBe(bob.device.agreement.publicKey);
    await expect.poll(() => eve.client!.status().trouble, { timeout: 10_000 }).toBe('left-out');
    const later = await team.append(bob, [randomEdit(rng(3), 'bob')]);
    // Besides what the test appended: the epoch event and Bob's published key, made by the clients.
    const expected = allAppended([alice, bob]);
    for (const l of [alice, bob]) for (const e of await l.store.readEvents(null)) expected.add(e.id);
    await waitConverged([alice, bob], expected, 15_000);
    expect((await storedIds(eve)).has(later[0]!.id)).toBe(false);
  }, 60_000);
});
