/**
 * Attacks on the clock read once and primed at unlock (event-store.ts loadClock/primeClock):
 * no stamp may be given that is not after every stored event of this device and every event
 * received, and none twice.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { HonbuDb } from './db';
import { EventStore } from './event-store';
import { ALL_PROJECTIONS } from './projections';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const T0 = 1_700_000_000_000;
const stampAt = (ms: number, node: string, counter = 0) => `${String(ms).padStart(16, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
const edit = (phone: string): AnyDraft => ({ type: 'people.profile-saved', incidentId: null, payload: { personId: 'me', phone } }) as AnyDraft;
const remote = (at: string) => ({ id: crypto.randomUUID(), incidentId: null, at, actor: 'other', type: 'people.profile-saved', payload: { personId: 'other', phone: at } });
const settle = () => new Promise((r) => setTimeout(r, 30));

async function keys() {
  return (await createVault('a clock prime break passphrase', TEST_KDF_COST)).keys;
}

describe('two tabs on one workspace (web mode), one device', () => {
  // Tab B's clock is read when it unlocks; tab A then stores an event stamped an hour ahead of
  // the wall (its clock dragged by another laptop's, within MAX_DRIFT_MS). B was stamping its
  // first edit behind it, and behind the event A received, until B's store learnt to read its
  // clock again after another tab's write (event-store.ts forgetClock). Without the prime the
  // first stamp reads inside the cross-tab append lock: see the control below.
  async function scenario(prime: boolean) {
    const k = await keys();
    const name = `clock-tabs-${crypto.randomUUID()}`;
    const dbA = new HonbuDb(name);
    const dbB = new HonbuDb(name);
    dbs.push(dbA);
    let wall = T0;
    const now = () => wall;
    const a = new EventStore(dbA, k.data, ALL_PROJECTIONS, { deviceId: 'dev-a', actor: 'alice' }, now, k.index);
    await a.append([edit('1')]);
    // Tab B unlocks the same workspace: same device.
    const b = new EventStore(dbB, k.data, ALL_PROJECTIONS, { deviceId: 'dev-a', actor: 'alice' }, now, k.index);
    if (prime) b.primeClock();
    await settle();
    wall += 1_000;
    // Another laptop an hour ahead; tab A receives it, then edits.
    const ahead = stampAt(wall + 3_600_000, 'dev-c');
    await a.applyRemote([remote(ahead)]);
    const [x] = await a.append([edit('2')]);
    wall += 1_000;
    const [y] = await b.append([edit('3')]);
    return { ahead, x: x!.at, y: y!.at };
  }

  it('primed at unlock: B\'s first stamp comes after what A stored since', async () => {
    const { ahead, x, y } = await scenario(true);
    expect(y > x, `B stamped ${y}, A had stored ${x}`).toBe(true);
    expect(y > ahead).toBe(true);
  });

  it('control, not primed (the behaviour before this change): it does', async () => {
    const { ahead, x, y } = await scenario(false);
    expect(y > x).toBe(true);
    expect(y > ahead).toBe(true);
  });
});

describe('one store, primed, with writes racing the prime', () => {
  it('appends and remote batches issued at once right after priming: stamps unique, increasing, after everything received before them', async () => {
    const k = await keys();
    const db = new HonbuDb(`clock-race-${crypto.randomUUID()}`);
    dbs.push(db);
    const wall = T0;
    // A stored history: our own last event far ahead of the wall (a clock set back since), others'.
    const seed = new EventStore(db, k.data, ALL_PROJECTIONS, { deviceId: 'dev-a', actor: 'alice' }, () => T0 + 5 * 3_600_000, k.index);
    const [own] = await seed.append([edit('own')]);
    await seed.applyRemote([remote(stampAt(T0 + 10 * 3_600_000, 'dev-b', 7)), remote(stampAt(Date.UTC(2099, 0, 1), 'dev-z'))]);
    const store = new EventStore(db, k.data, ALL_PROJECTIONS, { deviceId: 'dev-a', actor: 'alice' }, () => wall, k.index);
    store.primeClock();
    store.primeClock();
    const incoming = [stampAt(T0 + 11 * 3_600_000, 'dev-b'), stampAt(T0 + 11 * 3_600_000, 'dev-b', 3), stampAt(T0 - 1, 'dev-d')];
    const ops: Promise<{ kind: 'local' | 'remote'; at: string[] }>[] = [];
    for (let i = 0; i < 12; i++) {
      if (i % 4 === 1) ops.push(store.applyRemote([remote(incoming[(i >> 2) % 3]!)]).then((es) => ({ kind: 'remote' as const, at: es.map((e) => e.at) })));
      else ops.push(store.append([edit(`l${i}`), edit(`m${i}`)]).then((es) => ({ kind: 'local' as const, at: es.map((e) => e.at) })));
      if (i === 5) store.primeClock();
    }
    const done = await Promise.all(ops);
    const local = done.filter((d) => d.kind === 'local').flatMap((d) => d.at);
    expect(new Set(local).size).toBe(local.length);
    expect([...local].sort()).toEqual(local);
    expect(local[0]! > own!.at).toBe(true);
    expect(local[0]! > stampAt(T0 + 10 * 3_600_000, 'dev-b', 7)).toBe(true);
    // In queue order: each local stamp after every remote event applied before it.
    let seen = '';
    for (const d of done) {
      if (d.kind === 'remote') for (const at of d.at) seen = at > seen ? at : seen;
      else for (const at of d.at) expect(at > seen).toBe(true);
    }
    expect(local.every((at) => !at.startsWith(String(Date.UTC(2099, 0, 1)).padStart(16, '0')))).toBe(true);
  });

  it('a prime that fails (store locked mid-read) leaves the next stamp to read again', async () => {
    const k = await keys();
    const db = new HonbuDb(`clock-lock-${crypto.randomUUID()}`);
    dbs.push(db);
    const first = new EventStore(db, k.data, ALL_PROJECTIONS, { deviceId: 'dev-a', actor: 'alice' }, () => T0 + 3_600_000, k.index);
    const [last] = await first.append([edit('1')]);
    const s = new EventStore(db, k.data, ALL_PROJECTIONS, { deviceId: 'dev-a', actor: 'alice' }, () => T0, k.index);
    s.primeClock();
    const closed = s.close();
    s.primeClock();
    await closed;
    await expect(s.append([edit('2')])).rejects.toThrow();
    const again = new EventStore(db, k.data, ALL_PROJECTIONS, { deviceId: 'dev-a', actor: 'alice' }, () => T0, k.index);
    again.primeClock();
    const [next] = await again.append([edit('3')]);
    expect(next!.at > last!.at).toBe(true);
  });
});
