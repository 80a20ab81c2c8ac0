import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { customer, csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

describe('preview of a returned-mail list: lines are lines, customers are customers', () => {
  it('one line naming a number two customers share matches one line and two customers', async () => {
    const { engine, db } = await openTestEngine();
    // Row 5 repeats row 3's customer number: one line of the list names both.
    const datasetId = await importText(engine, db, csvText(8, { dupOf: [5, 3] }));
    await engine.markBatchSent(datasetId, (await engine.createBatch({ datasetId, channel: 'post' })).batch.batchId, '2026-11-22T09:00:00.000Z');
    const shared = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [{ customerNo: customer(3).no, outcome: 'failed' }]);
    expect(shared.preview).toMatchObject({ items: 1, matchedItems: 1, notFound: [] });
    expect(shared.preview.matched).toBe(2);
    // The same customer on two lines: two lines matched, one customer.
    const twice = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [
      { customerNo: customer(1).no, outcome: 'failed' },
      { customerNo: customer(1).no, outcome: 'failed' },
      { customerNo: 'NOPE', outcome: 'failed' },
    ]);
    expect(twice.preview).toMatchObject({ items: 3, matchedItems: 2, matched: 1, notFound: [2] });
  });
});
