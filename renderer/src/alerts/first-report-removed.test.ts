/**
 * A person removed from the emergency contact list, and a call tree removed, are never used
 * by the alert a first report starts: the tables keep removed rows (with their addresses) as
 * marks, and planFor leaves them out. Found by a stranger's probe: the former employee was
 * e-mailed and the removed tree fired.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it, vi } from 'vitest';
import { EMPTY_PERSON } from '../../../shared/directory/model';
import { planFor } from '../../../shared/directory/plan';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch } from '../data/dispatch';
import { createWorkspace } from '../data/workspace';
import { alertOnFirstReports } from '../alerts/first-report-alerts';

// planFor as it is, watched: the alert's decision for a report is made when it returns (nothing
// is awaited between it and starting the escalation), so a test can tell a report that started
// nothing from one whose alert has not been worked out yet.
vi.mock('../../../shared/directory/plan', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../shared/directory/plan')>();
  return { ...real, planFor: vi.fn(real.planFor) };
});
const plans = vi.mocked(planFor);

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
const report = { ...EMPTY_REPORT, what: '顧客情報の入ったノートPCを紛失', reporter: '山田 花子', discoveredAt: '2026-12-01T01:00:00.000Z' };

it('a removed person (and a removed tree) is not alerted by a first report', async () => {
  const db = new HonbuDb(`removed-alerted-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  const life = openDispatch({ store: ws.store, personId: ws.identity.personId });
  const keep = await dispatch('directory.save-person', { person: { ...EMPTY_PERSON, name: '田中 法務', emails: ['legal@example.jp'], hours: '24時間' } });
  const gone = await dispatch('directory.save-person', { person: { ...EMPTY_PERSON, name: '退職 太郎', emails: ['former.employee@gmail.example'], hours: '24時間' } });
  await dispatch('directory.save-tree', { tree: { name: '紛失・高', scenario: 'lost-device', severity: 'high', steps: [{ personIds: [keep, gone], waitMinutes: 15 }] } });
  // The person leaves the company: removed from the list (the tree keeps the id).
  await dispatch('directory.remove-person', { personId: gone });

  const start = vi.fn(async () => 'job');
  const alerts = alertOnFirstReports(ws.store, start);
  const file = (over: object) => dispatch('incident.file-first-report', { title: '社用PCの紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report, severity: 'high', ...over } as never);
  await file({});
  await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(1));
  const plan = (start.mock.calls[0] as unknown as [string, { steps: { recipients: { name: string; emails: string[] }[] }[] }])[1];
  const recipients = plan.steps.flatMap((s) => s.recipients.map((r) => `${r.name} <${r.emails.join(',')}>`));
  expect(recipients).toEqual(['田中 法務 <legal@example.jp>']);

  // A tree for medium incidents, removed: a medium report starts nothing.
  const other = await dispatch('directory.save-person', { person: { ...EMPTY_PERSON, name: '旧 委託先', emails: ['old-vendor@vendor.example'], hours: '24時間' } });
  const t2 = await dispatch('directory.save-tree', { tree: { name: '旧ツリー(中)', scenario: null, severity: 'medium', steps: [{ personIds: [other], waitMinutes: 15 }] } });
  await dispatch('directory.remove-tree', { treeId: t2 });
  const planned = plans.mock.calls.length;
  await file({ severity: 'medium', title: '中程度' });
  // Once the medium report's plan is worked out, its escalation has started or never will.
  await vi.waitFor(() => expect(plans).toHaveBeenCalledTimes(planned + 1));
  expect(plans.mock.calls[planned]![2].severity).toBe('medium');
  expect(plans.mock.results[planned]).toEqual({ type: 'return', value: null });
  expect(start).toHaveBeenCalledTimes(1);
  alerts.dispose();
  life.dispose();
});
