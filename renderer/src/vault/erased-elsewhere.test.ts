/**
 * Erased in another window: this window's database is closed for good, so nothing it still
 * writes (a sync, a background job) makes the erased workspace anew, and its session ends at
 * setup, saying why (a reviewer's finding: Dexie's own handler reopened it on the next write).
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { database, useSession } from './session-store';

describe('the workspace erased in another window', () => {
  it('refuses every later write here, and the database stays gone', async () => {
    const db = database();
    await db.open();
    await db.prefs.put({ key: 'lang', value: 'ja' });
    // Another window deletes it (its erase).
    await Dexie.delete(db.name);
    await expect(db.prefs.put({ key: 'lang', value: 'en' })).rejects.toThrow(/closed/i);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(db.name);
    expect(useSession.getState()).toMatchObject({ status: 'setup', lockReason: 'erased' });
    // A new workspace here opens a new database, not the closed one.
    expect(database()).not.toBe(db);
  });
});
