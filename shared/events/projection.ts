/**
 * A projection is a pure fold: for each event, which rows it touches and how each row
 * changes. The store runs it inside the append transaction; tests run it on arrays.
 * Folds never read the clock or the network — only the event.
 */
import type { HonbuEvent } from './event';

export interface ProjectionSpec<Row extends { id: string }> {
  /** Dexie table that holds the rows. */
  table: string;
  /** Row ids this event changes (empty when the event is not for this projection). */
  keys(event: HonbuEvent): string[];
  /** The row after the event; null deletes it. */
  reduce(row: Row | undefined, event: HonbuEvent, key: string): Row | null;
  /**
   * Fields stored in clear beside the sealed row so the table can be queried. Only
   * non-personal values (ids, states, timestamps) may go here.
   */
  index(row: Row): Record<string, string | number>;
  /**
   * The event types it folds, when it folds only a few: a table added later is built from
   * the events already stored by opening only these (see the store's rebuild of one table).
   */
  types?: readonly string[];
}

export type AnyProjection = ProjectionSpec<{ id: string }>;

/** Folds events into rows in memory: the reference the stored projections must equal. */
export function foldAll<Row extends { id: string }>(
  spec: ProjectionSpec<Row>,
  events: Iterable<HonbuEvent>,
): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const event of events) {
    for (const key of spec.keys(event)) {
      const next = spec.reduce(rows.get(key), event, key);
      if (next === null) rows.delete(key);
      else rows.set(key, next);
    }
  }
  return rows;
}

/**
 * Last-writer-wins merge of a patch into a row, per field, by HLC. Events from several
 * laptops can then be folded in any order and reach the same row.
 */
export interface Stamped {
  /** Field name → HLC of the event that last set it. */
  stamps: Record<string, string>;
}

export function mergeLww<Row extends Stamped>(row: Row, patch: Partial<Omit<Row, 'stamps'>>, at: string): Row {
  const next = { ...row, stamps: { ...row.stamps } };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const prev = row.stamps[field];
    if (prev === undefined || prev < at) {
      (next as unknown as Record<string, unknown>)[field] = value;
      next.stamps[field] = at;
    }
  }
  return next;
}
