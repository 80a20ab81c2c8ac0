/**
 * The import worker crashed (out of memory on a huge file): the import fails, but the
 * person is not stuck until they lock and unlock again. The next file they choose is read
 * and imported by a fresh worker. A lock, by contrast, ends the worker for good.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { StoreClosedError } from '../data/store-contract';
import { FakeWorker } from '../data/test-worker';
import { serveCalls, WorkerFailed } from '../data/worker-calls';
import { ImportClient } from './import-client';
import { peekFile } from './import-pipeline';
import type { ImportCalls } from './import-protocol';
import { csvText, HEADER } from './test-data';
import { dropTestDatabases, openTestEngine } from './test-engine';

/** The first import worker crashes on its first call; the ones after serve peeks. */
class FlakyWorker extends FakeWorker {
  static made: FlakyWorker[] = [];
  private readonly crashes: boolean;
  constructor() {
    super((scope) =>
      serveCalls<ImportCalls>({ peek: (m) => peekFile(m.file, m.encoding, m.rows, m.delimiter), import: () => Promise.reject(new Error('not in this test')) }, scope),
    );
    this.crashes = FlakyWorker.made.length === 0;
    FlakyWorker.made.push(this);
  }
  override postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (this.crashes) {
      this.received.push(message);
      setTimeout(() => this.crash('Uncaught RangeError: Array buffer allocation failed'), 5);
    } else super.postMessage(message, transfer);
  }
}

afterEach(async () => {
  vi.unstubAllGlobals();
  FlakyWorker.made = [];
  await dropTestDatabases();
});

describe('after the import worker crashed', () => {
  it('the next file is read by a fresh worker, not refused until the next unlock', async () => {
    const { engine } = await openTestEngine();
    vi.stubGlobal('Worker', FlakyWorker);
    const client = new ImportClient(engine);
    const file = new Blob([csvText(5)]);
    const run = client.start(file, { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')) });
    await expect(run.done).rejects.toBeInstanceOf(WorkerFailed);
    const peek = await client.peek(file);
    expect(peek.header).toEqual(HEADER.split(','));
    expect(FlakyWorker.made).toHaveLength(2);
    expect(FlakyWorker.made[0]!.terminated).toBe(true);
    // The lock ends it for good.
    client.terminate();
    await expect(client.peek(file)).rejects.toBeInstanceOf(StoreClosedError);
    expect(FlakyWorker.made).toHaveLength(2);
    expect(FlakyWorker.made[1]!.terminated).toBe(true);
    engine.dispose();
  });
});
