import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { foldAll } from '../../../shared/events/projection';
import { peopleProjection } from '../../../shared/people/profile';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { WrongPassphraseError } from '../../../shared/vault/vault';
import { HonbuDb } from './db';
import { ReadOnlyError } from './event-store';
import { changeWorkspacePassphrase, createWorkspace, unlockWorkspace } from './workspace';
import { tables, type TableRef } from './tables';

const PASS = 'correct horse battery staple';
const dbs: HonbuDb[] = [];
function freshDb(): HonbuDb {
  const db = new HonbuDb(`test-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

let t = 1_700_000_000_000;
const now = () => (t += 1000);

async function withProfileEdits(db: HonbuDb) {
  const ws = await createWorkspace(db, PASS, { name: '山田 花子' }, { cost: TEST_KDF_COST, now });
  const personId = ws.identity.personId;
  await ws.store.append([{ type: 'people.profile-saved', incidentId: null, payload: { personId, phone: '090-1234-5678' } }]);
  await ws.store.append([
    { type: 'people.profile-saved', incidentId: null, payload: { personId, email: 'hanako@example.jp', roles: ['direction'] } },
    { type: 'people.profile-saved', incidentId: null, payload: { personId: 'other', name: '佐藤 一郎' } },
  ]);
  return ws;
}

/** Another member's profile as it arrives from their laptop (a profile is folded only from its own person). */
const otherProfile = () => ({ id: crypto.randomUUID(), incidentId: null, at: `${String(now()).padStart(16, '0')}-0000-other`, actor: 'other', type: 'people.profile-saved', payload: { personId: 'other', name: '佐藤 一郎' } });

describe('event store', () => {
  it('refuses local edits once told to (a revoked laptop), still taking events from others', async () => {
    const db = freshDb();
    const ws = await withProfileEdits(db);
    const personId = ws.identity.personId;
    ws.store.refuseLocalEdits('revoked');
    await expect(ws.store.append([{ type: 'people.profile-saved', incidentId: null, payload: { personId, phone: '000' } }])).rejects.toBeInstanceOf(ReadOnlyError);
    const at = `${String(now()).padStart(16, '0')}-0000-other`;
    const remote = { id: crypto.randomUUID(), incidentId: null, at, actor: 'other', type: 'people.profile-saved', payload: { personId: 'other', name: '鈴木' } };
    expect(await ws.store.applyRemote([remote])).toHaveLength(1);
    expect(await ws.store.readEvents(null)).toHaveLength(5);
    expect((await ws.store.table(tables.people).get(personId))?.phone).toBe('090-1234-5678');
    ws.store.refuseLocalEdits(null);
    await ws.store.append([{ type: 'people.profile-saved', incidentId: null, payload: { personId, phone: '111' } }]);
    expect((await ws.store.table(tables.people).get(personId))?.phone).toBe('111');
  });

  it('an event from another laptop stamped years ahead does not drag this laptop\'s clock, live or after a restart', async () => {
    const db = freshDb();
    const ws = await withProfileEdits(db);
    const personId = ws.identity.personId;
    const at = `${String(Date.UTC(2099, 0, 1)).padStart(16, '0')}-0000-other`;
    await ws.store.applyRemote([{ id: crypto.randomUUID(), incidentId: null, at, actor: 'other', type: 'people.profile-saved', payload: { personId: 'other', name: '未来' } }]);
    const wall = (e: { at: string }) => Number(e.at.slice(0, 16));
    const [live] = await ws.store.append([{ type: 'people.profile-saved', incidentId: null, payload: { personId, phone: '222' } }]);
    expect(wall(live!)).toBeLessThan(Date.UTC(2030, 0, 1));
    // Reopened (a new store, its clock not yet read): it starts from the latest stored event a laptop may follow, not from 2099.
    const again = await unlockWorkspace(db, PASS, now);
    const [restarted] = await again.store.append([{ type: 'people.profile-saved', incidentId: null, payload: { personId, phone: '333' } }]);
    expect(wall(restarted!)).toBeLessThan(Date.UTC(2030, 0, 1));
    expect(restarted!.at > live!.at).toBe(true);
    // A clock set back by days after a restart still stamps after this laptop's own last edit.
    const behind = await unlockWorkspace(db, PASS, () => Date.UTC(2001, 0, 1));
    const [back] = await behind.store.append([{ type: 'people.profile-saved', incidentId: null, payload: { personId, phone: '444' } }]);
    expect(back!.at > restarted!.at).toBe(true);
    expect((await behind.store.table(tables.people).get(personId))?.phone).toBe('444');
  });

  it('appends stamped events and updates the projection in the same write', async () => {
    const db = freshDb();
    const ws = await withProfileEdits(db);
    const events = await ws.store.readEvents(null);
    expect(events).toHaveLength(4);
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
    expect(events.every((e) => e.actor === ws.identity.personId)).toBe(true);
    const me = await ws.store.table(tables.people).get(ws.identity.personId);
    expect(me).toMatchObject({ name: '山田 花子', phone: '090-1234-5678', email: 'hanako@example.jp', roles: ['direction'] });
  });

  it('rebuilding the projections from the events reproduces them exactly', async () => {
    const db = freshDb();
    const ws = await withProfileEdits(db);
    await ws.store.applyRemote([otherProfile()]);
    const before = await ws.store.table(tables.people).all();
    await ws.store.rebuildProjections();
    const after = await ws.store.table(tables.people).all();
    expect(after).toEqual(before);
    expect(after).toHaveLength(2);
    // …and both equal a plain in-memory fold of the same events.
    const folded = [...foldAll(peopleProjection, await ws.store.readEvents()).values()];
    expect([...after].sort((a, b) => a.id.localeCompare(b.id))).toEqual(folded.sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('rebuild repairs a damaged projection', async () => {
    const db = freshDb();
    const ws = await withProfileEdits(db);
    await ws.store.applyRemote([otherProfile()]);
    await db.rows('people').clear();
    expect(await ws.store.table(tables.people).all()).toHaveLength(0);
    await ws.store.rebuildProjections();
    expect(await ws.store.table(tables.people).all()).toHaveLength(2);
  });

  it('stores no personal data in clear', async () => {
    const db = freshDb();
    await withProfileEdits(db);
    const raw = JSON.stringify(
      [...(await db.events.toArray()), ...(await db.rows('people').toArray()), ...(await db.meta.toArray())],
      (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder('latin1').decode(v) : v),
    );
    for (const secret of ['山田', '花子', '090-1234-5678', 'hanako@example.jp', '佐藤', PASS]) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).toContain('people.profile-saved'); // the check does see the stored records
  });

  it('writes nothing when a fold fails', async () => {
    const db = freshDb();
    const ws = await withProfileEdits(db);
    const count = await db.events.count();
    // @ts-expect-error an unregistered type does not compile; the store refuses it at run time too
    await expect(ws.store.append([{ type: 'not a type', incidentId: null, payload: {} }])).rejects.toThrow(/event type/);
    await expect(
      ws.store.append([
        { type: 'people.profile-saved', incidentId: null, payload: { personId: ws.identity.personId, name: 'X' } },
        // A payload that cannot be serialised: refused by its schema now, before anything is sealed.
        // @ts-expect-error a payload of the wrong shape does not compile either
        { type: 'people.profile-saved', incidentId: null, payload: { personId: 'p2', name: 1n } },
      ]),
    ).rejects.toThrow();
    expect(await db.events.count()).toBe(count);
    expect((await ws.store.table(tables.people).get(ws.identity.personId))?.name).toBe('山田 花子');
  });

  it('serialises concurrent appends without losing any', async () => {
    const db = freshDb();
    const ws = await createWorkspace(db, PASS, { name: 'A' }, { cost: TEST_KDF_COST, now });
    const personId = ws.identity.personId;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ws.store.append([{ type: 'people.profile-saved', incidentId: null, payload: { personId, name: `n${i}` } }]),
      ),
    );
    expect(await db.events.count()).toBe(21);
    expect((await ws.store.table(tables.people).get(personId))?.name).toBe('n19');
  });
});

describe('workspace', () => {
  it('unlocks with the passphrase, refuses a wrong one, survives a passphrase change', async () => {
    const db = freshDb();
    const ws = await createWorkspace(db, PASS, { name: '山田 花子' }, { cost: TEST_KDF_COST, now });
    await expect(unlockWorkspace(db, 'wrong passphrase!!')).rejects.toBeInstanceOf(WrongPassphraseError);
    await changeWorkspacePassphrase(db, PASS, '新しい長い合言葉です');
    await expect(unlockWorkspace(db, PASS)).rejects.toBeInstanceOf(WrongPassphraseError);
    const again = await unlockWorkspace(db, '新しい長い合言葉です', now);
    expect((await again.store.table(tables.people).get(ws.identity.personId))?.name).toBe('山田 花子');
    // The clock continues after the last stored event instead of restarting.
    const [e] = await again.store.append([
      { type: 'people.profile-saved', incidentId: null, payload: { personId: ws.identity.personId, phone: '1' } },
    ]);
    const all = await again.store.readEvents();
    expect(all[all.length - 1]!.id).toBe(e!.id);
  });

  it('refuses to create a second workspace in the same database', async () => {
    const db = freshDb();
    await createWorkspace(db, PASS, { name: 'A' }, { cost: TEST_KDF_COST, now });
    await expect(createWorkspace(db, PASS, { name: 'B' }, { cost: TEST_KDF_COST, now })).rejects.toThrow(/already/);
  });
});

describe('incident workspace events', () => {
  it('replaying every event reproduces incidents, reports, tasks and decisions exactly', async () => {
    const { dispatch, openDispatch } = await import('./dispatch');
    const { BUILTIN_TEMPLATES } = await import('../../../shared/boards/scenarios');
    const { EMPTY_REPORT } = await import('../../../shared/incident/model');
    const db = freshDb();
    const ws = await createWorkspace(db, PASS, { name: '山田 花子' }, { cost: TEST_KDF_COST, now });
    // Every change goes the way the screens send it: dispatch → handler → pure command → append.
    const session = openDispatch({ store: ws.store, personId: ws.identity.personId, now: () => Date.parse('2026-11-21T00:00:00Z') });
    const template = BUILTIN_TEMPLATES.find((x) => x.id === 'lost-device')!;
    const id = await dispatch('incident.file-first-report', {
      title: 'PC紛失',
      kind: 'personal-data',
      scenario: 'lost-device',
      drill: false,
      report: { ...EMPTY_REPORT, discoveredAt: '2026-11-20T00:00:00.000Z', reporter: '山田', itemsLeaked: ['name'], confirmedCount: 10 },
      template,
    });
    const tasks = await ws.store.table(tables.tasks).where('incidentId', id);
    expect(tasks).toHaveLength(template.tasks.length);
    await dispatch('boards.change-task', { incidentId: id, taskId: tasks[0]!.id, changes: { owner: '佐藤', status: 'doing' } });
    await dispatch('boards.toggle-checklist-item', { incidentId: id, taskId: tasks[0]!.id, index: 0, done: true });
    await dispatch('incident.record-decision', { incidentId: id, phase: 'direction', what: '公表する', why: '問い合わせ増加', decidedBy: '社長' });
    await dispatch('incident.change-facts', { incidentId: id, changes: { deskPhone: '0120-000-000' } });
    await dispatch('incident.file-follow-up', { incidentId: id, report: { ...EMPTY_REPORT, confirmedCount: 20, itemsNotLeaked: ['creditCard'] } });
    session.dispose();

    const replayed = [tables.incidents, tables.reports, tables.tasks, tables.decisions, tables.people, tables.factEdits];
    const before = Object.fromEntries(await Promise.all(replayed.map(async (t: TableRef) => [t.name, sortById(await ws.store.table(t).all())])));
    await ws.store.rebuildProjections();
    const after = Object.fromEntries(await Promise.all(replayed.map(async (t: TableRef) => [t.name, sortById(await ws.store.table(t).all())])));
    expect(after).toEqual(before);
    expect((before.incidents as { facts: { confirmedCount: number } }[])[0]!.facts.confirmedCount).toBe(20);
    expect(before.reports).toHaveLength(2);
    expect(before.decisions).toHaveLength(1);
  });

  it('a fact changed reads the rows it folds in one transaction and writes in one more, each row opened and sealed once', async () => {
    const { dispatch, openDispatch } = await import('./dispatch');
    const { EMPTY_REPORT } = await import('../../../shared/incident/model');
    // Every IndexedDB transaction while `counting` (Dexie binds the method when it opens the database).
    const opened: { mode: string; stores: string[] }[] = [];
    let counting = false;
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, ...rest: unknown[]) {
      if (counting) opened.push({ mode: mode ?? 'readonly', stores: [stores].flat().sort() });
      return (transaction as (...a: unknown[]) => IDBTransaction).call(this, stores, mode, ...rest);
    } as typeof transaction;
    const db = freshDb();
    const ws = await createWorkspace(db, PASS, { name: '山田 花子' }, { cost: TEST_KDF_COST, now }).finally(() => {
      IDBDatabase.prototype.transaction = transaction;
    });
    const session = openDispatch({ store: ws.store, personId: ws.identity.personId });
    const id = await dispatch('incident.file-first-report', {
      title: 'PC紛失',
      kind: 'personal-data',
      scenario: '',
      drill: false,
      report: { ...EMPTY_REPORT, discoveredAt: '2026-11-20T00:00:00.000Z', reporter: '山田', itemsLeaked: ['name'], confirmedCount: 10 },
    });
    await dispatch('incident.change-facts', { incidentId: id, changes: { deskPhone: '0120-000-000' } });
    // Every IndexedDB transaction of the next change, and every WebCrypto call.
    counting = true;
    const calls = { encrypt: 0, decrypt: 0 };
    const subtle = globalThis.crypto.subtle;
    const { encrypt, decrypt } = subtle;
    subtle.encrypt = (...a: Parameters<SubtleCrypto['encrypt']>) => {
      calls.encrypt++;
      return encrypt.apply(subtle, a);
    };
    subtle.decrypt = (...a: Parameters<SubtleCrypto['decrypt']>) => {
      calls.decrypt++;
      return decrypt.apply(subtle, a);
    };
    try {
      await dispatch('incident.change-facts', { incidentId: id, changes: { deskPhone: '0120-111-111' } });
    } finally {
      counting = false;
      delete (subtle as Partial<SubtleCrypto>).encrypt;
      delete (subtle as Partial<SubtleCrypto>).decrypt;
      session.dispose();
    }
    // The incident and its fact's edits: read together, then the event and both rows written together.
    expect(opened).toEqual([
      { mode: 'readonly', stores: ['fact-edits', 'incidents'] },
      { mode: 'readwrite', stores: ['events', 'fact-edits', 'incidents'] },
    ]);
    expect(calls).toEqual({ decrypt: 2, encrypt: 3 });
    expect((await ws.store.table(tables.incidents).get(id))!.facts.deskPhone).toBe('0120-111-111');
  });
});

function sortById<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)));
}
