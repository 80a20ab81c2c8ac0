/**
 * Test helper: a list's stored statuses, totals and reached-over-time chart equal a full fold
 * of its events read afresh (what every projection test holds the contact tracker to).
 */
import { expect } from 'vitest';
import { foldSeries } from '../../../shared/contacts/events';
import { totalsFromCells } from '../../../shared/contacts/fallback';
import type { ContactEngine } from './contact-engine';
import { checkFold } from './fold-check';
import { STATUS_ROWS } from './tables';

export async function equalsFullFold(engine: ContactEngine, datasetId: string, label = ''): Promise<void> {
  expect(await checkFold(engine, datasetId), label).toMatchObject({ mismatchedRows: 0, totalsMatch: true });
  const events = await engine.datasetEvents(datasetId);
  const { policy, rows } = await engine.policy(datasetId);
  const avail = new Uint8Array(rows);
  await engine.tables.status.where('datasetId').equals(datasetId).each((s) => avail.set(s.avail, s.block * STATUS_ROWS));
  const chart = foldSeries(avail, events, policy).map((p) => ({ at: p.at, totals: totalsFromCells(p.cells, policy.order) }));
  expect(await engine.series(datasetId), `${label} chart`).toEqual(chart);
}
