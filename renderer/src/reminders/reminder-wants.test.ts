import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { EMPTY_PERSON } from '../../../shared/directory/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { readReminderWants, readTeamReminderWants } from './reminder-wants';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const firstReport = { title: '事案', kind: 'personal-data' as const, scenario: 'misdirected-email', drill: false, report: EMPTY_REPORT };
const task = { id: 't1', phase: 'direction' as const, title: '個人情報保護委員会へ速報', owner: '山田 花子', dueAt: '2026-11-22T12:00:00Z', status: 'todo' as const, notes: '', checklist: [], source: '' };

describe('what a laptop hands the host for its person', () => {
  it('nothing until the person chooses; then the next day of their reminders, to their contact list entry and chosen channel', async () => {
    const db = new HonbuDb(`wants-${crypto.randomUUID()}`);
    dbs.push(db);
    const { store } = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子', email: 'hanako@company.example' }, { cost: TEST_KDF_COST });
    await store.append([{ type: 'incident.first-reported', incidentId: 'i1', payload: firstReport }]);
    await store.append([{ type: 'boards.tasks-added', incidentId: 'i1', payload: { tasks: [task] } }]);
    // The contact list knows her by her address (written differently), under another id.
    await store.append([{ type: 'directory.person-saved', incidentId: null, payload: { personId: 'c-yamada', person: { ...EMPTY_PERSON, name: '山田 花子（情報システム部）', emails: ['Hanako@Company.Example'] } } }]);
    await store.append([{ type: 'alerts.channel-saved', incidentId: null, payload: { id: 'c1', kind: 'slack', label: '#incident', url: 'https://hooks.slack.com/services/T/B/x', details: false } }]);
    const now = Date.parse('2026-11-22T09:00:00Z');

    const none = await readReminderWants(store, store.actor, now, 60);
    expect(none.wanted).toEqual([]);

    await store.append([{ type: 'reminders.channels-set', incidentId: null, payload: { email: true, chatChannelIds: ['c1', 'gone'] } }]);
    const wants = await readReminderWants(store, store.actor, now, 60);
    expect(wants.wanted.map((r) => [r.point, r.at])).toEqual([
      ['advance', '2026-11-22T11:00:00.000Z'],
      ['due', '2026-11-22T12:00:00.000Z'],
      ['overdue', '2026-11-22T13:00:00.000Z'],
    ]);
    expect(wants.route.email).toEqual({ personId: 'c-yamada', name: '山田 花子（情報システム部）', emails: ['Hanako@Company.Example'] });
    expect(wants.route.channels.map((c) => c.id)).toEqual(['c1']);
    expect(wants.route.personName).toBe('山田 花子');

    // Acknowledged: no longer wanted, and named so that a laptop that does not remember handing it still stops it.
    await store.append([{ type: 'reminders.acknowledged', incidentId: 'i1', payload: { reminderIds: ['task:t1:due@2026-11-22T12:00:00.000Z'] } }]);
    const acked = await readReminderWants(store, store.actor, now, 60);
    expect(acked.wanted.map((r) => r.point)).toEqual(['advance', 'overdue']);
    expect(acked.acknowledged!.map((r) => r.id)).toEqual(['task:t1:due@2026-11-22T12:00:00.000Z']);

    // Done: nothing wanted any more (the link stops what it handed).
    await store.append([{ type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't1', changes: { status: 'done' } } }]);
    expect((await readReminderWants(store, store.actor, now, 60)).wanted).toEqual([]);
  });

  it("a colleague's laptop reads what the owner's laptops hand, so it can stop it when the task is done while they are closed", async () => {
    const db = new HonbuDb(`wants-${crypto.randomUUID()}`);
    dbs.push(db);
    const { store } = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子', email: 'hanako@company.example' }, { cost: TEST_KDF_COST });
    await store.append([{ type: 'incident.first-reported', incidentId: 'i1', payload: firstReport }]);
    await store.append([{ type: 'boards.tasks-added', incidentId: 'i1', payload: { tasks: [task] } }]);
    await store.append([{ type: 'directory.person-saved', incidentId: null, payload: { personId: 'c-yamada', person: { ...EMPTY_PERSON, name: '山田 花子', emails: ['hanako@company.example'] } } }]);
    const now = Date.parse('2026-11-22T09:00:00Z');
    // She has not chosen e-mail: her laptops hand nothing, so there is nothing to stop for her.
    expect((await readTeamReminderWants(store, 'p-colleague', now, 60)).others).toEqual([]);
    await store.append([{ type: 'reminders.channels-set', incidentId: null, payload: { email: true, chatChannelIds: [] } }]);
    const seen = await readTeamReminderWants(store, 'p-colleague', now, 60);
    expect(seen.personId).toBe('p-colleague');
    expect(seen.others!.map((o) => [o.personId, o.route.email?.emails, o.wanted.map((r) => r.point)])).toEqual([[store.actor, ['hanako@company.example'], ['advance', 'due', 'overdue']]]);
    await store.append([{ type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't1', changes: { status: 'done' } } }]);
    expect((await readTeamReminderWants(store, 'p-colleague', now, 60)).others!.map((o) => o.wanted)).toEqual([[]]);
  });
});
