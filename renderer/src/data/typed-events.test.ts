/**
 * Reading a part's events by type (a customer list's contact events: tens of thousands)
 * in pages, so other requests get in between: the same events, each once, in clock order,
 * as one read of everything gave.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from './db';
import { READ_PAGE, readEventsOfTypes } from './typed-events';
import { createWorkspace } from './workspace';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('events read by type', () => {
  it('reads more than a page of events of several types, each once, in clock order, of the incident asked', async () => {
    const db = new HonbuDb(`typed-${crypto.randomUUID()}`);
    dbs.push(db);
    let t = Date.UTC(2026, 11, 2);
    const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST, now: () => (t += 1000) });
    const n = READ_PAGE * 2 + 137;
    // Two types interleaved, in two incidents, written in batches (ids random, so the
    // primary-key order the pages follow is not the clock order).
    for (let from = 0; from < n; from += 500) {
      await ws.store.append(
        Array.from({ length: Math.min(500, n - from) }, (_, k) => {
          const i = from + k;
          return i % 3 === 0
            ? { type: 'incident.facts-changed' as const, incidentId: i % 2 ? 'inc-a' : 'inc-b', payload: { changes: { deskPhone: `0120-00-${String(i).padStart(4, '0')}` } } }
            : { type: 'people.profile-saved' as const, incidentId: i % 2 ? 'inc-a' : 'inc-b', payload: { personId: `p${i}`, name: `山田 ${i}` } };
        }),
      );
    }
    const types = ['incident.facts-changed', 'people.profile-saved'];
    const all = (await ws.store.readEvents()).filter((e) => types.includes(e.type));
    const read = await readEventsOfTypes(db, ws.store.keys.data, undefined, types);
    expect(read.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(new Set(read.map((e) => e.id)).size).toBe(read.length);
    const inA = await readEventsOfTypes(db, ws.store.keys.data, 'inc-a', types);
    expect(inA.map((e) => e.id)).toEqual(all.filter((e) => e.incidentId === 'inc-a').map((e) => e.id));
    expect(inA.length).toBeGreaterThan(READ_PAGE);
    expect(inA.map((e) => e.payload)).toEqual(all.filter((e) => e.incidentId === 'inc-a').map((e) => e.payload));
  });
});
