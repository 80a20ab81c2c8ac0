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

  it('reads the roles of the person at the moment of the command', async () => {
    const { ws, session } = await unlocked();
    const entryId = await dispatch('faq.draft-entry', { incidentId: null, text: { question: 'カードは？', answer: '漏えいしていません。', category: '' } });
    await expect(dispatch('faq.approve-entry', { entryId })).rejects.toMatchObject({ problems: [{ field: 'approver', reason: 'not-allowed' }] });
    await dispatch('people.save-profile', { fields: { roles: ['direction'] } });
    expect((await ws.store.table(tables.people).get(ws.identity.personId))?.roles).toEqual(['direction']);
    await dispatch('faq.approve-entry', { entryId });
    expect(await ws.store.table(tables.faq).get(entryId)).toMatchObject({ state: 'approved' });
    session.dispose();
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
