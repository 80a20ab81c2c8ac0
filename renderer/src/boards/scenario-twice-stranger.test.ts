/**
 * "Add a scenario's tasks later", clicked twice before the first finished: the
 * handler reads the board "at the moment of adding", so the second should find the first's tasks.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../../shared/boards/scenarios';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch } from '../data/dispatch';
import { tables } from '../data/tables';
import { createWorkspace } from '../data/workspace';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

it('a double click on 追加 adds the scenario’s tasks once', async () => {
  const db = new HonbuDb(`scenario-twice-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  const life = openDispatch({ store: ws.store, personId: ws.identity.personId });
  const lost = BUILTIN_TEMPLATES.find((t) => t.id === 'lost-device')!;
  const access = BUILTIN_TEMPLATES.find((t) => t.id === 'unauthorised-access')!;
  const report = { ...EMPTY_REPORT, discoveredAt: '2026-11-20T00:00:00.000Z', reporter: '山田', itemsLeaked: ['name' as const], confirmedCount: 10 };
  const incidentId = await dispatch('incident.file-first-report', { title: 'ノートPC紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report, template: lost });
  const results = await Promise.allSettled([
    dispatch('boards.add-scenario-tasks', { incidentId, template: access, changeScenario: false }),
    dispatch('boards.add-scenario-tasks', { incidentId, template: access, changeScenario: false }),
  ]);
  const tasks = await ws.store.table(tables.tasks).where('incidentId', incidentId);
  const keys = tasks.map((t) => t.templateKey);
  const twice = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
  life.dispose();
  expect({ outcomes: results.map((r) => r.status), twice }).toEqual({ outcomes: ['fulfilled', 'rejected'], twice: [] });
});
