/**
 * The command boundary, not only the facts card: one count changed alone that crosses the other
 * as stored (1,800 confirmed over a stored maximum of 1,500) is refused by dispatch itself,
 * naming both, and nothing is stored; a change of other facts reads nothing to decide.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { CommandRefused, dispatch, openDispatch } from '../data/dispatch';
import { tables } from '../data/tables';
import { createWorkspace } from '../data/workspace';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

it('a confirmed count over the stored maximum, changed alone, is refused and not stored', async () => {
  const db = new HonbuDb(`change-facts-counts-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  const life = openDispatch({ store: ws.store, personId: ws.identity.personId });
  const report = { ...EMPTY_REPORT, discoveredAt: '2026-11-20T00:00:00.000Z', reporter: '山田', itemsLeaked: ['name' as const], confirmedCount: 1_000, maxCount: 1_500 };
  const incidentId = await dispatch('incident.file-first-report', { title: '会員情報の流出', kind: 'personal-data', scenario: '', drill: false, report });

  const refused = await dispatch('incident.change-facts', { incidentId, changes: { confirmedCount: 1_800 } }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(CommandRefused);
  expect((refused as CommandRefused).problems).toEqual([{ field: 'confirmedCount', reason: 'max-below-confirmed', params: { stored: 'maxCount', confirmed: 1_800, max: 1_500 } }]);
  const maxTooLow = await dispatch('incident.change-facts', { incidentId, changes: { maxCount: 900 } }).catch((e: unknown) => e);
  expect((maxTooLow as CommandRefused).problems).toMatchObject([{ field: 'maxCount', params: { confirmed: 1_000, max: 900 } }]);

  // Agreeing counts, and both counts raised together, are stored.
  await dispatch('incident.change-facts', { incidentId, changes: { confirmedCount: 1_400 } });
  await dispatch('incident.change-facts', { incidentId, changes: { confirmedCount: 1_800, maxCount: 2_000 } });
  const incident = await ws.store.table(tables.incidents).get(incidentId);
  life.dispose();
  expect(incident?.facts).toMatchObject({ confirmedCount: 1_800, maxCount: 2_000 });
});
