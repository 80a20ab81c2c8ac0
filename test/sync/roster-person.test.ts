/**
 * A laptop is its own person's, or a new person's: never added under another person's id.
 *
 * A modified member client (an observer's, even) signs a `sync.device-added` naming ANOTHER
 * person — the founder, who holds direction — for a device key it holds. Every laptop judges a
 * device's events by its roster person's roles (receiver.ts) and the chunk check binds the
 * actor to that person, so such a device would write anything the founder may, recorded as
 * hers, and be sealed later epoch keys after the member's own laptop is revoked.
 *
 * The rule (decision 063, `Roster.apply`, on every laptop): a device named as the founder's, or
 * as a person who already has a laptop in the roster, is added only by a laptop of that same
 * person; another member's laptop brings in only a person nobody holds yet. A refused addition
 * is listed in the sync panel and not stored; what its device signs is listed and never applied.
 * The invite host admits only someone new. A person's own further laptop still joins.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../shared/events/event';
import { encodeHlc } from '../../shared/events/hlc';
import { sealEventsChunk } from '../../shared/sync/chunk';
import { generateDeviceKey, type DeviceKey } from '../../shared/sync/device-key';
import { originDevice } from '../../shared/sync/envelope';
import { InviteError } from '../../shared/sync/invite';
import { DEVICE_ADDED, isRosterEvent, Roster, type DeviceAddedPayload } from '../../shared/sync/roster';
import { hostInvite, redeemInvite } from '../../renderer/src/sync/join';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { intrude, teamRoom, until, type Intruder } from './intruder';
import { makeTeam, NodeWebSocket, storedIds, type Laptop, type Team } from './team';

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

/** Pushes `events` sealed and signed by `signer` into the team's current room, as a plain Yjs client. */
async function push(via: Laptop, signer: DeviceKey, events: HonbuEvent[], url: string): Promise<void> {
  const room = await teamRoom(team!, via);
  const rogue = intrude(url, room.name, room.token);
  intruders.push(rogue);
  await until(() => rogue.synced(), 5000, 'the rogue client to sync');
  rogue.doc.getArray('events').push([await sealEventsChunk(events, room.keys, signer)]);
}

describe('a laptop added to the roster under another person', () => {
  it('an observer cannot add a laptop as the founder and give herself direction from it (the other laptops refuse it)', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-roster-person-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = team.laptops as [Laptop, Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    // Alice (the roster's anchor, the founder: direction) makes mallory an observer.
    const [observer] = await team.append(alice, [{ type: 'roles.role-assigned', incidentId: null, payload: { personId: mallory.personId, role: 'observer' } }]);
    await expect.poll(() => has(bob, observer!.id), { timeout: 10_000 }).toBe(true);

    // Mallory's modified client: a new device key of her own, added to the roster as ALICE's laptop.
    const ghostId = crypto.randomUUID();
    const { key: ghost } = await generateDeviceKey(ghostId);
    const added = {
      id: crypto.randomUUID(),
      incidentId: null,
      at: encodeHlc({ wall: Date.now(), counter: 0, node: mallory.device.deviceId }),
      actor: mallory.personId,
      type: 'sync.device-added',
      payload: { deviceId: ghostId, publicKey: ghost.publicKey, agreementKey: ghost.agreement.publicKey, personId: alice.personId, personName: 'alice', roles: ['direction'] },
    } as HonbuEvent;
    await push(mallory, mallory.device, [added], server.url);
    // From that laptop, "alice" makes mallory direction of the whole workspace.
    const promote = {
      id: crypto.randomUUID(),
      incidentId: null,
      at: encodeHlc({ wall: Date.now() + 1000, counter: 0, node: ghostId }),
      actor: alice.personId,
      type: 'roles.role-assigned',
      payload: { personId: mallory.personId, role: 'direction' },
    } as HonbuEvent;
    await push(mallory, ghost, [promote], server.url);

    // Bob's laptop has dealt with both: stored, or refused (listed).
    const dealt = (id: string) => async () => (await has(bob, id)) || bob.client!.rejected().some((r) => r.id === id || (r.ids ?? []).includes(id));
    await expect.poll(dealt(added.id), { timeout: 15_000 }).toBe(true);
    await expect.poll(dealt(promote.id), { timeout: 15_000 }).toBe(true);
    await bob.client!.idle();

    const roster = Roster.fromEvents(team.root, (await bob.store.readEvents(null)).filter(isRosterEvent), originDevice);
    const ghostOnBob = roster.device(ghostId);
    const observed = {
      ghostCountsAsAlice: ghostOnBob?.personId === alice.personId && !ghostOnBob.revoked,
      promotionStored: await has(bob, promote.id),
    };
    expect(observed).toEqual({ ghostCountsAsAlice: false, promotionStored: false });
    // Both listed in bob's sync panel: the addition as another person's, the promotion as from a refused laptop.
    expect(bob.client!.rejected().find((r) => r.id === added.id)).toMatchObject({ reason: 'person-of-another' });
    expect(bob.client!.rejected().find((r) => r.id === promote.id)).toMatchObject({ reason: 'refused-device', device: ghostId });
  }, 60_000);

  it('a laptop mallory registered as the founder’s is left out of the new key when mallory’s laptop is revoked', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-roster-person-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, , mallory] = team.laptops as [Laptop, Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    // While still trusted, mallory's modified client plants a laptop of hers in the roster, named as alice's.
    const ghostId = crypto.randomUUID();
    const { key: ghost } = await generateDeviceKey(ghostId);
    const added = {
      id: crypto.randomUUID(),
      incidentId: null,
      at: encodeHlc({ wall: Date.now(), counter: 0, node: mallory.device.deviceId }),
      actor: mallory.personId,
      type: 'sync.device-added',
      payload: { deviceId: ghostId, publicKey: ghost.publicKey, agreementKey: ghost.agreement.publicKey, personId: alice.personId, personName: 'alice', roles: ['direction'] },
    } as HonbuEvent;
    await push(mallory, mallory.device, [added], server.url);
    const dealt = async () => (await has(alice, added.id)) || alice.client!.rejected().some((r) => r.id === added.id);
    await expect.poll(dealt, { timeout: 15_000 }).toBe(true);
    await alice.client!.idle();
    expect(alice.client!.rejected().find((r) => r.id === added.id)).toMatchObject({ reason: 'person-of-another', device: mallory.device.deviceId });
    // Alice revokes mallory's laptop, as the app does: a new epoch key sealed to every laptop that stays.
    const events = await team.revoke(alice, mallory);
    const started = events.find((e) => e.type === 'sync.epoch-started') as HonbuEvent<string, { boxes: { deviceId: string }[] }> | undefined;
    expect(started).toBeDefined();
    // Mallory keeps no way into what the team writes next.
    expect(started!.payload.boxes.map((b) => b.deviceId)).not.toContain(ghostId);
    // The team moves on to the new epoch before the laptops are closed.
    await expect.poll(() => alice.client!.status().epoch, { timeout: 15_000 }).toBe(1);
    for (const l of team.laptops) await l.client!.idle();
  }, 60_000);
});

