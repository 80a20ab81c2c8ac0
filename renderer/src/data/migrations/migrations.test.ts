import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { HonbuDb } from '../db';
import { LATEST_VERSION, MIGRATIONS } from './index';

/** A database exactly as an older version of the app left it. */
async function databaseAtVersion(name: string, version: number): Promise<Dexie> {
  const db = new Dexie(name);
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.version(m.version).stores(m.stores);
  await db.open();
  return db;
}

describe('schema migrations', () => {
  it('are numbered 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('a fresh database opens at the latest version with every table', async () => {
    const db = new HonbuDb(`fresh-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [
        'contact-applied', 'contact-batches', 'contact-blocks', 'contact-datasets', 'contact-index', 'contact-series', 'contact-status', 'contact-status-delta', 'contact-totals',
        'company', 'contacts-log', 'decisions', 'disclosure', 'enquiries', 'errors', 'events', 'fact-edits', 'faq', 'incidents', 'meta', 'notices', 'people', 'prefs',
        'release-overrides', 'reports', 'statements', 'tasks', 'templates', 'access-days', 'access-exports', 'directory-people', 'call-trees', 'call-checks', 'faq-handovers', 'call-report-days', 'event-packs', 'contact-undo', 'contact-guards',
      ].sort(),
    );
    await db.delete();
  });

  it('2: upgrading a version-1 database keeps its events and rows and adds the workspace tables', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 1);
    await old.table('meta').put({ key: 'vault', value: { version: 1 } });
    await old.table('events').put({ id: 'e1', incidentId: '-', at: '0001', actor: 'p', type: 'people.profile-saved', sealed: new Uint8Array([1]) });
    await old.table('incidents').put({ id: 'i1', updatedAt: '0001', sealed: new Uint8Array([2]) });
    old.close();

    const db = new HonbuDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.events.get('e1')).toMatchObject({ type: 'people.profile-saved' });
    expect(await db.meta.get('vault')).toEqual({ key: 'vault', value: { version: 1 } });
    expect(await db.rows('incidents').get('i1')).toMatchObject({ updatedAt: '0001' });
    await db.rows('tasks').put({ id: 't1', incidentId: 'i1', status: 'todo', sealed: new Uint8Array([3]) });
    expect(await db.rows('tasks').where('incidentId').equals('i1').count()).toBe(1);
    await db.delete();
  });
});

describe('migration 3', () => {
  it('adds the enquiry, FAQ and disclosure tables to a version-2 database without touching its rows', async () => {
    const name = `v2-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 2);
    await old.table('tasks').put({ id: 't1', incidentId: 'i1', status: 'done', sealed: new Uint8Array([1]) });
    old.close();
    const db = new HonbuDb(name);
    await db.open();
    expect(await db.rows('tasks').get('t1')).toMatchObject({ status: 'done' });
    await db.rows('enquiries').put({ id: 'e1', incidentId: 'i1', day: '2026-11-22', sealed: new Uint8Array([2]) });
    expect(await db.rows('enquiries').where('day').equals('2026-11-22').count()).toBe(1);
    await db.delete();
  });
});

