import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from './db';
import { CommandRefused, dispatch, openDispatch, problemsOf } from './dispatch';
import { StoreClosedError } from './event-store';
import { createWorkspace } from './workspace';
import { tables } from './tables';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function unlocked() {
  const db = new HonbuDb(`dispatch-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'dispatch test passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  const session = openDispatch({ store: ws.store, personId: ws.identity.personId });
  return { db, ws, session };
}

describe('dispatch', () => {
  it('runs the named command: its events are appended and its value returned', async () => {
    const { ws, session } = await unlocked();
    const taskId = await dispatch('boards.add-task', { incidentId: 'i1', phase: 'containment', title: ' 端末のロック ' });
    expect(await ws.store.table(tables.tasks).get(taskId)).toMatchObject({ id: taskId, title: '端末のロック', phase: 'containment', status: 'todo' });
    session.dispose();
  });

  it('a refused command throws CommandRefused with its problems and writes nothing', async () => {
    const { db, ws, session } = await unlocked();
    const before = await db.events.count();
    const refused = dispatch('boards.add-task', { incidentId: 'i1', phase: 'containment', title: '  ' });
    await expect(refused).rejects.toBeInstanceOf(CommandRefused);
    await expect(refused).rejects.toMatchObject({ problems: [{ field: 'title', reason: 'required' }] });
    expect(await db.events.count()).toBe(before);
    expect(await ws.store.table(tables.tasks).all()).toEqual([]);
    // For forms: the problems, and nothing at all for "nothing changed".
    expect(await problemsOf(dispatch('boards.add-task', { incidentId: 'i1', phase: 'direction', title: '' }))).toEqual([{ field: 'title', reason: 'required' }]);
    expect(await problemsOf(dispatch('boards.change-task', { incidentId: 'i1', taskId: 't1', changes: {} }))).toEqual([]);
    session.dispose();
  });

  it('reads the roles of the person at the moment of the command, from the role events, never from their own profile', async () => {
    const { ws, session } = await unlocked();
    const founder = ws.identity.personId;
    const entryId = await dispatch('faq.draft-entry', { incidentId: null, text: { question: 'カードは？', answer: '漏えいしていません。', category: '' } });
    session.dispose();
    // Bob uses the same workspace: no role yet. Ticking 方針指導 in his own profile gives him nothing.
    const bob = openDispatch({ store: ws.store, personId: 'bob' });
    await dispatch('people.save-profile', { fields: { roles: ['direction'] } });
    await expect(dispatch('faq.approve-entry', { entryId })).rejects.toMatchObject({ problems: [{ field: 'approver', reason: 'not-allowed' }] });
    // Nor can he give himself the role.
    await expect(dispatch('roles.assign-role', { personId: 'bob', role: 'direction', incidentId: null })).rejects.toMatchObject({
      problems: [{ field: 'role', reason: 'role-required', params: { roles: 'direction', kind: 'roles.role-assigned' } }],
    });
    bob.dispose();
    // The founder (direction from the start) gives it; from then on Bob may approve.
    const back = openDispatch({ store: ws.store, personId: founder });
    await dispatch('roles.assign-role', { personId: 'bob', role: 'direction', incidentId: null });
    back.dispose();
    const bobAgain = openDispatch({ store: ws.store, personId: 'bob' });
    await dispatch('faq.approve-entry', { entryId });
    expect(await ws.store.table(tables.faq).get(entryId)).toMatchObject({ state: 'approved' });
    bobAgain.dispose();
  });

  it('refuses, before anything is written, a write the person’s role does not allow, whichever path it takes', async () => {
    const { db, ws, session } = await unlocked();
    await dispatch('roles.assign-role', { personId: 'obi', role: 'observer', incidentId: null });
    await expect(dispatch('roles.remove-role', { personId: ws.identity.personId, role: 'direction', incidentId: null })).rejects.toMatchObject({
      problems: [{ field: 'role', reason: 'last-direction' }],
    });
    session.dispose();
    const observer = openDispatch({ store: ws.store, personId: 'obi' });
    const before = await db.events.count();
    await expect(dispatch('boards.add-task', { incidentId: 'i1', phase: 'containment', title: '端末のロック' })).rejects.toMatchObject({
      problems: [{ field: 'role', reason: 'role-required', params: { roles: '', kind: 'boards.tasks-added' } }],
    });
    // Not a command: the data layer's own append is judged the same way.
    await expect(ws.store.append([{ type: 'company.profile-saved', incidentId: null, payload: { changes: { name: '株式会社テスト' } } }])).rejects.toBeInstanceOf(CommandRefused);
    expect(await db.events.count()).toBe(before);
    observer.dispose();
  });

  it('does nothing once the workspace is locked (the error the one handler knows as expected)', async () => {
    const { db, session } = await unlocked();
    session.dispose();
    const before = await db.events.count();
    await expect(dispatch('boards.add-task', { incidentId: 'i1', phase: 'containment', title: 'x' })).rejects.toBeInstanceOf(StoreClosedError);
    expect(await db.events.count()).toBe(before);
  });

  it('a name or arguments that do not match a handler do not compile', () => {
    const typed = () => {
      // @ts-expect-error no such command
      void dispatch('boards.delete-task', { taskId: 't1' });
      // @ts-expect-error the arguments of another command
      void dispatch('boards.add-task', { incidentId: 'i1', taskId: 't1', changes: {} });
    };
    expect(typeof typed).toBe('function');
  });
});
