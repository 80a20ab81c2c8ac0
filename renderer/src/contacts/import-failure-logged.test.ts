/**
 * An import that fails in its worker for a reason that is not the lock (its second, index
 * worker crashed; the disk failed there): the import screen only says it was interrupted,
 * so the fault must reach the error log — once, scrubbed of the customer data its message
 * may quote — or support never learns of it.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { FakeWorker } from '../data/test-worker';
import { serveCalls } from '../data/worker-calls';
import { errorLog } from '../errors/error-log';
import { useErrors } from '../errors/error-store';
import { reportError } from '../errors/report';
import { ImportClient } from './import-client';
import type { ImportCalls } from './import-protocol';
import { csvText, HEADER } from './test-data';
import { dropTestDatabases, openTestEngine } from './test-engine';

class FailingImportWorker extends FakeWorker {
  constructor() {
    super((scope) =>
      serveCalls<ImportCalls>(
        {
          peek: () => Promise.reject(new Error('not in this test')),
          import: () => Promise.reject(new Error('index worker: the worker stopped (Uncaught RangeError: row of 山田 花子 yamada@example.jp)')),
        },
        scope,
      ),
    );
  }
}

afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await dropTestDatabases();
});

describe('an import that fails in its worker', () => {
  it('is logged once, scrubbed, however many places hand the error on', async () => {
    const { engine } = await openTestEngine();
    vi.stubGlobal('Worker', FailingImportWorker);
    const logged = vi.spyOn(errorLog, 'record');
    const shown = useErrors.getState().count;
    const client = new ImportClient(engine);
    const run = client.start(new Blob([csvText(5)]), { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')) });
    const error = await run.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    // The import screen shows 'interrupted' and hands nothing on: the client has logged it.
    expect(logged).toHaveBeenCalledOnce();
    // A screen that does hand it on again does not count twice.
    reportError(error, 'action');
    expect(logged).toHaveBeenCalledOnce();
    const entry = JSON.stringify(logged.mock.calls[0]);
    expect(entry).not.toMatch(/山田|yamada/);
    expect(useErrors.getState().count).toBe(shown + 1);
    client.terminate();
    engine.dispose();
  });
});