describe('migration 4', () => {
  it('adds the bulk customer-list tables to a version-3 database without touching its rows', async () => {
    const name = `v3-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 3);
    await old.table('enquiries').put({ id: 'q1', incidentId: 'i1', day: '2026-11-22', sealed: new Uint8Array([1]) });
    await old.table('events').put({ id: 'e1', incidentId: 'i1', at: '0001', actor: 'p', type: 'incident.first-reported', sealed: new Uint8Array([2]) });
    old.close();
    const db = new HonbuDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.rows('enquiries').get('q1')).toMatchObject({ day: '2026-11-22' });
    expect(await db.events.count()).toBe(1);
    await db.table('contact-datasets').put({ id: 'd1', incidentId: 'i1', state: 'complete' });
    await db.table('contact-blocks').put({ id: 'd1:000000', datasetId: 'd1', sealed: new Uint8Array([3]) });
    expect(await db.table('contact-datasets').where('state').equals('complete').count()).toBe(1);
    expect(await db.table('contact-blocks').where('datasetId').equals('d1').count()).toBe(1);
    await db.delete();
  });
});

describe('migration 5', () => {
  it('adds the company profile and notice tables to a version-4 database without touching its rows', async () => {
    const name = `v4-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 4);
    await old.table('statements').put({ id: 'i1:1', incidentId: 'i1', sealed: new Uint8Array([1]) });
    await old.table('disclosure').put({ id: 'i1', sealed: new Uint8Array([2]) });
    old.close();
    const db = new HonbuDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.rows('statements').get('i1:1')).toMatchObject({ incidentId: 'i1' });
    expect(await db.rows('disclosure').get('i1')).toMatchObject({ id: 'i1' });
    await db.rows('notices').put({ id: 'i1:1', incidentId: 'i1', sealed: new Uint8Array([3]) });
    await db.rows('company').put({ id: 'company', sealed: new Uint8Array([4]) });
    expect(await db.rows('notices').where('incidentId').equals('i1').count()).toBe(1);
    expect(await db.rows('company').get('company')).toMatchObject({ id: 'company' });
    await db.delete();
  });
});

describe('migration 6', () => {
  it('adds the sealed error log to a version-5 database without touching its events or rows', async () => {
    const name = `v5-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 5);
    await old.table('events').put({ id: 'e1', incidentId: 'i1', at: '0001', actor: 'p', type: 'incident.first-reported', sealed: new Uint8Array([1]) });
    await old.table('notices').put({ id: 'i1:1', incidentId: 'i1', sealed: new Uint8Array([2]) });
    await old.table('meta').put({ key: 'vault', value: { version: 1 } });
    old.close();
    const db = new HonbuDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.events.get('e1')).toEqual({ id: 'e1', incidentId: 'i1', at: '0001', actor: 'p', type: 'incident.first-reported', sealed: new Uint8Array([1]) });
    expect(await db.rows('notices').get('i1:1')).toEqual({ id: 'i1:1', incidentId: 'i1', sealed: new Uint8Array([2]) });
    expect(await db.meta.get('vault')).toEqual({ key: 'vault', value: { version: 1 } });
    expect(await db.errors.count()).toBe(0);
    await db.errors.bulkPut([
      { id: 'b', at: '2026-11-22T10:00:00.000Z', sealed: new Uint8Array([3]) },
      { id: 'a', at: '2026-11-22T09:00:00.000Z', sealed: new Uint8Array([4]) },
    ]);
    expect((await db.errors.orderBy('at').toArray()).map((r) => r.id)).toEqual(['a', 'b']);
    await db.delete();
  });
});

describe('migration 7', () => {
  it('renames stored events to the names of the folders that own them, keeping every other field and the sealed payload', async () => {
    const name = `v6-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 6);
    const sealed = (n: number) => new Uint8Array([n, n + 1, n + 2]);
    await old.table('events').bulkPut([
      { id: 'e1', incidentId: 'i1', at: '0001', actor: 'p', type: 'decision.recorded', sealed: sealed(1) },
      { id: 'e2', incidentId: 'i1', at: '0002', actor: 'p', type: 'enquiry.logged', sealed: sealed(2) },
      { id: 'e3', incidentId: 'i1', at: '0003', actor: 'q', type: 'statement.approved', sealed: sealed(3) },
      { id: 'e4', incidentId: '-', at: '0004', actor: 'p', type: 'templates.template-saved', sealed: sealed(4) },
      { id: 'e5', incidentId: 'i1', at: '0005', actor: 'p', type: 'incident.first-reported', sealed: sealed(5) },
      { id: 'e6', incidentId: 'i1', at: '0006', actor: 'p', type: 'ppc.draft-edited', sealed: sealed(6) },
    ]);
    await old.table('tasks').put({ id: 't1', incidentId: 'i1', status: 'done', sealed: sealed(9) });
    old.close();

    const db = new HonbuDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.events.orderBy('at').toArray()).toEqual([
      { id: 'e1', incidentId: 'i1', at: '0001', actor: 'p', type: 'incident.decision-recorded', sealed: sealed(1) },
      { id: 'e2', incidentId: 'i1', at: '0002', actor: 'p', type: 'faq.enquiry-logged', sealed: sealed(2) },
      { id: 'e3', incidentId: 'i1', at: '0003', actor: 'q', type: 'disclosure.statement-approved', sealed: sealed(3) },
      { id: 'e4', incidentId: '-', at: '0004', actor: 'p', type: 'boards.template-saved', sealed: sealed(4) },
      { id: 'e5', incidentId: 'i1', at: '0005', actor: 'p', type: 'incident.first-reported', sealed: sealed(5) },
      { id: 'e6', incidentId: 'i1', at: '0006', actor: 'p', type: 'disclosure.ppc-draft-edited', sealed: sealed(6) },
    ]);
    // The type index follows: a read filtered by the new name finds the renamed event.
    expect(await db.events.where('type').equals('faq.enquiry-logged').primaryKeys()).toEqual(['e2']);
    expect(await db.events.where('type').equals('enquiry.logged').count()).toBe(0);
    expect(await db.rows('tasks').get('t1')).toMatchObject({ status: 'done' });
    await db.delete();
  });
});

