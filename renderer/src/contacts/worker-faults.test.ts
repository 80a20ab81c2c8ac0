/**
 * A worker of the contact tracker that fails mid-call (its script crashes, the browser ends
 * it): the call fails at once instead of leaving the dashboard's check or an import waiting
 * for ever, and the fault is reported once, however many places hand the error on.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeWorker } from '../data/test-worker';
import { WorkerFailed } from '../data/worker-calls';
import { useErrors } from '../errors/error-store';
import { reportError } from '../errors/report';
import { ImportClient } from './import-client';
import { csvText, HEADER } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { guessMapping } from '../../../shared/contacts/validate';

/** The worker under test crashes as soon as it is given a call; the others do not start (their work runs in place). */
class CrashingWorker extends FakeWorker {
  static made: CrashingWorker[] = [];
  static script = '';
  constructor(url: URL) {
    if (!url.pathname.endsWith(CrashingWorker.script)) throw new Error('not started in this test');
    super();
    CrashingWorker.made.push(this);
  }
  override postMessage(message: unknown): void {
    this.received.push(message);
    setTimeout(() => this.crash('Uncaught RangeError: Array buffer allocation failed'), 5);
  }
}

afterEach(async () => {
  vi.unstubAllGlobals();
  CrashingWorker.made = [];
  await dropTestDatabases();
});

/** Resolves with how the promise settled, or 'still waiting' after `ms`. */
const settled = (p: Promise<unknown>, ms = 1_000) =>
  Promise.race([p.then((v) => ({ value: v }), (e: unknown) => ({ error: e })), new Promise((r) => setTimeout(() => r('still waiting'), ms))]);

describe('a contacts worker that crashes mid-call', () => {
  it("fails the dashboard's fold check at once and reports it once", async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(50));
    vi.stubGlobal('Worker', CrashingWorker);
    CrashingWorker.script = '/fold-check-worker.ts';
    const before = useErrors.getState().count;
    // The check is background work: it waits for its turn (3 s after the engine opened, then a
    // quiet moment: data/background-gate.ts) before it reads, then fails as soon as the worker crashes.
    const outcome = (await settled(engine.verifyFold(datasetId), 8_000)) as { error?: unknown };
    expect(outcome.error).toBeInstanceOf(WorkerFailed);
    // The screen's handler (or the window's) is handed the same error: not a second report.
    reportError(outcome.error, 'promise');
    expect(useErrors.getState().count).toBe(before + 1);
    expect(CrashingWorker.made).toHaveLength(1);
    expect(CrashingWorker.made[0]!.terminated).toBe(true);
    expect(CrashingWorker.made[0]!.listeners).toBe(0);
    engine.dispose();
  });

  it('fails an import at once instead of leaving it running for ever', async () => {
    const { engine } = await openTestEngine();
    vi.stubGlobal('Worker', CrashingWorker);
    CrashingWorker.script = '/import-worker.ts';
    const client = new ImportClient(engine);
    const run = client.start(new Blob([csvText(20)]), { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')) });
    const outcome = (await settled(run.done)) as { error?: unknown };
    expect(outcome.error).toBeInstanceOf(WorkerFailed);
    expect(CrashingWorker.made[0]!.terminated).toBe(true);
    client.terminate();
    engine.dispose();
  });
});
