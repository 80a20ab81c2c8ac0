/**
 * Laptops for sync tests: each an EventStore on its own fake-indexeddb database, all
 * sharing one workspace key, each with its own Ed25519 device key; the first is the
 * roster root and adds the others. Clients talk to a real sync server on loopback.
 */
import 'fake-indexeddb/auto';
import type { HonbuEvent } from '../../shared/events/event';
import type { AnyDraft } from '../../shared/events/registry';
import { generateDeviceKey, type DeviceKey } from '../../shared/sync/device-key';
import { DEVICE_ADDED, type DeviceAddedPayload, type RosterRoot } from '../../shared/sync/roster';
import { randomBytes } from '../../shared/vault/bytes';
import { vaultFromMasterKey } from '../../shared/vault/vault';
import { TEST_KDF_COST } from '../../shared/vault/kdf';
import { HonbuDb } from '../../renderer/src/data/db';
import { EventStore } from '../../renderer/src/data/event-store';
import { ALL_PROJECTIONS } from '../../renderer/src/data/projections';
import { tables, type TableRef } from '../../renderer/src/data/tables';
import { SyncClient } from '../../renderer/src/sync/sync-client';
import { saveDeviceKey, saveSyncSettings } from '../../renderer/src/sync/device-store';
import { syncHandlers } from '../../renderer/src/sync/handlers';
import { handlerContext } from '../../renderer/src/data/handler';

export { NodeWebSocket, pinnedWebSocket } from '../../server/pinned-socket';
import { NodeWebSocket } from '../../server/pinned-socket';

export interface Laptop {
  name: string;
  db: HonbuDb;
  store: EventStore;
  device: DeviceKey;
  personId: string;
  /** Ids of the events this laptop appended. */
  appended: Set<string>;
  client?: SyncClient;
}

export interface Team {
  laptops: Laptop[];
  root: RosterRoot;
  room: string;
  keys: { data: CryptoKey; index: CryptoKey };
  /** The workspace master key, which an invite hands to a joiner. */
  master: Uint8Array;
  add(name: string): Promise<Laptop>;
  append(l: Laptop, drafts: AnyDraft[]): Promise<HonbuEvent[]>;
  /** `by` revokes `target` as the app does (the dispatch handler: a new epoch and the revocation). */
  revoke(by: Laptop, target: Laptop): Promise<HonbuEvent[]>;
  connect(l: Laptop, url: string, opts?: { connect?: boolean; WebSocketPolyfill?: typeof NodeWebSocket }): Promise<SyncClient>;
  dispose(): Promise<void>;
}

/** `legacy`: laptops added as before key epochs, without an X25519 key in the roster (they publish it when they start). */
export async function makeTeam(names: string[], opts: { legacy?: string[] } = {}): Promise<Team> {
  const master = randomBytes(32);
  const { keys } = await vaultFromMasterKey(master, 'a team shares one workspace key', TEST_KDF_COST, Date.now());
  let t = 1_760_000_000_000;
  const laptops: Laptop[] = [];
  const make = async (name: string): Promise<Laptop> => {
    const deviceId = crypto.randomUUID();
    const personId = crypto.randomUUID();
    const db = new HonbuDb(`sync-${name}-${crypto.randomUUID()}`);
    // One shared fake clock keeps the test deterministic apart from network timing.
    const store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId, actor: personId }, () => (t += 7), keys.index);
    const { key, pkcs8, agreementPkcs8 } = await generateDeviceKey(deviceId);
    // Kept as the app keeps them (device-store.ts): the revoke handler reads them back.
    await saveDeviceKey(store, key, { pkcs8, agreementPkcs8 });
    return { name, db, store, device: key, personId, appended: new Set() };
  };
  const append = async (l: Laptop, drafts: AnyDraft[]) => {
    const events = await l.store.append(drafts);
    for (const e of events) l.appended.add(e.id);
    return events;
  };
  const first = await make(names[0]!);
  laptops.push(first);
  const root: RosterRoot = { deviceId: first.device.deviceId, publicKey: first.device.publicKey, personId: first.personId };
  const added = (l: Laptop): AnyDraft => ({
    type: DEVICE_ADDED,
    incidentId: null,
    payload: {
      deviceId: l.device.deviceId,
      publicKey: l.device.publicKey,
      ...(opts.legacy?.includes(l.name) ? {} : { agreementKey: l.device.agreement.publicKey }),
      personId: l.personId,
      personName: l.name,
      roles: ['direction'],
    } satisfies DeviceAddedPayload,
  });
  await append(first, [added(first)]);
  const room = `ws-${crypto.randomUUID()}`;
  const settings = (url: string) => ({ serverUrl: url, fingerprint: null, room, root });
  await saveSyncSettings(first.store, settings('ws://not-yet-connected'));
  const team: Team = {
    laptops,
    root,
    room,
    keys,
    master,
    async add(name) {
      const l = await make(name);
      await saveSyncSettings(l.store, settings('ws://not-yet-connected'));
      laptops.push(l);
      // The root signs the addition: trust flows from the anchor.
      await append(first, [added(l)]);
      return l;
    },
    append,
    async revoke(by, target) {
      const events: HonbuEvent[] = [];
      const stop = by.store.subscribe((notice) => events.push(...notice.events));
      try {
        await syncHandlers['sync.revoke-device'](handlerContext(by.store, { now: Date.now(), newId: () => crypto.randomUUID(), actor: { personId: by.personId, roles: [] } }), {
          deviceId: target.device.deviceId,
        });
      } finally {
        stop();
      }
      for (const e of events) by.appended.add(e.id);
      return events;
    },
    async connect(l, url, opts) {
      await saveSyncSettings(l.store, settings(url));
      l.client = await SyncClient.start({
        store: l.store,
        device: l.device,
        root,
        serverUrl: url,
        room: team.room,
        personName: l.name,
        WebSocketPolyfill: (opts?.WebSocketPolyfill ?? NodeWebSocket) as never,
        connect: opts?.connect,
      });
      return l.client;
    },
    async dispose() {
      for (const l of laptops) {
        await l.client?.stop();
        l.db.close();
        await l.db.delete();
      }
    },
  };
  for (const n of names.slice(1)) await team.add(n);
  return team;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Event ids in a laptop's store (keys only: no decryption while polling). */
export async function storedIds(l: Laptop): Promise<Set<string>> {
  return new Set((await l.db.events.toCollection().primaryKeys()) as string[]);
}

/** Waits until every laptop holds exactly `expected` events and its client is idle. */
export async function waitConverged(laptops: Laptop[], expected: Set<string>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(laptops.map((l) => l.db.events.count()));
    if (counts.every((c) => c === expected.size)) {
      await Promise.all(laptops.map((l) => l.client?.idle()));
      const sets = await Promise.all(laptops.map(storedIds));
      if (sets.every((s) => s.size === expected.size && [...expected].every((id) => s.has(id)))) return;
    }
    if (Date.now() > deadline) {
      const status = laptops.map((l) => ({ name: l.name, count: counts[laptops.indexOf(l)], status: l.client?.status() }));
      throw new Error(`sync did not converge on ${expected.size} events: ${JSON.stringify(status)}`);
    }
    await sleep(50);
  }
}

/** Every projection table of a laptop, rows sorted by id. */
export async function projections(l: Laptop): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of Object.values(tables) as TableRef[]) {
    out[t.name] = (await l.store.table(t).all()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

export function allAppended(laptops: Laptop[]): Set<string> {
  return new Set(laptops.flatMap((l) => [...l.appended]));
}
