/**
 * An event sealed on its own binds its clear fields (decision 040): someone holding the
 * laptop's files but not its key cannot move it to another incident, relabel, re-date or
 * re-author it. Events sealed before (bound to their id only) still read.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import { DecryptionError, sealJson } from '../../../shared/vault/cipher';
import type { StoredEvent } from './db';
import { tables } from './tables';
import { dropTestLaptops, twoLaptops } from './test-laptops';
import { eventAad } from './typed-events';

afterEach(() => dropTestLaptops());

const task = (id: string, incidentId: string): AnyDraft => ({
  type: 'boards.tasks-added',
  incidentId,
  payload: { tasks: [{ id, phase: 'containment', title: `作業 ${id}`, owner: '山田 太郎', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
});

/** Edits made one at a time on this laptop: each event sealed on its own. */
async function oneByOne(prefix: string) {
  const { b } = await twoLaptops(prefix);
  await b.append([task('t1', 'i1')]);
  await b.append([task('t2', 'i2')]);
  const stored = await b.database.events.toArray();
  expect(stored.every((e) => e.sealed instanceof Uint8Array && e.pack === undefined)).toBe(true);
  return { b, stored, victim: stored.find((e) => e.incidentId === 'i1')! };
}

describe('an event sealed on its own, altered on disk (no key)', () => {
  it('moved to another incident is refused with a reason, and never folded there', async () => {
    const { b, victim } = await oneByOne('seal-moved');
    const before = await b.table(tables.tasks).all();
    await b.database.events.put({ ...victim, incidentId: 'i2' });

    const read = b.readEventsWhole('i2');
    await expect(read).rejects.toBeInstanceOf(DecryptionError);
    await expect(read).rejects.toThrow(/moved to another incident/);
    await expect(b.readEventsWhole()).rejects.toBeInstanceOf(DecryptionError);
    await expect(b.readEventsWhole('i2', ['boards.tasks-added'])).rejects.toBeInstanceOf(DecryptionError);
    // A rebuild from the events (what an upgrade or a repair does) refuses too, and leaves the rows as they were.
    await expect(b.rebuildProjections()).rejects.toBeInstanceOf(DecryptionError);
    expect(await b.table(tables.tasks).all()).toEqual(before);
    expect((await b.table(tables.tasks).where('incidentId', 'i2')).map((t) => t.id)).toEqual(['t2']);
  });

  it('given another type, clock or author is refused; put back, it reads again', async () => {
    const { b, victim } = await oneByOne('seal-relabel');
    for (const altered of [{ ...victim, type: 'boards.task-changed' }, { ...victim, at: victim.at.replace(/^\d/, '9') }, { ...victim, actor: 'mallory' }]) {
      await b.database.events.put(altered);
      await expect(b.readEventsWhole()).rejects.toBeInstanceOf(DecryptionError);
    }
    // Its mark taken away, to be read as an older event bound to its id only: it does not open either.
    const { v: _v, ...unmarked } = victim;
    await b.database.events.put(unmarked as StoredEvent);
    await expect(b.readEventsWhole()).rejects.toBeInstanceOf(DecryptionError);
    await b.database.events.put(victim);
    expect(await b.readEvents()).toHaveLength(2);
  });

  it('sealed before the clear fields were bound (its id only, no mark) still reads', async () => {
    const { b, victim } = await oneByOne('seal-old');
    const [opened] = await b.readEvents('i1');
    const old: StoredEvent = { id: victim.id, incidentId: victim.incidentId, at: victim.at, actor: victim.actor, type: victim.type, sealed: await sealJson(b.keys.data, opened!.payload, eventAad(victim.id)) };
    await b.database.events.put(old);
    expect(await b.readEvents('i1')).toEqual([opened]);
    // An older event marked as bound does not open.
    await b.database.events.put({ ...old, v: 2 });
    await expect(b.readEventsWhole('i1')).rejects.toBeInstanceOf(DecryptionError);
  });
});
