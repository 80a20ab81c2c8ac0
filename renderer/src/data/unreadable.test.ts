/**
 * One place for every reader of stored events: an event that does not open (altered on disk
 * or damaged: decision 040) is left out of the read, never folded, written once to the
 * error log as handled, and its incident marked for the screens — no unexpected-error
 * notice. Before, the read failed as a whole: the role book (and with it the incident list
 * and every command), reminders, the roster and the list reads each announced it as an
 * unexpected error.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { DecryptionError } from '../../../shared/vault/cipher';
import { errorLog } from '../errors/error-log';
import { useErrors } from '../errors/error-store';
import { filedUnread } from '../incidents/incidents-store';
import { readReminderState } from '../reminders/reminder-state';
import { roleBookOf } from '../roles/role-book';
import { HonbuDb } from './db';
import { dispatch, openDispatch } from './dispatch';
import { EventStore, type RefusedEvent } from './event-store';
import { ALL_PROJECTIONS } from './projections';
import { taskChangeDraft as change, taskDraft as task } from './test-drafts';
import { tables } from './tables';
import { dropTestLaptops, twoLaptops } from './test-laptops';
import { forgetRefused, noteRefused, useUnreadable } from './unreadable';
import { createWorkspace } from './workspace';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  forgetRefused();
  await dropTestLaptops();
  for (const db of dbs.splice(0)) await db.delete();
});


const logged = async () => (await errorLog.entries()).filter((e) => e.name === 'EventRefusedError');

describe('an event that does not open, met by a read', () => {
  it('is left out and told; the rest is read; nothing is folded from it; logged once as handled, no unexpected-error notice', async () => {
    const { b } = await twoLaptops('unreadable-one');
    await b.append([task('t1', 'i1')]);
    await b.append([task('t2', 'i2')]);
    await b.append([change('t2', 1, 'i2')]);
    const victim = (await b.database.events.toArray()).find((e) => e.incidentId === 'i1')!;
    // Moved to i2 on disk by someone without the key.
    await b.database.events.put({ ...victim, incidentId: 'i2' });
    const rowsBefore = await b.table(tables.tasks).all();
    const told: RefusedEvent[][] = [];
    b.onRefused((r) => {
      told.push([...r]);
      noteRefused(r);
    });
    const announced = useErrors.getState().count;
    const before = (await logged()).length;

    const i2 = await b.readEvents('i2');
    expect(i2.map((e) => e.type)).toEqual(['boards.tasks-added', 'boards.task-changed']);
    expect(i2.some((e) => e.id === victim.id)).toBe(false);
    expect(told).toEqual([[{ id: victim.id, incidentId: 'i2', type: 'boards.tasks-added', reason: expect.stringMatching(/clear fields/) }]]);
    // By type, across the workspace, and in a worker's stead: the same.
    expect((await b.readEvents(undefined, ['boards.tasks-added'])).map((e) => e.incidentId)).toEqual(['i2']);
    expect((await b.readEventsOffThread(undefined, ['boards.tasks-added'])).map((e) => e.incidentId)).toEqual(['i2']);
    expect(await b.readEvents()).toHaveLength(2);
    expect(told).toHaveLength(4);

    // Marked where the record says it belongs; logged once however often it is met; no notice.
    expect([...useUnreadable.getState().places]).toEqual(['i2']);
    const entries = (await logged()).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ source: 'background' });
    expect(entries[0]!.message).toContain('boards.tasks-added');
    expect(JSON.stringify(entries[0])).not.toContain('作業');
    expect(useErrors.getState().count).toBe(announced);
    // Nothing folded from it: the rows are as they were, and a rebuild from the events refuses as a whole.
    await expect(b.rebuildProjections()).rejects.toBeInstanceOf(DecryptionError);
    expect(await b.table(tables.tasks).all()).toEqual(rowsBefore);
  });

  it('in a pack that does not open: the pack\'s events are left out, the others read', async () => {
    const { a, b } = await twoLaptops('unreadable-pack');
    await a.append([task('t-i1', 'i1')]);
    for (let i = 0; i < 10; i++) await a.append([change('t-i1', i, 'i1')]);
    await b.applyRemote(await a.readEvents());
    const pack = (await b.database.packs.toArray())[0]!;
    const damaged = new Uint8Array(pack.sealed);
    damaged[damaged.length - 1]! ^= 1;
    await b.database.packs.put({ ...pack, sealed: damaged });
    const told: RefusedEvent[] = [];
    b.onRefused((r) => told.push(...r));
    const read = await b.readEvents('i1');
    expect(read.map((e) => e.type)).toEqual(['boards.tasks-added']);
    expect(told).toHaveLength(10);
    expect(new Set(told.map((r) => r.type))).toEqual(new Set(['boards.task-changed']));
  });

  it('met before anyone listens (read at unlock) is told once someone does', async () => {
    const { b } = await twoLaptops('unreadable-early');
    await b.append([task('t1', 'i1')]);
    const [victim] = await b.database.events.toArray();
    await b.database.events.put({ ...victim!, actor: 'mallory' });
    expect(await b.readEvents()).toEqual([]);
    const told: RefusedEvent[] = [];
    b.onRefused((r) => told.push(...r));
    expect(told.map((r) => r.id)).toEqual([victim!.id]);
  });
});

describe('a reader of a whole kind of events (reminders)', () => {
  it('reads the acknowledgements that open; one altered counts as not made, nothing announced', async () => {
    const { b } = await twoLaptops('unreadable-reminders');
    b.onRefused(noteRefused);
    await b.append([{ type: 'reminders.acknowledged', incidentId: 'i1', payload: { reminderIds: ['r1'] } } as AnyDraft]);
    await b.append([{ type: 'reminders.acknowledged', incidentId: 'i1', payload: { reminderIds: ['r2'] } } as AnyDraft]);
    const first = await b.database.events.orderBy('at').first();
    await b.database.events.put({ ...first!, at: first!.at.replace(/^\d/, '9') });
    const announced = useErrors.getState().count;
    // Before: the read failed, and the reminders with it (an unexpected-error notice each round).
    const state = await readReminderState(b, 'bob', Date.now(), 60);
    expect([...state.input.acknowledged]).toEqual(['r2']);
    expect(useUnreadable.getState().places.has('i1')).toBe(true);
    expect(useErrors.getState().count).toBe(announced);
  });
});

describe("an incident's first report altered on disk", () => {
  it('the role book is still built from the rest; the incident stays listed for its filer, marked', async () => {
    const db = new HonbuDb(`unreadable-first-${crypto.randomUUID()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, 'unreadable first report passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const life = openDispatch({ store: ws.store, personId: ws.identity.personId });
    const report = { ...EMPTY_REPORT, what: '顧客名簿の誤送信', reporter: '山田 花子', discoveredAt: '2026-12-01T01:00:00.000Z' };
    const file = (title: string) => dispatch('incident.file-first-report', { title, kind: 'personal-data', scenario: 'lost-device', drill: false, report, severity: 'high' } as never) as Promise<string>;
    const altered = await file('顧客名簿の誤送信');
    const intact = await file('社用PCの紛失');
    life.dispose();
    const stored = await db.events.where('type').equals('incident.first-reported').toArray();
    const victim = stored.find((e) => e.incidentId === altered)!;
    await db.events.put({ ...victim, actor: 'mallory' });

    // The next unlock: a fresh store on the same files.
    const store = new EventStore(db, ws.store.keys.data, ALL_PROJECTIONS, { deviceId: 'dev', actor: ws.identity.personId }, Date.now, ws.store.keys.index);
    store.onRefused(noteRefused);
    const announced = useErrors.getState().count;
    // Before: the book's read failed (every incident left the list, every command failed).
    const book = await roleBookOf(store, 'someone-else');
    expect(book.knows(intact)).toBe(true);
    expect(book.knows(altered)).toBe(false);
    expect(book.isMember(ws.identity.personId, intact)).toBe(true);
    expect(useUnreadable.getState().places.has(altered)).toBe(true);
    expect(useErrors.getState().count).toBe(announced);
    const row = (await store.table(tables.incidents).all()).find((i) => i.id === altered)!;
    expect(row.title).toBe('顧客名簿の誤送信');
    const places = useUnreadable.getState().places;
    expect(filedUnread(book, ws.identity.personId, places, row)).toBe(true);
    expect(filedUnread(book, 'another-person', places, row)).toBe(false);
    const other = (await store.table(tables.incidents).all()).find((i) => i.id === intact)!;
    expect(filedUnread(book, ws.identity.personId, places, other)).toBe(false);
  });
});
