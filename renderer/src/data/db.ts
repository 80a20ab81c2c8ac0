/**
 * The Dexie database of one workspace. Every table except meta and prefs holds sealed
 * payloads (AES-GCM): only ids, clocks, event types and states are readable on disk.
 */
import Dexie, { type Table } from 'dexie';
import { MIGRATIONS } from './migrations';

export const DEFAULT_DB_NAME = 'honbu';

/** Sentinel for workspace-level events: IndexedDB cannot index null in a compound key (no event may name it: shared/events/event.ts). */
export { NO_INCIDENT } from '../../../shared/events/event';

/**
 * An event at rest: its payload sealed on its own (`sealed`), or — events stored in a batch
 * (decision 038) — in an event pack (`pack`, the pack's id) with the other events of its
 * batch of the same incident and type.
 */
export type StoredEvent = {
  id: string;
  incidentId: string;
  at: string;
  actor: string;
  type: string;
} & (
  | {
      sealed: Uint8Array;
      pack?: undefined;
      /**
       * 2: sealed with its clear fields (id, incident, type, clock, actor) as associated data
       * (decision 040), so a record moved or relabelled on disk no longer opens. 3: the same,
       * its payload's long lists of integers kept apart as integers (decision 049, a batch's
       * rows). Absent: sealed before, binding its id only.
       */
      v?: 2 | 3;
    }
  | { pack: string; sealed?: undefined; v?: undefined }
);

/** The payloads of events of one incident and type stored together (decision 038), sealed as one value. */
export interface StoredEventPack {
  id: string;
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

export class HonbuDb extends Dexie {
  meta!: Table<MetaRecord, string>;
  prefs!: Table<MetaRecord, string>;
  events!: Table<StoredEvent, string>;
  errors!: Table<StoredError, string>;

  constructor(name = DEFAULT_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const m of MIGRATIONS) {
      const v = this.version(m.version).stores(m.stores);
      if (m.upgrade) v.upgrade(m.upgrade);
    }
  }

  /** The `event-packs` table is not named like a property: Dexie binds tables by their names. */
  get packs(): Table<StoredEventPack, string> {
    return this.table('event-packs');
  }

  rows(table: string): Table<StoredRow, string> {
    return this.table(table);
  }
}