describe('migration 8', () => {
  it('adds the tables of folds that ran in views; the sealed ones are built from the stored events at the next unlock', async () => {
    // A workspace as version 7 left it: its events and rows, no fact-edits or overrides tables.
    const { createWorkspace, unlockWorkspace } = await import('../workspace');
    const { TEST_KDF_COST } = await import('../../../../shared/vault/kdf');
    const { foldAll } = await import('../../../../shared/events/projection');
    const { factEditsProjection } = await import('../../../../shared/incident/overrides');
    const { releaseOverridesProjection } = await import('../../../../shared/outgoing/overrides');
    const { tables } = await import('../tables');
    const made = new HonbuDb(`v8-made-${crypto.randomUUID()}`);
    const ws = await createWorkspace(made, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    await ws.store.append([
      { type: 'incident.facts-changed', incidentId: 'i1', payload: { changes: { confirmedCount: 250 } } },
      { type: 'incident.facts-changed', incidentId: 'i1', payload: { changes: { confirmedCount: 300, deskPhone: '0120-000-000' }, seen: { confirmedCount: '' } } },
      {
        type: 'outgoing.override-recorded',
        incidentId: 'i1',
        payload: { overrideId: 'o1', documentId: 'statement:1', kind: 'statement', title: '第1報', facts: ['deskPhone'], uses: [{ fact: 'deskPhone', where: 'body', line: 3 }], reason: '電話番号は確定前に出す' },
      },
    ]);
    const events = await ws.store.readEvents();
    const name = `v7-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 7);
    await old.table('meta').bulkPut(await made.meta.toArray());
    await old.table('events').bulkPut(await made.events.toArray());
    await old.table('people').bulkPut(await made.rows('people').toArray());
    old.close();
    await ws.store.close();
    await made.delete();

    const db = new HonbuDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    // Migrations 9 and 10 run after it and add the access record and the exports to build.
    expect(await db.meta.get('pending-projections')).toEqual({ key: 'pending-projections', value: ['fact-edits', 'release-overrides', 'access-days', 'access-exports', 'faq', 'tasks', 'templates'] });
    expect(await db.rows('fact-edits').count()).toBe(0);
    const opened = await unlockWorkspace(db, 'correct horse battery staple');
    expect(await db.meta.get('pending-projections')).toBeUndefined();
    const byId = <T extends { id: string }>(rows: Iterable<T>) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await opened.store.table(tables.factEdits).all())).toEqual(byId(foldAll(factEditsProjection, events).values()));
    expect(await opened.store.table(tables.factEdits).where('incidentId', 'i1')).toHaveLength(2);
    expect(await opened.store.table(tables.releaseOverrides).all()).toEqual([...foldAll(releaseOverridesProjection, events).values()]);
    expect(await db.rows('contact-series').count()).toBe(0);
    await opened.store.close();
    await db.delete();
  });
});

describe('migration 9', () => {
  it('adds the access record, built at the next unlock from the calls and enquiries already logged', async () => {
    const { createWorkspace, unlockWorkspace } = await import('../workspace');
    const { TEST_KDF_COST } = await import('../../../../shared/vault/kdf');
    const { foldAll } = await import('../../../../shared/events/projection');
    const { accessDaysProjection } = await import('../../../../shared/access/report');
    const { tables } = await import('../tables');
    const made = new HonbuDb(`v9-made-${crypto.randomUUID()}`);
    const ws = await createWorkspace(made, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const { EMPTY_CALLER, ENQUIRY_CHANNELS } = await import('../../../../shared/faq/model');
    const fields = { channel: ENQUIRY_CHANNELS[0], caller: EMPTY_CALLER, question: '届いた手紙について', answerEntryId: null, answerText: '', escalate: false, operator: '', durationSec: 60, tags: [], at: '2026-12-01T01:00:00.000Z' };
    await ws.store.append([{ type: 'faq.enquiry-logged', incidentId: 'i1', payload: { enquiryId: 'q1', ...fields } }]);
    const events = await ws.store.readEvents();
    const name = `v8-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 8);
    await old.table('meta').bulkPut(await made.meta.toArray());
    await old.table('events').bulkPut(await made.events.toArray());
    await old.table('people').bulkPut(await made.rows('people').toArray());
    old.close();
    await ws.store.close();
    await made.delete();

    const db = new HonbuDb(name);
    await db.open();
    expect(await db.meta.get('pending-projections')).toEqual({ key: 'pending-projections', value: ['access-days', 'access-exports', 'faq', 'tasks', 'templates'] });
    const opened = await unlockWorkspace(db, 'correct horse battery staple');
    const built = await opened.store.table(tables.accessDays).all();
    expect(built).toEqual([...foldAll(accessDaysProjection, events).values()]);
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ incidentId: 'i1', enquiries: 1, cards: 0 });
    await opened.store.close();
    await db.delete();
  });
});

