/**
 * What the event-reader worker serves (event-read-worker.ts starts it; event-reader.ts calls
 * it): events of some types read and opened, their long lists moved as Int32Arrays
 * (event-wire.ts). Apart from the worker's script so that tests serve it on a stand-in.
 */
import { HonbuDb } from './db';
import { listsToWire } from './event-wire';
import { readReadableOfTypes, type ReadableEvents } from './typed-events';
import { serveCalls, type WorkerScope } from './worker-calls';

export interface EventReadRequest {
  dbName: string;
  key: CryptoKey;
  incidentId: string | null | undefined;
  types: string[];
}

export type EventReadCalls = { read: { args: EventReadRequest; result: ReadableEvents } };

/** Serves reads on `scope` (the worker's `self` by default), one database opened per worker. */
export function serveEventReads(scope?: WorkerScope): void {
  let db: HonbuDb | null = null;
  serveCalls<EventReadCalls>(
    {
      async read({ dbName, key, incidentId, types }, ctx) {
        db ??= new HonbuDb(dbName);
        // A batch's rows handed over as written at rest (a few runs for a batch of everyone) and
        // moved, not opened here and cloned number by number (event-wire.ts).
        const read = await readReadableOfTypes(db, key, incidentId, types, 'written');
        ctx.transfer(...listsToWire(read));
        return read;
      },
    },
    scope,
  );
}
