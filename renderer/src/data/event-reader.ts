/**
 * Reads events of some types in a worker (event-read-worker.ts), for the store's large reads
 * (a customer list's contact events): opening 30,000 sealed events on the screen's thread
 * took seconds in which a call result could neither be stored nor shown. One worker per
 * unlocked store, ended on lock. Where no worker can start (tests in Node) or it fails, the
 * caller reads in place: the events are the same either way.
 */
import { reportError } from '../errors/report';
import type { EventReadCalls } from './event-read-serve';
import { listsFromWire } from './event-wire';
import type { ReadableEvents } from './typed-events';
import { WorkerCalls } from './worker-calls';

/** The worker could not serve: read in place instead. */
export class ReaderUnavailable extends Error {}

export class EventReader {
  private readonly calls: WorkerCalls<EventReadCalls>;

  /** `start`: for tests, a stand-in worker (test-worker.ts) serving event-read-serve.ts. */
  constructor(
    private readonly dbName: string,
    start: () => Worker = () => new Worker(new URL('./event-read-worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.calls = new WorkerCalls<EventReadCalls>(start, {
      name: 'event reader',
      report: (e) => reportError(e, 'background'),
    });
  }

  /**
   * Refused with ReaderUnavailable whatever went wrong (no worker, a crash — reported by the
   * calls — the read failing there, or the lock): every read waiting, and later ones, run in place.
   */
  read(key: CryptoKey, incidentId: string | null | undefined, types: readonly string[]): Promise<ReadableEvents> {
    return this.calls.call('read', { dbName: this.dbName, key, incidentId, types: [...types] }).then(
      // Long lists came as Int32Arrays (event-wire.ts): plain arrays again, as a read in place gives.
      listsFromWire,
      (e: unknown) => {
        throw new ReaderUnavailable(e instanceof Error ? e.message : String(e));
      },
    );
  }

  /** Ends the worker; reads still waiting are refused (the store is closing). */
  dispose(reason: Error): void {
    this.calls.dispose(reason);
  }
}
