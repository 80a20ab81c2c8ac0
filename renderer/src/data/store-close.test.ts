import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from './db';
import { StoreClosedError } from './event-store';
import { createWorkspace } from './workspace';
import { tables } from './tables';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function workspace() {
  const db = new HonbuDb(`close-${crypto.randomUUID()}`);
  dbs.push(db);
  return createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
}

describe('closing the event store (lock)', () => {
  it('keeps an edit saved just before the lock, then refuses edits, tells no one and holds no key', async () => {
    const { store, identity } = await workspace();
    const heard: number[] = [];
    store.subscribe(({ events }) => heard.push(events.length));
    const saved = store.append([{ type: 'people.profile-saved', incidentId: null, payload: { personId: identity.personId, phone: '090-1234-5678' } }]);
    const closed = store.close();
    expect(store.isClosed).toBe(true);
    expect(store.listenerCount).toBe(0);

    // The edit already queued lands; the listener is no longer told about it.
    await saved;
    await closed;
    expect(heard).toEqual([]);
    expect(await store.database.events.count()).toBe(2);

    await expect(store.append([{ type: 'people.profile-saved', incidentId: null, payload: { personId: identity.personId } }])).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.applyRemote([])).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.table(tables.people).get(identity.personId)).rejects.toBeInstanceOf(StoreClosedError);
    expect(() => store.keys).toThrow(StoreClosedError);
    // No key is left inside the store object for a forgotten reference to use.
    expect(Object.values(store).some((v) => v instanceof CryptoKey)).toBe(false);
    store.subscribe(() => heard.push(-1));
    expect(store.listenerCount).toBe(0);
  });
});
