/**
 * Hostile shapes of stored records, from someone holding the files without the key: each
 * is left out of the read (and told), never a failure of the whole read.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import type { RefusedEvent } from './event-store';
import { dropTestLaptops, twoLaptops } from './test-laptops';
import { forgetRefused } from './unreadable';
import { tables } from './tables';

afterEach(async () => {
  forgetRefused();
  await dropTestLaptops();
});

const task = (id: string, incidentId: string): AnyDraft => ({
  type: 'boards.tasks-added',
  incidentId,
  payload: { tasks: [{ id, phase: 'containment', title: `作業 ${id}`, owner: '山田 太郎', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
});
const change = (taskId: string, i: number, incidentId: string): AnyDraft => ({ type: 'boards.task-changed', incidentId, payload: { taskId, changes: { notes: `メモ ${i}` } } });

describe('a pack whose seal is taken away on disk', () => {
  for (const sealed of [undefined, null, {}, 'abc', 7]) {
    it(`(seal: ${JSON.stringify(sealed) ?? 'deleted'}) leaves its events out; the others are read`, async () => {
      const { a, b } = await twoLaptops('break-pack-seal');
      await a.append([task('t-i1', 'i1')]);
      for (let i = 0; i < 10; i++) await a.append([change('t-i1', i, 'i1')]);
      await b.applyRemote(await a.readEvents());
      const pack = (await b.database.packs.toArray())[0]!;
      await b.database.packs.put({ ...pack, sealed: sealed as never });
      const told: RefusedEvent[] = [];
      b.onRefused((r) => told.push(...r));
      const read = await b.readEvents('i1');
      expect(read.map((e) => e.type)).toEqual(['boards.tasks-added']);
      expect(told).toHaveLength(10);
      expect((await b.readEventsOffThread('i1', ['boards.task-changed', 'boards.tasks-added'])).map((e) => e.type)).toEqual(['boards.tasks-added']);
    });
  }
});

describe('a table an upgrade added, built at unlock, while an event it folds does not open', () => {
  it('does not fail the unlock nor fold without it: the table waits for the next unlock, which builds it once the record is mended', async () => {
    const { b } = await twoLaptops('break-pending');
    await b.append([task('t1', 'i1')]);
    await b.append([task('t2', 'i2')]);
    const rowsBefore = await b.table(tables.tasks).all();
    const db = b.database;
    // As a migration leaves it: the new table empty, listed to be built from the events.
    await db.rows(tasksTable).clear();
    await db.meta.put({ key: 'pending-projections', value: [tasksTable] });
    const victim = (await db.events.toArray()).find((e) => e.incidentId === 'i1')!;
    await db.events.put({ ...victim, actor: 'mallory' });
    const told: RefusedEvent[] = [];
    b.onRefused((r) => told.push(...r));

    // Before: the unlock failed (an unexpected error, every time: no way into the workspace).
    await b.buildPendingProjections();
    expect(told.map((r) => r.id)).toEqual([victim.id]);
    // Nothing folded without it: still listed, still empty.
    expect((await db.meta.get('pending-projections'))?.value).toEqual([tasksTable]);
    expect(await b.table(tables.tasks).all()).toEqual([]);

    // The record mended (its original bytes put back): the next unlock builds it whole.
    await db.events.put(victim);
    await b.buildPendingProjections();
    expect(await db.meta.get('pending-projections')).toBeUndefined();
    expect(await b.table(tables.tasks).all()).toEqual(rowsBefore);
  });
});
const tasksTable = tables.tasks.name;
