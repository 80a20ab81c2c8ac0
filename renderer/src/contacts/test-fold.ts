/**
 * Test helper: a list's stored statuses, totals and reached-over-time chart equal a full fold
 * of its events read afresh (what every projection test holds the contact tracker to).
 */
import { expect } from 'vitest';
import { foldSeries } from '../../../shared/contacts/events';
import { totalsFromCells } from '../../../shared/contacts/fallback';
import { appliedListsFromEvents } from './applied';
import { AppliedBook } from './applied-book';
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
  await bookEqualsEvents(engine, datasetId, label);
}

/**
 * The applied-lists book the fold keeps (applied-book.ts), if the list has one, names every
 * applied list of the events, and each entry it calls known equals the events' fold.
 */
export async function bookEqualsEvents(engine: ContactEngine, datasetId: string, label = ''): Promise<void> {
  const book = await AppliedBook.read(engine.tables, engine.data.dataKey, datasetId);
  if (!book) return;
  const fromEvents = await appliedListsFromEvents(engine, datasetId);
  const byId = (a: { eventId: string }, b: { eventId: string }) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
  expect(book.lists.map((l) => l.eventId).sort(), `${label} applied lists kept`).toEqual(fromEvents.map((l) => l.eventId).sort());
  const known = new Set(book.lists.filter((l) => l.known).map((l) => l.eventId));
  expect(book.entries().filter((l) => known.has(l.eventId)).sort(byId), `${label} applied lists kept as known`).toEqual(fromEvents.filter((l) => known.has(l.eventId)).sort(byId));
}
