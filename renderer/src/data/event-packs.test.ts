import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import { DecryptionError } from '../../../shared/vault/cipher';
import type { HonbuDb, StoredEvent, StoredEventPack } from './db';
import type { EventStore } from './event-store';
import { tables } from './tables';
import { dropTestLaptops, twoLaptops } from './test-laptops';

afterEach(() => {
  vi.restoreAllMocks();
  return dropTestLaptops();
});

const NAME = '山田 太郎';
const task = (id: string, title: string): AnyDraft => ({
  type: 'boards.tasks-added',
  incidentId: 'i1',
  payload: { tasks: [{ id, phase: 'containment', title, owner: NAME, dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
});
const change = (taskId: string, notes: string, incidentId = 'i1'): AnyDraft => ({ type: 'boards.task-changed', incidentId, payload: { taskId, changes: { notes } } });

/** Another laptop's day offline: 60 edits made one at a time (each sealed on its own there), sent as one batch. */
async function dayOffline(a: EventStore) {
  for (let i = 0; i < 5; i++) await a.append([task(`t${i}`, `初動 ${i}`)]);
  for (let i = 0; i < 50; i++) await a.append([change(`t${i % 5}`, `${NAME} に電話 ${i}`)]);
  // A second incident's few edits: too few to pack.
  for (let i = 0; i < 3; i++) await a.append([change('t0', `別件 ${i}`, 'i2')]);
  return a.readEvents();
}

const db = (s: EventStore): HonbuDb => s.database;
const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));
const raw = (s: EventStore) => Promise.all([db(s).events.toArray(), db(s).packs.toArray()]);

describe('a batch of events from another laptop', () => {
  it('is sealed at rest with one WebCrypto call per incident and type (not one per event), and reads back exactly', async () => {
    const { a, b } = await twoLaptops('packs');
    // This laptop's own events, stored one by one (each sealed on its own, as before packs).
    await b.append([task('mine', '自分の作業')]);
    await b.append([change('mine', 'メモ')]);
    const fromA = await dayOffline(a);

    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    expect(await b.applyRemote(fromA)).toHaveLength(58);
    // 58 events: 5 tasks-added and 3 of i2 sealed alone, 50 changes in one pack; the 5 task
    // rows, i2's row and the access rows sealed as before. One call per event was 58 + rows.
    expect(encrypt.mock.calls.length).toBeLessThan(25);
    encrypt.mockRestore();

    // Read back: every event, its own and the other laptop's, in clock order; by incident; by type.
    const own = (await b.readEvents()).filter((e) => e.actor === 'bob');
    expect(await b.readEvents()).toEqual([...own, ...fromA].sort((x, y) => (x.at < y.at ? -1 : 1)));
    expect(await b.readEvents('i2')).toEqual(fromA.filter((e) => e.incidentId === 'i2'));
    expect(await b.readEvents('i1', ['boards.task-changed'])).toEqual([...own, ...fromA].filter((e) => e.incidentId === 'i1' && e.type === 'boards.task-changed').sort((x, y) => (x.at < y.at ? -1 : 1)));

    // On disk: the 50 changes point at one pack and hold no payload of their own; the
    // others are sealed one by one; no personal data in clear anywhere.
    const [events, packs] = await raw(b);
    expect(packs).toHaveLength(1);
    const packed = events.filter((e) => e.pack !== undefined);
    expect(packed.map((e) => e.id).sort()).toEqual(fromA.filter((e) => e.incidentId === 'i1' && e.type === 'boards.task-changed').map((e) => e.id).sort());
    expect(packed.every((e) => e.pack === packs[0]!.id && e.sealed === undefined)).toBe(true);
    expect(events.filter((e) => e.pack === undefined).every((e) => e.sealed instanceof Uint8Array)).toBe(true);
    const clear = new TextDecoder().decode(new Uint8Array([...events.flatMap((e) => [...(e.sealed ?? [])]), ...packs.flatMap((p) => [...p.sealed])]));
    expect(clear).not.toContain('山田');
    expect(clear).not.toContain('電話');

    // The projections equal a full fold of the stored events (read back from packs).
    const before = sortById(await b.table(tables.tasks).all());
    expect(before.find((t) => t.id === 't4')?.notes).toBe(`${NAME} に電話 49`);
    await b.rebuildProjections();
    expect(sortById(await b.table(tables.tasks).all())).toEqual(before);
  });

  it('does not open if an event is pointed at another pack, or a pack is swapped for another', async () => {
    const { a, b } = await twoLaptops('packs-tamper');
    const fromA = await dayOffline(a);
    // Two batches: two packs.
    await b.applyRemote(fromA.slice(0, 30));
    await b.applyRemote(fromA.slice(30));
    const [events, packs] = await raw(b);
    expect(packs).toHaveLength(2);
    const [p1, p2] = packs as [StoredEventPack, StoredEventPack];
    const victim = events.find((e) => e.pack === p1.id)!;

    await db(b).events.put({ ...victim, pack: p2.id } as StoredEvent);
    await expect(b.readEventsWhole()).rejects.toBeInstanceOf(DecryptionError);
    await db(b).events.put(victim);
    expect(await b.readEvents()).toHaveLength(58);

    await db(b).packs.put({ id: p1.id, sealed: p2.sealed });
    await expect(b.readEventsWhole('i1')).rejects.toBeInstanceOf(DecryptionError);
    await db(b).packs.delete(p1.id);
    await expect(b.readEventsWhole('i1')).rejects.toBeInstanceOf(DecryptionError);
  });
});
