/**
 * The roster is the workspace's (decisions 011, 063): every roster and key chain a laptop builds
 * from its store (SyncClient.start, readEpochState, teamMembers, the invite host) reads the
 * workspace's events only (`readEvents(null)`). A `sync.*` event filed under an incident would
 * count on the laptops it reaches live and be forgotten by each of them at its next start — a
 * person added that way unbound again, so a copy naming that person could bind it to another
 * laptop. Such an event is refused on arrival (the registry's parser, and `Roster.apply`), listed
 * in the sync panel and never stored: the live roster and the one rebuilt after a restart agree.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../shared/events/event';
import { encodeHlc } from '../../shared/events/hlc';
import { sealEventsChunk } from '../../shared/sync/chunk';
import { generateDeviceKey, type DeviceKey } from '../../shared/sync/device-key';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
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
const refusedAsFiled = (l: Laptop, id: string) => () => l.client!.rejected().some((r) => r.id === id && r.reason === 'invalid-event' && /incidentId/.test(r.detail ?? ''));

/** Pushes `events` sealed and signed by `signer` into the team's current room, as a modified client would. */
async function push(via: Laptop, signer: DeviceKey, events: HonbuEvent[], url: string): Promise<void> {
  const room = await teamRoom(team!, via);
  const rogue = intrude(url, room.name, room.token);
  intruders.push(rogue);
  await until(() => rogue.synced(), 5000, 'the rogue client to sync');
  rogue.doc.getArray('events').push([await sealEventsChunk(events, room.keys, signer)]);
}

const stamp = (by: string, wall: number) => encodeHlc({ wall, counter: 0, node: by });

const addition = (by: Laptop, incidentId: string | null, wall: number, device: DeviceKey, personId: string, name: string): HonbuEvent =>
  ({
    id: crypto.randomUUID(),
    incidentId,
    at: stamp(by.device.deviceId, wall),
    actor: by.personId,
    type: 'sync.device-added',
    payload: { deviceId: device.deviceId, publicKey: device.publicKey, agreementKey: device.agreement.publicKey, personId, personName: name, roles: [] },
  }) as HonbuEvent;

