/**
 * The Dexie database of one workspace. Every table except meta and prefs holds sealed
 * payloads (AES-GCM): only ids, clocks, event types and states are readable on disk.
 */
import Dexie, { type Table } from 'dexie';
export declare const DEFAULT_DB_NAME = "honbu";
/** Sentinel for workspace-level events: IndexedDB cannot index null in a compound key. */
export declare const NO_INCIDENT = "-";
export interface StoredEvent {
    id: string;
    incidentId: string;
    at: string;
    actor: string;
    type: string;
    sealed: Uint8Array;
}
export interface StoredRow {
    id: string;
    sealed: Uint8Array;
    [index: string]: string | number | Uint8Array;
}
/** One entry of the local error log (renderer/src/errors/error-log.ts). */
export interface StoredError {
    id: string;
    /** ISO time, in clear to order and prune the log. */
    at: string;
    sealed: Uint8Array;
}
export interface MetaRecord {
    key: string;
    value: unknown;
}
export declare class HonbuDb extends Dexie {
    meta: Table<MetaRecord, string>;
    prefs: Table<MetaRecord, string>;
    events: Table<StoredEvent, string>;
    errors: Table<StoredError, string>;
    constructor(name?: string, options?: ConstructorParameters<typeof Dexie>[1]);
    rows(table: string): Table<StoredRow, string>;
}
