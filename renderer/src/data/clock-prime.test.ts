/**
 * The clock the first write after unlock stamps with is read from the store in the background
 * at unlock (primeClock): whatever runs first — the prime, a local write, events from the team —
 * the store's clock is read once and every stamp comes after every event the laptop holds.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import { decodeHlc, encodeHlc } from '../../../shared/events/hlc';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { HonbuDb } from './db';
import { EventStore } from './event-store';
import { ALL_PROJECTIONS } from './projections';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const task = (title: string): AnyDraft => ({ type: 'people.profile-saved', incidentId: null, payload: { personId: 'p1', roles: [], name: title } });

/** A laptop that wrote events at a clock ahead of `now` (its wall clock was set back a few seconds since), then unlocked again. */
async function reopened(now: () => number) {
  const { keys } = await createVault('a passphrase long enough for the test', TEST_KDF_COST);
  const db = new HonbuDb(`clock-${crypto.randomUUID()}`);
  dbs.push(db);
  const identity = { deviceId: 'dev-a', actor: 'alice' };
  let before = 1_800_000_000_000;
  const first = new EventStore(db, keys.data, ALL_PROJECTIONS, identity, () => (before += 1000), keys.index);
  for (const name of ['一', '二', '三']) await first.append([task(name)]);
  const last = (await db.events.orderBy('at').last())!.at;
  return { store: new EventStore(db, keys.data, ALL_PROJECTIONS, identity, now, keys.index), db, last };
}

describe('the clock read ahead of the first write', () => {
  it('stamps the first write after everything stored, whether the prime finished or not', async () => {
    for (const wait of [true, false]) {
      const { store, last } = await reopened(() => 1_800_000_000_000);
      store.primeClock();
      if (wait) await new Promise((ok) => setTimeout(ok, 50));
      const [e] = await store.append([task('四')]);
      expect(e!.at > last, `waited: ${wait}`).toBe(true);
    }
  });

  it('reads the clock once, shared by the prime, writes and events from the team arriving together', async () => {
    const { store, db, last } = await reopened(() => 1_800_000_000_000);
    const reads = vi.spyOn(db.events, 'orderBy');
    store.primeClock();
    store.primeClock();
    const peer = { id: crypto.randomUUID(), incidentId: null, at: encodeHlc({ ...decodeHlc(last), counter: decodeHlc(last).counter + 5, node: 'dev-b' }), actor: 'bob', type: 'people.profile-saved', payload: { personId: 'p2', roles: [], name: '五' } };
    const [a, b, fromPeer] = await Promise.all([store.append([task('四')]), store.append([task('六')]), store.applyRemote([peer])]);
    const [c] = await store.append([task('七')]);
    expect(reads.mock.calls.filter(([index]) => index === 'at')).toHaveLength(1);
    const stamps = [a![0]!.at, b![0]!.at, c!.at];
    expect(new Set(stamps).size).toBe(3);
    for (const s of stamps) expect(s > last).toBe(true);
    expect(fromPeer).toHaveLength(1);
    // Written after the peer's event arrived: after it too.
    expect(c!.at > peer.at).toBe(true);
  });

  it('a prime that fails is read again by the first write', async () => {
    const { store, db, last } = await reopened(() => 1_800_000_000_000);
    const orderBy = db.events.orderBy.bind(db.events);
    const spy = vi.spyOn(db.events, 'orderBy').mockImplementationOnce(() => {
      throw new Error('the database went away');
    });
    store.primeClock();
    await new Promise((ok) => setTimeout(ok, 20));
    spy.mockImplementation(orderBy);
    const [e] = await store.append([task('四')]);
    expect(e!.at > last).toBe(true);
  });

  it('a second tab on the workspace (web mode): each stamp comes after what the other tab stored, not only the first', async () => {
    const { keys } = await createVault('a passphrase long enough for the test', TEST_KDF_COST);
    const name = `clock-tabs-${crypto.randomUUID()}`;
    const [dbA, dbB] = [new HonbuDb(name), new HonbuDb(name)];
    dbs.push(dbA);
    let wall = 1_800_000_000_000;
    const me = { deviceId: 'dev-a', actor: 'alice' };
    const a = new EventStore(dbA, keys.data, ALL_PROJECTIONS, me, () => wall, keys.index);
    const b = new EventStore(dbB, keys.data, ALL_PROJECTIONS, me, () => wall, keys.index);
    b.primeClock();
    for (let round = 1; round <= 3; round++) {
      const [mine] = await b.append([task(`b${round}`)]);
      // Tab A hears from a laptop an hour ahead (within the drift allowed), then writes.
      const ahead = { id: crypto.randomUUID(), incidentId: null, at: encodeHlc({ wall: wall + 3_600_000 * round, counter: 0, node: 'dev-c' }), actor: 'carol', type: 'people.profile-saved', payload: { personId: 'p3', roles: [], name: 'c' } };
      await a.applyRemote([ahead]);
      const [theirs] = await a.append([task(`a${round}`)]);
      wall += 1000;
      const [next] = await b.append([task(`b${round}'`)]);
      expect(theirs!.at > mine!.at).toBe(true);
      expect(next!.at > theirs!.at, `round ${round}: ${next!.at} after ${theirs!.at}`).toBe(true);
    }
    await Promise.all([a.close(), b.close()]);
  });
});
