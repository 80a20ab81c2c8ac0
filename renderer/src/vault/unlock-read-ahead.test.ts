/**
 * Unlocking reads the first screen's rows from disk while Argon2id runs, still sealed; once
 * the key is there only their opening is left. Nothing is opened before the key, nothing
 * read ahead outlives a lock or a wrong passphrase, and a commit makes the screens read the
 * tables again rather than take rows older than them.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { firstReportArgs } from '../data/test-drafts';
import { BUILTIN_TEMPLATES } from '../../../shared/boards/scenarios';
import { tasks } from '../boards/tasks-store';
import { HonbuDb } from '../data/db';
import { dispatch } from '../data/dispatch';
import type { EventStore } from '../data/event-store';
import { readAhead, readAheadHeld } from '../data/table-reader';
import { tables } from '../data/tables';
import { focusIncident, partsLoaded } from '../incidents/open-incident';
import { useNav } from '../shell/nav-store';
import { database, useSession } from './session-store';

const PASS = 'correct horse battery staple';

// Test files run in threads of one process, each on its own fake IndexedDB, and a
// BroadcastChannel reaches every thread: another file's commits would be heard as another
// tab's writes and drop this file's reads ahead (data/table-reader.ts).
vi.stubGlobal('BroadcastChannel', undefined);

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('unlocking onto an open incident', () => {
  it('reads the board’s sealed rows before the key exists, and not again after it', async () => {
    await useSession.getState().create(PASS, '山田 花子');
    const id = await dispatch('incident.file-first-report', firstReportArgs());
    useSession.getState().lock('manual');
    useNav.getState().openIncident(id, 'board');

    // The order of what happens: each read of the tasks table from disk, and the unlock's end.
    const log: string[] = [];
    const rows = HonbuDb.prototype.rows;
    vi.spyOn(HonbuDb.prototype, 'rows').mockImplementation(function (this: HonbuDb, name: string) {
      if (name === tables.tasks.name) log.push('read tasks');
      return rows.call(this, name);
    });
    const stop = useSession.subscribe((s) => s.status === 'unlocked' && log.push('unlocked'));

    expect(await useSession.getState().unlock(PASS)).toBe(true);
    // As the board does when it mounts.
    focusIncident(id);
    await partsLoaded(['tasks']);
    stop();

    expect(tasks.use.getState().rows.length).toBe(BUILTIN_TEMPLATES[0]!.tasks.length);
    // Read once, while the key was being derived; the board took it instead of reading again.
    expect(log).toEqual(['read tasks', 'unlocked']);

    // A lock drops whatever was read ahead and not taken (the workspace's other lists).
    useSession.getState().lock('manual');
    expect(readAheadHeld()).toBe(0);

    // A wrong passphrase keeps nothing either.
    expect(await useSession.getState().unlock('wrong passphrase')).toBe(false);
    expect(readAheadHeld()).toBe(0);
  }, 60_000);

  it('reads the table again when a commit came after the rows were read ahead', async () => {
    expect(await useSession.getState().unlock(PASS)).toBe(true);
    const store = useSession.getState().store as EventStore;
    const id = useNav.getState().incidentId!;
    readAhead(database(), tables.tasks.name, 'incidentId', id);
    await dispatch('boards.add-task', { incidentId: id, phase: 'direction', title: '後から足した作業' });
    const read = await store.table(tables.tasks).where('incidentId', id);
    expect(read.map((t) => t.title)).toContain('後から足した作業');
    useSession.getState().lock('manual');
  }, 60_000);
});
