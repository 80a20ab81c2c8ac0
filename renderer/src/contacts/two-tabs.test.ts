/**
 * Two tabs on one workspace (web mode): each its own store and contact engine on the same
 * database. What one tab folds must count the other tab's events, which its notices never
 * told it about.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HonbuDb } from '../data/db';
import { unlockWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { checkFold } from './fold-check';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

describe('two tabs on one workspace', () => {
  it("an undo in one tab replays the row with the other tab's earlier result on it: the list equals a full fold", async () => {
    const { db, engine: a, store: storeA } = await openTestEngine();
    const datasetId = await importText(a, db, csvText(80));
    const other = new HonbuDb(db.name);
    const tabB = await unlockWorkspace(other, 'correct horse battery staple');
    const b = await ContactEngine.open(tabB.store);
    const fresh = async (check: (c: ContactEngine) => Promise<void>) => {
      const page = new HonbuDb(db.name);
      const opened = await unlockWorkspace(page, 'correct horse battery staple');
      const c = await ContactEngine.open(opened.store);
      try {
        await check(c);
      } finally {
        c.dispose();
        await opened.store.close();
        page.close();
      }
    };
    try {
      // Tab B has the list's events open (its card, its chart) before tab A records.
      await b.data.datasetEvents(datasetId);
      await a.data.datasetEvents(datasetId);
      // Tab A: row 5's letter came back; tab B then reaches the customer by mail, and takes it back (wrong row).
      await a.recordOutcome(datasetId, 5, 'failed', 'no-answer', '');
      const mine = (await b.recordOutcome(datasetId, 5, 'reached', '', ''))!;
      await b.undo(datasetId, mine.id);
      // What a fresh page folds from every stored event (the tabs' own kept events may lack the other's).
      await fresh(async (c) => {
        expect(await checkFold(c, datasetId)).toEqual({ rows: 80, mismatchedRows: 0, totalsMatch: true });
        // The returned letter still counts (tab B's kept events lacked it when it replayed the row).
        expect(await c.status(datasetId, 5)).not.toEqual({ phase: 'pending', slot: 0, retries: 0, exclusion: null });
      });
      // And tab A, folding after tab B wrote, too.
      await a.undo(datasetId, (await a.recordOutcome(datasetId, 6, 'failed', 'no-answer', ''))!.id);
      await fresh(async (c) => expect(await checkFold(c, datasetId)).toEqual({ rows: 80, mismatchedRows: 0, totalsMatch: true }));
    } finally {
      b.dispose();
      await tabB.store.close();
      a.dispose();
      await storeA.close();
      other.close();
    }
  });
});
