/**
 * The background check that the dashboard's figures equal a fold of the events reads the
 * statuses, the totals and the events as of one moment: a colleague's results arriving by
 * sync while it reads must not make it report figures that differ (a false alarm that
 * would stand on the dashboard for ten minutes).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_EVENT_TYPES as C } from '../../../shared/contacts/events';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyEvent } from '../../../shared/events/registry';
import { checkFold } from './fold-check';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

describe('the fold check', () => {
  it('reports the figures equal while results arrive from another laptop during the check', async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(2_400));
    const start = Date.now() + 1_000;
    for (let k = 0; k < 4; k++) {
      const bounced: AnyEvent = {
        id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall: start + k, counter: 0, node: 'laptop-b' }), actor: 'kimura',
        type: C.outcomesRecorded, payload: { datasetId, channel: 'post', source: 'returned-mail', rows: [k * 500 + 7, k * 500 + 8], outcomes: ['failed', 'reached'], reasons: ['moved-no-forwarding', ''] },
      };
      const [check] = await Promise.all([checkFold(engine, datasetId), store.applyRemote([bounced])]);
      expect(check, `burst ${k}`).toEqual({ rows: 2_400, mismatchedRows: 0, totalsMatch: true });
    }
  });
});