describe('the flows that stay open', () => {
  it('a person’s own second laptop, added by their first, is theirs on every laptop, writes as them and gets the next epoch key', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-roster-person-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = team.laptops as [Laptop, Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    // Bob's first laptop adds his second one, as his (signed by his own laptop).
    const secondId = crypto.randomUUID();
    const { key: second } = await generateDeviceKey(secondId);
    const payload: DeviceAddedPayload = { deviceId: secondId, publicKey: second.publicKey, agreementKey: second.agreement.publicKey, personId: bob.personId, personName: 'bob', roles: [] };
    const [added] = await team.append(bob, [{ type: DEVICE_ADDED, incidentId: null, payload }]);
    await expect.poll(() => has(alice, added!.id), { timeout: 15_000 }).toBe(true);
    await alice.client!.idle();
    expect(alice.client!.roster.device(secondId)).toMatchObject({ personId: bob.personId, addedBy: bob.device.deviceId, revoked: false });

    // What the second laptop writes counts as bob's.
    const edit = {
      id: crypto.randomUUID(),
      incidentId: null,
      at: encodeHlc({ wall: Date.now(), counter: 0, node: secondId }),
      actor: bob.personId,
      type: 'people.profile-saved',
      payload: { personId: bob.personId, phone: '03-0000-1111' },
    } as HonbuEvent;
    await push(bob, second, [edit], server.url);
    await expect.poll(() => has(alice, edit.id), { timeout: 15_000 }).toBe(true);

    // Mallory's laptop revoked: the new epoch key goes to both of bob's laptops and to alice's, not to mallory's.
    const events = await team.revoke(alice, mallory);
    const started = events.find((e) => e.type === 'sync.epoch-started') as HonbuEvent<string, { boxes: { deviceId: string }[] }> | undefined;
    expect(started!.payload.boxes.map((b) => b.deviceId).sort()).toEqual([alice.device.deviceId, bob.device.deviceId, secondId].sort());
    await expect.poll(() => alice.client!.status().epoch, { timeout: 15_000 }).toBe(1);
    for (const l of team.laptops) await l.client!.idle();
  }, 60_000);

  it('the invite host admits someone new, and ignores a request naming a person the team has', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-roster-person-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    const ws = NodeWebSocket as never;
    const hosted = await hostInvite({ store: alice.store, masterKey: team.master, serverUrl: server.url, room: team.room, root: team.root, hostDevice: alice.device.deviceId, roles: [], WebSocketPolyfill: ws });
    const redeem = (personId: string) =>
      redeemInvite({ serverUrl: server!.url, code: hosted.code, deviceId: crypto.randomUUID(), personId, personName: 'someone', now: Date.now, waitMs: 2000, answerMs: 1500, WebSocketPolyfill: ws });
    // A joiner naming the founder, or bob, is not answered (it looks like a wrong code to it); the invite stays open.
    await expect(redeem(alice.personId)).rejects.toBeInstanceOf(InviteError);
    await expect(redeem(bob.personId)).rejects.toBeInstanceOf(InviteError);
    const addedBefore = (await alice.store.readEvents(null, [DEVICE_ADDED])).length;
    expect(addedBefore).toBe(2);
    // Someone new is admitted with the same code.
    const newcomer = crypto.randomUUID();
    const redeemed = await redeem(newcomer);
    expect(redeemed.invite.root).toEqual(team.root);
    expect(await hosted.admitted).toMatchObject({ personId: newcomer });
    const added = (await alice.store.readEvents(null, [DEVICE_ADDED])).map((e) => (e.payload as DeviceAddedPayload).personId);
    expect(added).toEqual([alice.personId, bob.personId, newcomer]);
  }, 60_000);
});
