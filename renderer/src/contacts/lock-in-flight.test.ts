/**
 * Locking while contact work is still being written: the writes queued before the lock land
 * (an edit saved a moment before is kept), and so they must land folded — the customers'
 * statuses, totals and chart after the next unlock equal a full fold of the events.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_EVENT_TYPES as C } from '../../../shared/contacts/events';
import { decodeHlc, encodeHlc } from '../../../shared/events/hlc';
import type { AnyEvent } from '../../../shared/events/registry';
import { unlockWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { checkFold } from './fold-check';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

describe('a lock while contact events are being written', () => {
  it('folds the events queued before it, so the list still equals a full fold after unlocking', async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(80));
    // A colleague's returned-mail list arrives by sync; the laptop locks (idle timer) meanwhile.
    const returned: AnyEvent = {
      id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall: Date.now() + 1_000, counter: 0, node: 'laptop-b' }), actor: 'kimura',
      type: C.outcomesRecorded, payload: { datasetId, channel: 'post', source: 'returned-mail', rows: [3, 9, 27], outcomes: ['failed', 'failed', 'reached'], reasons: ['refused', 'unclaimed', ''] },
    };
    const arriving = store.applyRemote([returned]);
    // The session's lock: the contact engine goes first, the store closes last (session-lifetime.ts).
    engine.dispose();
    await store.close();
    expect(await arriving).toHaveLength(1);

    const again = await unlockWorkspace(db, 'correct horse battery staple');
    const reopened = await ContactEngine.open(again.store);
    try {
      expect((await reopened.status(datasetId, 27)).phase).toBe('reached');
      expect(await checkFold(reopened, datasetId)).toEqual({ rows: 80, mismatchedRows: 0, totalsMatch: true });
      expect((await reopened.series(datasetId)).map((p) => p.totals.byPhase.reached)).toEqual([1]);
    } finally {
      reopened.dispose();
      await again.store.close();
    }
  });

  it('folds a queued result that arrived out of clock order (its fold reads the list\'s events) instead of losing it', async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(80));
    const [mine] = await store.append([{ type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'phone', source: 'manual', rows: [5], outcomes: ['reached'], reasons: [''] } }]);
    // A colleague's result from before that one (they were offline): folding it replays the list.
    const late: AnyEvent = {
      id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall: decodeHlc(mine!.at).wall - 1, counter: 0, node: 'laptop-b' }), actor: '木村',
      type: C.outcomesRecorded, payload: { datasetId, channel: 'post', source: 'returned-mail', rows: [9], outcomes: ['reached'], reasons: [''] },
    };
    const arriving = store.applyRemote([late]);
    engine.dispose();
    await store.close();
    expect(await arriving).toHaveLength(1);

    const again = await unlockWorkspace(db, 'correct horse battery staple');
    const reopened = await ContactEngine.open(again.store);
    try {
      expect((await reopened.status(datasetId, 9)).phase).toBe('reached');
      expect(await checkFold(reopened, datasetId)).toEqual({ rows: 80, mismatchedRows: 0, totalsMatch: true });
    } finally {
      reopened.dispose();
      await again.store.close();
    }
  });
});
