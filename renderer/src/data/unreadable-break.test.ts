/**
 * Hostile shapes of stored records, from someone holding the files without the key: each
 * is left out of the read (and told), never a failure of the whole read.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RefusedEvent } from './event-store';
import { dropTestLaptops, twoLaptops } from './test-laptops';
import { forgetRefused } from './unreadable';
import { tables } from './tables';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { errorLog } from '../errors/error-log';
import { useErrors } from '../errors/error-store';
import { filedUnread } from '../incidents/incidents-store';
import { roleBookOf } from '../roles/role-book';
import { HonbuDb } from './db';
import { dispatch, openDispatch } from './dispatch';
import { EventStore } from './event-store';
import { ALL_PROJECTIONS } from './projections';
import { taskChangeDraft as change, taskDraft as task } from './test-drafts';
import { noteRefused, useUnreadable } from './unreadable';
import { createWorkspace } from './workspace';

const dbsHere: HonbuDb[] = [];

afterEach(async () => {
  forgetRefused();
  await dropTestLaptops();
  for (const db of dbsHere.splice(0)) await db.delete();
});


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

describe("an incident's first report moved to another incident or relabelled on disk", () => {
  for (const how of ['moved', 'relabelled', 'given another author'] as const) {
    it(`(${how}) the incident stays in its filer's list, marked (before: it vanished, unmarked)`, async () => {
      const db = new HonbuDb(`break-first-${crypto.randomUUID()}`);
      dbsHere.push(db);
      const ws = await createWorkspace(db, 'break first report passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
      const life = openDispatch({ store: ws.store, personId: ws.identity.personId });
      const report = { ...EMPTY_REPORT, what: '顧客名簿の誤送信', reporter: '山田 花子', discoveredAt: '2026-12-01T01:00:00.000Z' };
      const file = (title: string) => dispatch('incident.file-first-report', { title, kind: 'personal-data', scenario: 'lost-device', drill: false, report, severity: 'high' } as never) as Promise<string>;
      const altered = await file('顧客名簿の誤送信');
      const intact = await file('社用PCの紛失');
      life.dispose();
      const victim = (await db.events.where('type').equals('incident.first-reported').toArray()).find((e) => e.incidentId === altered)!;
      await db.events.put(how === 'moved' ? { ...victim, incidentId: intact } : how === 'relabelled' ? { ...victim, type: 'incident.details-changed' } : { ...victim, actor: 'mallory' });

      const store = new EventStore(db, ws.store.keys.data, ALL_PROJECTIONS, { deviceId: 'dev', actor: ws.identity.personId }, Date.now, ws.store.keys.index);
      const told: RefusedEvent[] = [];
      store.onRefused((r) => {
        told.push(...r);
        noteRefused(r);
      });
      const announced = useErrors.getState().count;
      const refusals = async () => (await errorLog.entries()).filter((e) => e.name === 'EventRefusedError');
      const before = (await refusals()).length;
      const book = await roleBookOf(store, 'someone-else');
      expect(book.knows(altered)).toBe(false);
      expect(useUnreadable.getState().places.has(altered)).toBe(true);
      const row = (await store.table(tables.incidents).all()).find((i) => i.id === altered)!;
      expect(filedUnread(book, ws.identity.personId, useUnreadable.getState().places, row)).toBe(true);
      expect(useErrors.getState().count).toBe(announced);
      // Logged once as handled, nothing of the report in it.
      const entries = (await refusals()).slice(before);
      expect(JSON.stringify(entries)).not.toContain('顧客');
      // Once: the book's read refusing it and the book missing it are one refusal.
      expect(told.filter((r) => r.type === 'incident.first-reported' && !r.markOnly)).toHaveLength(1);
    });
  }
});
