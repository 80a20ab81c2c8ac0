/**
 * Opening many events off the screen's thread (event-reader.ts): a customer list's contact
 * events — tens of thousands in a busy incident — read, decrypted and parsed here, so a call
 * result recorded meanwhile is stored and shown at once. The key arrives with each request
 * as a CryptoKey that cannot be exported, and is dropped when the request is answered.
 */
import { HonbuDb } from './db';
import { readEventsOfTypes } from './typed-events';

export interface EventReadRequest {
  id: number;
  dbName: string;
  key: CryptoKey;
  incidentId: string | null | undefined;
  types: string[];
}

let db: HonbuDb | null = null;

self.onmessage = (ev: MessageEvent<EventReadRequest>) => {
  const { id, dbName, key, incidentId, types } = ev.data;
  db ??= new HonbuDb(dbName);
  readEventsOfTypes(db, key, incidentId, types).then(
    (events) => self.postMessage({ id, events }),
    (e: unknown) => self.postMessage({ id, error: e instanceof Error ? e.message : String(e) }),
  );
};