describe('migration 10', () => {
  it('adds the exports table, built at the next unlock: a file recorded before the two-person export is listed', async () => {
    const { createWorkspace, unlockWorkspace } = await import('../workspace');
    const { TEST_KDF_COST } = await import('../../../../shared/vault/kdf');
    const { exportState } = await import('../../../../shared/access/exports');
    const { tables } = await import('../tables');
    const made = new HonbuDb(`v10-made-${crypto.randomUUID()}`);
    const ws = await createWorkspace(made, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const payload = { exportId: 'old-1', kind: 'call-list' as const, datasetId: 'list', batchId: 'b1', rows: 3, reason: '架電のため', fileName: 'calls.csv' };
    await ws.store.append([{ type: 'access.exported', incidentId: 'i1', payload }]);
    const name = `v9-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 9);
    await old.table('meta').bulkPut(await made.meta.toArray());
    await old.table('events').bulkPut(await made.events.toArray());
    await old.table('people').bulkPut(await made.rows('people').toArray());
    old.close();
    await ws.store.close();
    await made.delete();

    const db = new HonbuDb(name);
    await db.open();
    expect(await db.meta.get('pending-projections')).toEqual({ key: 'pending-projections', value: ['access-exports', 'faq', 'tasks', 'templates'] });
    const opened = await unlockWorkspace(db, 'correct horse battery staple');
    const built = await opened.store.table(tables.accessExports).all();
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ id: 'old-1', incidentId: 'i1', request: null });
    expect(exportState(built[0]!)).toMatchObject({ phase: 'recorded', produced: { fileName: 'calls.csv', rows: 3 } });
    await opened.store.close();
    await db.delete();
  });
});

describe('migration 15', () => {
  /** A list's status records as versions before 15 stored them: one per 1,000 rows, each value telling its row. */
  const oldRecords = (datasetId: string, rows: number, skip: number[] = []) =>
    Array.from({ length: Math.ceil(rows / 1_000) }, (_, b) => b)
      .filter((b) => !skip.includes(b))
      .map((b) => {
        const n = Math.min(1_000, rows - b * 1_000);
        const at = (i: number) => b * 1_000 + i;
        return {
          id: `${datasetId}:${String(b).padStart(6, '0')}`, datasetId, block: b,
          avail: Uint8Array.from({ length: n }, (_, i) => (at(i) % 7) + 1),
          segment: Uint16Array.from({ length: n }, (_, i) => at(i) % 3),
          words: Uint16Array.from({ length: n }, (_, i) => at(i) & 0xffff),
        };
      });

  it('joins every list\'s status records into records of 25,000 rows, each row where it was; a list still being received keeps its own', async () => {
    const name = `v14-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 14);
    await old.table('contact-datasets').bulkPut([
      { id: 'big', incidentId: 'i', state: 'complete', rows: 51_300 },
      { id: 'gap', incidentId: 'i', state: 'complete', rows: 27_000 },
      { id: 'coming', incidentId: 'i', state: 'receiving', rows: 2_500 },
    ]);
    await old.table('contact-status').bulkPut([...oldRecords('big', 51_300), ...oldRecords('gap', 27_000, [3]), ...oldRecords('coming', 2_500)]);
    await old.table('contact-blocks').put({ id: 'big:000000', datasetId: 'big', block: 0, sealed: new Uint8Array([9]) });
    old.close();

    const db = new HonbuDb(name);
    await db.open();
    const status = db.table('contact-status');
    const big = await status.where('datasetId').equals('big').sortBy('block');
    expect(big.map((s) => [s.id, s.block, s.avail.length, s.segment.length, s.words.length])).toEqual([
      ['big:000000', 0, 25_000, 25_000, 25_000],
      ['big:000001', 1, 25_000, 25_000, 25_000],
      ['big:000002', 2, 1_300, 1_300, 1_300],
    ]);
    for (const s of big) {
      for (let i = 0; i < s.words.length; i++) {
        const row = s.block * 25_000 + i;
        if (s.avail[i] !== (row % 7) + 1 || s.segment[i] !== row % 3 || s.words[i] !== (row & 0xffff)) throw new Error(`row ${row} moved`);
      }
    }
    // A record missing in the middle leaves its rows zero; the rows after it keep their places.
    const gap = await status.where('datasetId').equals('gap').sortBy('block');
    expect(gap.map((s) => s.words.length)).toEqual([25_000, 2_000]);
    expect([...gap[0]!.words.subarray(3_000, 4_000)].every((w) => w === 0)).toBe(true);
    expect(gap[0]!.words[4_000]).toBe(4_000);
    expect(gap[1]!.words[1_999]).toBe(26_999);
    // Received per customer block, checked and joined when complete (list-share.ts).
    expect((await status.where('datasetId').equals('coming').sortBy('block')).map((s) => s.words.length)).toEqual([1_000, 1_000, 500]);
    expect(await db.table('contact-blocks').count()).toBe(1);
    await db.delete();
  });

  it('16: adds the undo snapshots of applied lists, keeping every status record as it was (lists applied before have none)', async () => {
    const name = `v15-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 15);
    const rec = { id: 'l:000000', datasetId: 'l', block: 0, avail: Uint8Array.of(1, 2), segment: Uint16Array.of(0, 1), words: Uint16Array.of(7, 9) };
    await old.table('contact-status').put(rec);
    old.close();
    const db = new HonbuDb(name);
    await db.open();
    expect(await db.table('contact-status').get('l:000000')).toEqual(rec);
    expect(await db.table('contact-undo').count()).toBe(0);
    expect(await db.table('contact-guards').count()).toBe(0);
    await db.table('contact-undo').put({ id: 'l:1', datasetId: 'l', eventId: 'e1', at: '0001', slot: 1, sealed: new Uint8Array([1]) });
    expect((await db.table('contact-undo').where('eventId').equals('e1').first())?.id).toBe('l:1');
    await db.delete();
  });
});

describe('migration 19', () => {
  it('folds the FAQ entries again at the next unlock: each keeps when its questions were attached', async () => {
    const { createWorkspace, unlockWorkspace } = await import('../workspace');
    const { TEST_KDF_COST } = await import('../../../../shared/vault/kdf');
    const { foldAll } = await import('../../../../shared/events/projection');
    const { faqProjection } = await import('../../../../shared/faq/events');
    const { tables } = await import('../tables');
    const made = new HonbuDb(`v19-made-${crypto.randomUUID()}`);
    const ws = await createWorkspace(made, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    await ws.store.append([
      { type: 'faq.entry-drafted', incidentId: 'i1', payload: { entryId: 'e1', question: '退会したい', answer: '会員ページから', category: '', variants: [] } },
      { type: 'faq.variants-added', incidentId: 'i1', payload: { entryId: 'e1', questions: ['会員をやめたい'], enquiryIds: ['q1', 'q2'] } },
    ]);
    const events = await ws.store.readEvents();
    const name = `v18-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 18);
    await old.table('meta').bulkPut(await made.meta.toArray());
    await old.table('events').bulkPut(await made.events.toArray());
    await old.table('people').bulkPut(await made.rows('people').toArray());
    old.close();
    await ws.store.close();
    await made.delete();

    const db = new HonbuDb(name);
    await db.open();
    expect(await db.meta.get('pending-projections')).toEqual({ key: 'pending-projections', value: ['faq', 'tasks', 'templates'] });
    const opened = await unlockWorkspace(db, 'correct horse battery staple');
    const built = await opened.store.table(tables.faq).all();
    expect(built).toEqual([...foldAll(faqProjection, events).values()]);
    const attached = events.find((e) => e.type === 'faq.variants-added')!.at;
    expect(built[0]?.linkedAt).toEqual({ q1: attached, q2: attached });
    expect(await db.meta.get('pending-projections')).toBeUndefined();
    await opened.store.close();
    await db.delete();
  });
});

