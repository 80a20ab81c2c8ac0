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
