/**
 * What the event store tells its listeners after each commit (EventStore.subscribe). Apart
 * from the store so that stores and views can read notices without importing the store.
 */
import type { AnyEvent } from '../../../shared/events/registry';
import type { TableRef } from './tables';

/** Where events came from: appended here, or received from another laptop. */
export type EventOrigin = 'local' | 'remote';

/** A table's rows a commit wrote or deleted. An empty set: which rows is not known — re-read what you show of it. */
export type Touched = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * What one commit changed, told to every listener once it is on disk: its events (opened,
 * in the order they were folded), whether they were written here or came from another
 * laptop, and per table the ids of the rows it touched. A store re-reads only those rows
 * (or appends the events it is handed) instead of reading everything again.
 */
export interface ChangeNotice {
  readonly events: readonly AnyEvent[];
  readonly origin: EventOrigin;
  readonly touched: Touched;
  /**
   * The rows of the projection tables as this commit wrote them (null: deleted), opened: a
   * store showing them takes them from here instead of reading and opening them again.
   * Of bulk tables (the contact tracker's), only what their projection hands over (the
   * running totals and the chart's records: counts); a touched id not in it is read.
   */
  readonly rows?: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
}

/** The ids a notice touched in one table; undefined when it left the table alone. */
export function touchedIn(notice: ChangeNotice, table: string | TableRef): ReadonlySet<string> | undefined {
  return notice.touched.get(typeof table === 'string' ? table : table.name);
}
