/**
 * The dashboard against a full fold of the events: whatever lands while it reads (results,
 * undos, notices, a list imported, a commit that fails), once things settle its totals are
 * what a fresh fold of the events gives, and its chart what is stored.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { foldStatuses } from '../../../../shared/contacts/events';
import { cellOf, TOTAL_CELLS } from '../../../../shared/contacts/fallback';
import type { ContactEngine } from '../contact-engine';
import { foldSnapshot } from '../fold-check';
import { csvText } from '../test-data';
import { dropTestDatabases, importText, openTestEngine } from '../test-engine';
import { useContacts } from './contacts-store';

afterEach(async () => {
  await useContacts.getState().open(null);
  await dropTestDatabases();
});

/** A list's totals' cells as a full fold of its events gives them (not what is stored). */
async function foldedCells(engine: ContactEngine, datasetId: string): Promise<number[]> {
  const { input, events, policy } = await foldSnapshot(engine, datasetId);
  const folded = foldStatuses(input.avail, events, policy);
  const cells = new Array<number>(input.segments * TOTAL_CELLS).fill(0);
  folded.forEach((w, i) => {
    cells[input.segment[i]! * TOTAL_CELLS + cellOf(w)]! += 1;
  });
  return cells;
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((ok) => setTimeout(ok, 20));
};

describe('the dashboard equals a full fold', () => {
  it('results landing while the dashboard reads its lists again (a list imported meanwhile): the totals end as a fold gives them', async () => {
    const { db, engine: importer, store } = await openTestEngine();
    const datasetId = await importText(importer, db, csvText(300));
    importer.dispose();
    await useContacts.getState().open(store);
    await useContacts.getState().load('inc');
    const engine = useContacts.getState().engine!;
    // A result lands during every read of the lists (a busy line while the dashboard re-reads after an import).
    let row = 10;
    const missing = engine.missingDatasets.bind(engine);
    engine.missingDatasets = async (incidentId: string) => {
      const m = await missing(incidentId);
      if (row < 16) await engine.recordOutcome(datasetId, row++, 'reached', '', '');
      return m;
    };
    await useContacts.getState().refresh();
    await settle();
    expect(row).toBeGreaterThan(12);
    expect(Array.from(useContacts.getState().cells[datasetId]!)).toEqual(await foldedCells(engine, datasetId));
  });

  it('results landing while the dashboard reads the totals themselves: the totals end as a fold gives them', async () => {
    const { db, engine: importer, store } = await openTestEngine();
    const datasetId = await importText(importer, db, csvText(300));
    importer.dispose();
    await useContacts.getState().open(store);
    await useContacts.getState().load('inc');
    const engine = useContacts.getState().engine!;
    let row = 10;
    const cells = engine.data.cells.bind(engine.data);
    engine.data.cells = async (id: string) => {
      const c = await cells(id);
      if (row < 16) await engine.recordOutcome(datasetId, row++, 'reached', '', '');
      return c;
    };
    await useContacts.getState().refresh();
    await settle();
    expect(row).toBeGreaterThan(12);
    expect(Array.from(useContacts.getState().cells[datasetId]!)).toEqual(await foldedCells(engine, datasetId));
  });
});
