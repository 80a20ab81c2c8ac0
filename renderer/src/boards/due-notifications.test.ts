import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { startDueNotifications } from './due-notifications';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const firstReport = {
  title: '事案',
  kind: 'personal-data' as const,
  scenario: 'misdirected-email',
  drill: false,
  report: EMPTY_REPORT,
};

describe('due-task notifications', () => {
  it('tell only the owner, once — not again after a restart — and stop when the session disposes them', async () => {
    const db = new HonbuDb(`due-${crypto.randomUUID()}`);
    dbs.push(db);
    const { store } = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    let clock = Date.parse('2026-11-22T09:00:00Z');
    const task = (id: string, title: string, owner: string, dueAt: string) => ({ id, phase: 'direction' as const, title, owner, dueAt, status: 'todo' as const, notes: '', checklist: [], source: '' });
    await store.append([{ type: 'incident.first-reported', incidentId: 'i1', payload: firstReport }]);
    await store.append([
      { type: 'boards.tasks-added', incidentId: 'i1', payload: { tasks: [task('t1', '個人情報保護委員会へ速報', '山田 花子', '2026-11-22T09:05:00Z'), task('t3', '他人のタスク', '鈴木 太郎', '2026-11-22T09:05:00Z')] } },
    ]);

    const sent: string[] = [];
    const options = { everyMs: 5, now: () => clock, notify: async (_title: string, body: string) => void sent.push(body), advanceMinutes: () => 0 };
    let running = startDueNotifications(store, options);
    await sleep(60);
    expect(sent).toEqual([]);
    clock = Date.parse('2026-11-22T09:06:00Z');
    await sleep(80);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('個人情報保護委員会へ速報');
    expect(sent.join()).not.toContain('他人のタスク');

    // A restart (a fresh notifier, nothing kept in memory): the record in the events keeps it from repeating.
    running.dispose();
    running = startDueNotifications(store, options);
    await sleep(80);
    expect(sent).toHaveLength(1);
    const recorded = await store.readEvents(undefined, ['reminders.notified']);
    expect(recorded.map((e) => [e.incidentId, (e.payload as { reminderIds: string[] }).reminderIds])).toEqual([['i1', ['task:t1:due@2026-11-22T09:05:00.000Z']]]);

    // Still not done an hour later: the owner is told again, and direction (this founder) hears of the other's late task.
    clock = Date.parse('2026-11-22T10:06:00Z');
    await sleep(80);
    expect(sent).toHaveLength(3);
    expect(sent.slice(1).some((b) => b.includes('個人情報保護委員会へ速報'))).toBe(true);
    expect(sent.find((b) => b.includes('他人のタスク'))).toContain('担当: 鈴木 太郎');

    running.dispose();
    await store.append([{ type: 'boards.tasks-added', incidentId: 'i1', payload: { tasks: [task('t2', '顧客への通知', '山田 花子', '2026-11-22T09:10:00Z')] } }]);
    clock = Date.parse('2026-11-22T10:30:00Z');
    await sleep(60);
    expect(sent).toHaveLength(3);
  });

  it('remind a member only of the incidents they are in (decision 016)', async () => {
    const db = new HonbuDb(`due-${crypto.randomUUID()}`);
    dbs.push(db);
    const { store } = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    let clock = Date.parse('2026-11-22T09:00:00Z');
    const task = (id: string, title: string) => ({ id, phase: 'direction' as const, title, owner: 'Ola', dueAt: '2026-11-22T09:05:00Z', status: 'todo' as const, notes: '', checklist: [], source: '' });
    await store.append([{ type: 'incident.first-reported', incidentId: 'mine', payload: firstReport }]);
    await store.append([{ type: 'incident.first-reported', incidentId: 'theirs', payload: firstReport }]);
    await store.append([{ type: 'boards.tasks-added', incidentId: 'mine', payload: { tasks: [task('t1', '自分の事案の速報')] } }]);
    await store.append([{ type: 'boards.tasks-added', incidentId: 'theirs', payload: { tasks: [task('t2', '他の事案の速報')] } }]);
    // Ola's profile as it arrives from her own laptop (a profile is folded only from its own person).
    await store.applyRemote([{ id: crypto.randomUUID(), incidentId: null, at: `${String(Date.now()).padStart(16, '0')}-0000-ola`, actor: 'ola', type: 'people.profile-saved', payload: { personId: 'ola', name: 'Ola' } }]);
    // The founder (direction of the workspace) gives Ola a role in one incident.
    await store.append([{ type: 'roles.role-assigned', incidentId: 'mine', payload: { personId: 'ola', role: 'operator' } }]);

    const sent: string[] = [];
    const running = startDueNotifications(store, { everyMs: 5, now: () => clock, notify: async (_t, body) => void sent.push(body), personId: 'ola', advanceMinutes: () => 0 });
    await sleep(40);
    clock = Date.parse('2026-11-22T09:06:00Z');
    await sleep(80);
    running.dispose();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('自分の事案の速報');
  });

  it('gather many reminders falling due at once into one notification', async () => {
    const db = new HonbuDb(`due-${crypto.randomUUID()}`);
    dbs.push(db);
    const { store } = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const task = (n: number) => ({ id: `t${n}`, phase: 'containment' as const, title: `タスク${n}`, owner: '山田 花子', dueAt: '2026-11-22T09:05:00Z', status: 'todo' as const, notes: '', checklist: [], source: '' });
    await store.append([{ type: 'incident.first-reported', incidentId: 'i1', payload: firstReport }]);
    await store.append([{ type: 'boards.tasks-added', incidentId: 'i1', payload: { tasks: [1, 2, 3, 4, 5].map(task) } }]);
    const sent: [string, string][] = [];
    const running = startDueNotifications(store, { everyMs: 5, now: () => Date.parse('2026-11-22T09:06:00Z'), notify: async (title, body) => void sent.push([title, body]), advanceMinutes: () => 0 });
    // Until the first notification (a loaded machine takes longer than a fixed wait), then a
    // few more rounds in which a second one would come.
    for (let waited = 0; sent.length === 0 && waited < 10_000; waited += 20) await sleep(20);
    await sleep(100);
    running.dispose();
    expect(sent).toEqual([['本部: 期限のお知らせが 5 件あります', '「私の対応」を開いて確認してください。']]);
  });
});
