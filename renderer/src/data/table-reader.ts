/**
 * Typed reads of one projection table (data/tables.ts): rows are opened with the workspace
 * key and come back as the fold's row type. A read takes the key when it starts: one under
 * way at the lock finishes (its result is dropped by the screen that asked), one started
 * after it is refused (StoreClosedError, from `key()`).
 */
import { openJson } from '../../../shared/vault/cipher';
import type { HonbuDb, StoredRow } from './db';

type Row = { id: string };

export interface TableReader<R extends Row, Index extends string> {
  get(id: string): Promise<R | undefined>;
  /** Rows by id, in the order asked; undefined where there is none (deleted, or never made). */
  getMany(ids: readonly string[]): Promise<(R | undefined)[]>;
  /** Every row. Bulk tables (customers) never come through here. */
  all(): Promise<R[]>;
  /** Rows whose clear index field equals a value (e.g. the tasks of one incident). */
  where(index: Index, value: string | number): Promise<R[]>;
}

export const rowAad = (table: string, id: string) => `${table}:${id}`;

/** Reads of the table `name`, whose rows are R (the caller's TableRef ties the two: data/tables.ts). */
export function tableReader<R extends Row, Index extends string>(db: HonbuDb, key: () => CryptoKey, name: string): TableReader<R, Index> {
  const table = () => db.rows(name);
  const open = (k: CryptoKey, s: StoredRow) => openJson<R>(k, s.sealed, rowAad(name, s.id));
  return {
    async get(id) {
      const k = key();
      const stored = await table().get(id);
      return stored ? open(k, stored) : undefined;
    },
    async getMany(ids) {
      const k = key();
      const stored = await table().bulkGet([...ids]);
      return Promise.all(stored.map((s) => (s ? open(k, s) : undefined)));
    },
    async all() {
      const k = key();
      const stored = await table().toArray();
      return Promise.all(stored.map((s) => open(k, s)));
    },
    async where(index, value) {
      const k = key();
      const stored = await table().where(index).equals(value).toArray();
      return Promise.all(stored.map((s) => open(k, s)));
    },
  };
}
