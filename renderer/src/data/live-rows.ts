/**
 * The rows of one projection table that a screen shows — the whole table, the rows of the
 * open incident, or one row — kept current from change notices: a commit that touched some
 * of them re-reads only those (one bulk read), never the table. Each part's store is one of
 * these (incidents/incidents-store.ts, boards/tasks-store.ts, …).
 *
 * A scoped store is focused on a key (the open incident) and loads when first wanted, so a
 * table no screen on show needs is not opened at all; once loaded it stays current until the
 * focus moves or the workspace locks (bind(null) drops every opened row at once).
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ChangeNotice, EventStore } from './event-store';
import { touchedIn } from './change-notice';
import type { TableRef } from './tables';
import type { HonbuDb } from './db';
import { readAhead } from './table-reader';
import { reportError } from '../errors/report';
import { mark } from './trace';

type Row = { id: string };

/** Which rows of the table: all, those whose clear index equals the focus, or the one row whose id is the focus. */
export type Scope<Index extends string> = { kind: 'all' } | { kind: 'where'; index: Index } | { kind: 'row' };

export interface LiveRowsState<R> {
  /** The focus (incident id) the rows are for; null for a workspace-wide table or nothing focused. */
  key: string | null;
  ready: boolean;
  rows: R[];
}

export interface LiveRows<R> {
  use: UseBoundStore<StoreApi<LiveRowsState<R>>>;
  /** Follows this store's notices, or (null) drops everything (lock). */
  bind(store: EventStore | null): void;
  /** Scoped tables: the rows for this key from now on (nothing is read until wanted). */
  focus(key: string | null): void;
  /** Reads the rows of the focus if not read yet. */
  want(): void;
  /** Resolves once the rows of the focus are read (tests, and screens that must wait). */
  loaded(): Promise<void>;
  /** Before the unlock has its key: reads, sealed, the rows this store will first ask for with this focus (data/table-reader.ts). */
  readAhead(db: HonbuDb, key: string | null): void;
}

export function liveRows<R extends Row, Index extends string>(
  ref: TableRef<R, Index>,
  scope: Scope<Index>,
  order?: (a: R, b: R) => number,
  /** Workspace tables are read as soon as they are bound; scoped ones when wanted. */
  eager = scope.kind === 'all',
): LiveRows<R> {
  const use = create<LiveRowsState<R>>(() => ({ key: null, ready: false, rows: [] }));
  let store: EventStore | null = null;
  let unsubscribe: (() => void) | null = null;
  let focusKey: string | null = null;
  let rows = new Map<string, R>();
  /** Bumped by every bind and focus: work started for an older one is dropped. */
  let generation = 0;
  let wanted = false;
  let chain: Promise<void> = Promise.resolve();
  let loading: Promise<void> | null = null;
  /** Touched ids heard while the first read was under way ('all': re-read everything). */
  let heard: Set<string> | 'all' | null = null;

  const inScope = (row: R): boolean => {
    if (scope.kind === 'all') return true;
    if (scope.kind === 'row') return row.id === focusKey;
    return ref.spec.index(row)[scope.index] === focusKey;
  };

  function publish() {
    const list = [...rows.values()];
    if (order) list.sort(order);
    use.setState({ key: focusKey, ready: true, rows: list });
    mark(`published:${ref.name}`);
  }

  async function readAll(s: EventStore): Promise<R[]> {
    const reader = s.table(ref);
    if (scope.kind === 'all') return reader.all();
    if (focusKey === null) return [];
    if (scope.kind === 'row') return (await reader.getMany([focusKey])).filter((r): r is R => r !== undefined);
    return reader.where(scope.index, focusKey);
  }

  function load(): Promise<void> {
    const s = store;
    const g = generation;
    if (!s) return Promise.resolve();
    heard = null;
    loading = (async () => {
      try {
        const all = await readAll(s);
        if (g !== generation) return;
        rows = new Map(all.map((r) => [r.id, r]));
        const missed = heard;
        heard = null;
        loading = null;
        publish();
        if (missed) update(s, g, missed);
      } catch (e) {
        // Work of a focus that moved on, or of a session just locked, is dropped; anything else is a fault.
        if (g === generation) reportError(e, 'background');
      }
    })();
    return loading;
  }

  function update(s: EventStore, g: number, ids: ReadonlySet<string> | 'all', written?: ReadonlyMap<string, unknown>) {
    chain = chain.then(async () => {
      if (g !== generation) return;
      if (written && ids !== 'all' && ids.size > 0 && [...ids].every((id) => written.has(id))) {
        // The commit handed over the rows it wrote: nothing to read or open again.
        for (const id of ids) {
          const row = written.get(id) as R | null;
          if (row && inScope(row)) rows.set(id, row);
          else rows.delete(id);
        }
      } else if (ids === 'all' || ids.size === 0) {
        const all = await readAll(s);
        if (g !== generation) return;
        rows = new Map(all.map((r) => [r.id, r]));
      } else {
        const list = [...ids];
        const fresh = await s.table(ref).getMany(list);
        if (g !== generation) return;
        list.forEach((id, i) => {
          const row = fresh[i];
          if (row && inScope(row)) rows.set(id, row);
          else rows.delete(id);
        });
      }
      publish();
    }).catch((e: unknown) => {
      if (g === generation) reportError(e, 'background');
    });
  }

  function onNotice(notice: ChangeNotice) {
    const ids = touchedIn(notice, ref);
    if (!ids || !store || !wanted) return;
    if (loading) {
      // The read under way may or may not see this commit: read these rows again after it.
      if (heard !== 'all') heard = ids.size === 0 ? 'all' : new Set([...(heard ?? []), ...ids]);
      return;
    }
    if (!use.getState().ready) return;
    update(store, generation, ids, notice.rows?.get(ref.name));
  }

  function reset() {
    generation++;
    rows = new Map();
    loading = null;
    heard = null;
    chain = Promise.resolve();
    wanted = false;
    use.setState({ key: focusKey, ready: false, rows: [] });
  }

  return {
    use,
    bind(next) {
      unsubscribe?.();
      unsubscribe = null;
      store = next;
      if (!next) focusKey = null;
      reset();
      if (!next) return;
      unsubscribe = next.subscribe(onNotice);
      if (eager) {
        wanted = true;
        void load();
      }
    },
    focus(key) {
      if (key === focusKey && scope.kind !== 'all') return;
      focusKey = key;
      reset();
    },
    want() {
      if (wanted || !store) return;
      if (scope.kind !== 'all' && focusKey === null) return;
      wanted = true;
      void load();
    },
    loaded() {
      if (!wanted) this.want();
      return loading ?? chain;
    },
    readAhead(db, key) {
      if (scope.kind === 'all') readAhead(db, ref.name, null, null);
      else if (scope.kind === 'where' && key !== null) readAhead(db, ref.name, scope.index, key);
    },
  };
}
