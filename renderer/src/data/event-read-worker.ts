/**
 * Opening many events off the screen's thread (event-reader.ts): a customer list's contact
 * events — tens of thousands in a busy incident — read, decrypted and parsed here, so a call
 * result recorded meanwhile is stored and shown at once. The key arrives with each request
 * as a CryptoKey that cannot be exported, and is dropped when the request is answered.
 */
import { serveEventReads } from './event-read-serve';

serveEventReads();