describe('a roster event filed under an incident', () => {
  it('is refused on arrival and never stored: the roster is the same live and after the laptop restarts', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-roster-incident-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = team.laptops as [Laptop, Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);

    // Mallory's modified client admits newcomer nina, and revokes bob's laptop, both filed under an incident.
    const ninaPerson = crypto.randomUUID();
    const { key: nina } = await generateDeviceKey(crypto.randomUUID());
    const admitted = addition(mallory, 'inc-anything', Date.now(), nina, ninaPerson, 'nina');
    const revoked = {
      id: crypto.randomUUID(),
      incidentId: 'inc-anything',
      at: stamp(mallory.device.deviceId, Date.now() + 1),
      actor: mallory.personId,
      type: 'sync.device-revoked',
      payload: { deviceId: bob.device.deviceId },
    } as HonbuEvent;
    await push(mallory, mallory.device, [admitted, revoked], server.url);
    for (const l of [alice, bob]) {
      await expect.poll(refusedAsFiled(l, admitted.id), { timeout: 15_000 }).toBe(true);
      await expect.poll(refusedAsFiled(l, revoked.id), { timeout: 15_000 }).toBe(true);
    }
    await alice.client!.idle();
    const view = async (l: Laptop) => ({
      nina: l.client!.roster.device(nina.deviceId)?.personId ?? null,
      bob: l.client!.roster.trust(bob.device.deviceId),
      stored: (await has(l, admitted.id)) || (await has(l, revoked.id)),
    });
    const live = await view(alice);

    // Alice closes the app and opens it again.
    await alice.client!.stop();
    await team.connect(alice, server.url);
    await alice.client!.idle();
    const afterRestart = await view(alice);

    expect({ live, afterRestart }).toEqual({ live: { nina: null, bob: 'trusted', stored: false }, afterRestart: { nina: null, bob: 'trusted', stored: false } });
  }, 60_000);

  it('a newcomer added as the workspace’s stays bound after a restart: an inviter’s copy naming her person for a laptop of her own is refused, and nothing it signs counts', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-roster-incident-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = team.laptops as [Laptop, Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    // Mallory is only an observer.
    const [observer] = await team.append(alice, [{ type: 'roles.role-assigned', incidentId: null, payload: { personId: mallory.personId, role: 'observer' } }]);
    await expect.poll(() => has(bob, observer!.id), { timeout: 10_000 }).toBe(true);

    // Mallory's modified host first files nina's admission under an incident: refused everywhere.
    const ninaPerson = crypto.randomUUID();
    const { key: nina } = await generateDeviceKey(crypto.randomUUID());
    const filed = addition(mallory, 'inc-anything', Date.now(), nina, ninaPerson, 'nina');
    await push(mallory, mallory.device, [filed], server.url);
    await expect.poll(refusedAsFiled(bob, filed.id), { timeout: 15_000 }).toBe(true);
    await expect.poll(refusedAsFiled(alice, filed.id), { timeout: 15_000 }).toBe(true);
    expect(bob.client!.roster.device(nina.deviceId)).toBeUndefined();

    // Nina is then admitted as the workspace's, and direction makes her direction.
    const admitted = addition(mallory, null, Date.now() + 500, nina, ninaPerson, 'nina');
    await push(mallory, mallory.device, [admitted], server.url);
    await expect.poll(() => has(bob, admitted.id), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => has(alice, admitted.id), { timeout: 15_000 }).toBe(true);
    const [promoteNina] = await team.append(alice, [{ type: 'roles.role-assigned', incidentId: null, payload: { personId: ninaPerson, role: 'direction' } }]);
    await expect.poll(() => has(bob, promoteNina!.id), { timeout: 10_000 }).toBe(true);

    // Bob restarts the app (an ordinary day).
    await bob.client!.stop();
    await team.connect(bob, server.url);
    await bob.client!.idle();

    // Mallory's ghost laptop, named as nina's person.
    const { key: ghost } = await generateDeviceKey(crypto.randomUUID());
    const copy = addition(mallory, null, Date.now() + 1000, ghost, ninaPerson, 'nina');
    await push(mallory, mallory.device, [copy], server.url);
    // From the ghost, "nina" (direction) makes mallory direction of the workspace.
    const escalate = {
      id: crypto.randomUUID(),
      incidentId: null,
      at: stamp(ghost.deviceId, Date.now() + 2000),
      actor: ninaPerson,
      type: 'roles.role-assigned',
      payload: { personId: mallory.personId, role: 'direction' },
    } as HonbuEvent;
    await push(mallory, ghost, [escalate], server.url);

    const dealt = (l: Laptop, id: string) => async () => (await has(l, id)) || l.client!.rejected().some((r) => r.id === id || (r.ids ?? []).includes(id));
    await expect.poll(dealt(bob, copy.id), { timeout: 15_000 }).toBe(true);
    await expect.poll(dealt(alice, copy.id), { timeout: 15_000 }).toBe(true);
    await expect.poll(dealt(bob, escalate.id), { timeout: 15_000 }).toBe(true);
    await bob.client!.idle();
    await alice.client!.idle();

    const observed = {
      ghostIsNinaOnBob: bob.client!.roster.device(ghost.deviceId)?.personId === ninaPerson,
      ninasOwnLaptopOnBob: bob.client!.roster.device(nina.deviceId)?.personId === ninaPerson,
      mallorysPromotionStoredOnBob: await has(bob, escalate.id),
      ghostIsNinaOnAlice: alice.client!.roster.device(ghost.deviceId)?.personId === ninaPerson,
    };
    expect(observed).toEqual({ ghostIsNinaOnBob: false, ninasOwnLaptopOnBob: true, mallorysPromotionStoredOnBob: false, ghostIsNinaOnAlice: false });
  }, 90_000);
});
