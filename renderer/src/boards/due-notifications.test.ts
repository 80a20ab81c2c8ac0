import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { startDueNotifications } from './due-notifications';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('due-task notifications', () => {
  it('announce a task as it falls due, and stop when the session disposes them', async () => {
    const db = new HonbuDb(`due-${crypto.randomUUID()}`);
    dbs.push(db);
    const { store } = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    let clock = Date.parse('2026-11-22T09:00:00Z');
    const task = (id: string, title: string, dueAt: string) => ({ id, phase: 'direction' as const, title, owner: '', dueAt, status: 'todo' as const, notes: '', checklist: [], source: '' });
    await store.append([{ type: 'boards.tasks-added', incidentId: 'i1', payload: { tasks: [task('t1', '個人情報保護委員会へ速報', '2026-11-22T09:05:00Z')] } }]);

    const sent: string[] = [];
    const running = startDueNotifications(store, { everyMs: 5, now: () => clock, notify: async (_title, body) => void sent.push(body) });
    await sleep(40);
    expect(sent).toEqual([]);
    clock = Date.parse('2026-11-22T09:06:00Z');
    await sleep(40);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('個人情報保護委員会へ速報');

    running.dispose();
    await store.append([{ type: 'boards.tasks-added', incidentId: 'i1', payload: { tasks: [task('t2', '顧客への通知', '2026-11-22T09:10:00Z')] } }]);
    clock = Date.parse('2026-11-22T10:00:00Z');
    await sleep(40);
    expect(sent).toHaveLength(1);
  });

  it('remind a member only of the incidents they are in (decision 016)', async () => {
    const db = new HonbuDb(`due-${crypto.randomUUID()}`);
    dbs.push(db);
    const { store } = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    let clock = Date.parse('2026-11-22T09:00:00Z');
    const task = (id: string, title: string) => ({ id, phase: 'direction' as const, title, owner: '', dueAt: '2026-11-22T09:05:00Z', status: 'todo' as const, notes: '', checklist: [], source: '' });
    await store.append([{ type: 'boards.tasks-added', incidentId: 'mine', payload: { tasks: [task('t1', '自分の事案の速報')] } }]);
    await store.append([{ type: 'boards.tasks-added', incidentId: 'theirs', payload: { tasks: [task('t2', '他の事案の速報')] } }]);
    // The founder (direction of the workspace) gives Ola a role in one incident.
    await store.append([{ type: 'roles.role-assigned', incidentId: 'mine', payload: { personId: 'ola', role: 'operator' } }]);

    const sent: string[] = [];
    const running = startDueNotifications(store, { everyMs: 5, now: () => clock, notify: async (_t, body) => void sent.push(body), personId: 'ola' });
    await sleep(40);
    clock = Date.parse('2026-11-22T09:06:00Z');
    await sleep(60);
    running.dispose();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('自分の事案の速報');
  });
});
