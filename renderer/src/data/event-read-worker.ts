/**
 * Opening many events off the screen's thread (event-reader.ts): a customer list's contact
 * events — tens of thousands in a busy incident — read, decrypted and parsed here, so a call
 * result recorded meanwhile is stored and shown at once. The key arrives with each request
 * as a CryptoKey that cannot be exported, and is dropped when the request is answered.
 */
import { HonbuDb } from './db';
import { readReadableOfTypes, type ReadableEvents } from './typed-events';
import { serveCalls } from './worker-calls';

export interface EventReadRequest {
  dbName: string;
  key: CryptoKey;
  incidentId: string | null | undefined;
  types: string[];
}

export type EventReadCalls = { read: { args: EventReadRequest; result: ReadableEvents } };

let db: HonbuDb | null = null;

serveCalls<EventReadCalls>({
  read({ dbName, key, incidentId, types }) {
    db ??= new HonbuDb(dbName);
    return readReadableOfTypes(db, key, incidentId, types);
  },
});