describe('migration 20', () => {
  it('folds the tasks and the saved templates again at the next unlock: a change labelled with another incident no longer shows on the task (decision 068)', async () => {
    const { createWorkspace, unlockWorkspace } = await import('../workspace');
    const { TEST_KDF_COST } = await import('../../../../shared/vault/kdf');
    const { foldAll } = await import('../../../../shared/events/projection');
    const { tasksProjection } = await import('../../../../shared/boards/tasks');
    const { templatesProjection } = await import('../../../../shared/boards/templates');
    const { BUILTIN_TEMPLATES } = await import('../../../../shared/boards/scenarios');
    const { tables } = await import('../tables');
    const made = new HonbuDb(`v20-made-${crypto.randomUUID()}`);
    const ws = await createWorkspace(made, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    await ws.store.append([
      { type: 'boards.tasks-added', incidentId: 'leak', payload: { tasks: [{ id: 't-leak', phase: 'direction', title: '社内への周知', owner: '', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] } },
      // Labelled with another incident: folded by the code before into the task of 'leak'.
      { type: 'boards.task-changed', incidentId: 'kais', payload: { taskId: 't-leak', changes: { status: 'done', owner: 'kai' } } },
      { type: 'boards.template-saved', incidentId: null, payload: { template: { ...BUILTIN_TEMPLATES[0]!, builtin: false, version: 2 } } },
    ]);
    const events = await ws.store.readEvents();
    const name = `v19-${crypto.randomUUID()}`;
    const old = await databaseAtVersion(name, 19);
    await old.table('meta').bulkPut(await made.meta.toArray());
    await old.table('events').bulkPut(await made.events.toArray());
    await old.table('people').bulkPut(await made.rows('people').toArray());
    old.close();
    await ws.store.close();
    await made.delete();

    const db = new HonbuDb(name);
    await db.open();
    expect(await db.meta.get('pending-projections')).toEqual({ key: 'pending-projections', value: ['tasks', 'templates'] });
    const opened = await unlockWorkspace(db, 'correct horse battery staple');
    const built = await opened.store.table(tables.tasks).all();
    expect(built).toEqual([...foldAll(tasksProjection, events).values()]);
    expect(built.find((t) => t.id === 't-leak')).toMatchObject({ incidentId: 'leak', status: 'todo', owner: '' });
    const templates = await opened.store.table(tables.templates).all();
    expect(templates).toHaveLength(1);
    expect(templates).toEqual([...foldAll(templatesProjection, events).values()]);
    expect(await db.meta.get('pending-projections')).toBeUndefined();
    await opened.store.close();
    await db.delete();
  });
});
