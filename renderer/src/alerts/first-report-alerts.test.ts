/**
 * A first report filed on this laptop starts its call tree: the plan comes from the emergency
 * contact list and the tree for the incident's scenario and severity. A drill, an incident
 * no tree fits, and a first report another laptop filed start nothing here.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_PERSON } from '../../../shared/directory/model';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch } from '../data/dispatch';
import { createWorkspace } from '../data/workspace';
import { alertOnFirstReports } from './first-report-alerts';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const report = { ...EMPTY_REPORT, what: '顧客情報の入ったノートPCを紛失', reporter: '山田 花子', discoveredAt: '2026-12-01T01:00:00.000Z' };

describe('a first report alerts its call tree', () => {
  it('starts the tree that fits the scenario and severity, with the list’s addresses; not for a drill or a report no tree fits; an unjudged severity counts as high', async () => {
    const db = new HonbuDb(`first-alerts-${crypto.randomUUID()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, 'first report alerts passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const life = openDispatch({ store: ws.store, personId: ws.identity.personId });
    const cio = await dispatch('directory.save-person', { person: { ...EMPTY_PERSON, name: '佐藤 一郎', category: 'executive', emails: ['sato@example.jp'], phones: ['090-1234-5678'], hours: '24時間' } });
    const legal = await dispatch('directory.save-person', { person: { ...EMPTY_PERSON, name: '田中 法務', emails: ['legal@example.jp'], hours: '24時間' } });
    await dispatch('directory.save-tree', { tree: { name: '紛失・高', scenario: 'lost-device', severity: 'high', steps: [{ personIds: [legal], waitMinutes: 15 }, { personIds: [cio], waitMinutes: 30 }] } });

    const start = vi.fn(async () => 'job');
    const alerts = alertOnFirstReports(ws.store, start);
    const file = (over: object) => dispatch('incident.file-first-report', { title: '社用PCの紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report, severity: 'high', ...over } as never);

    const incidentId = await file({});
    await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(1));
    const [id, plan, options] = start.mock.calls[0] as unknown as [string, { steps: { recipients: { name: string; emails: string[] }[]; waitMinutes: number }[] }, object];
    expect(id).toBe(incidentId);
    expect(plan.steps.map((s) => [s.recipients.map((r) => [r.name, r.emails]), s.waitMinutes])).toEqual([
      [[['田中 法務', ['legal@example.jp']]], 15],
      [[['佐藤 一郎', ['sato@example.jp']]], 30],
    ]);
    expect(options).toEqual({ severity: 'high', title: '社用PCの紛失' });

    // A drill, and a severity no tree covers: nobody alerted.
    await file({ drill: true, title: '紛失訓練' });
    await file({ severity: 'low', title: '軽微な紛失' });
    await new Promise((r) => setTimeout(r, 200));
    expect(start).toHaveBeenCalledTimes(1);

    // Severity not judged yet (a report from the report page): counts as 高, so the tree alerts.
    const unjudged = await file({ severity: undefined, title: '通報: 紛失' });
    await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(2));
    expect(start.mock.calls[1]).toEqual([unjudged, expect.objectContaining({ steps: expect.any(Array) }), { severity: 'high', title: '通報: 紛失' }]);

    alerts.dispose();
    life.dispose();
  });
});
