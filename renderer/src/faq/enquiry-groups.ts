/**
 * The enquiry log's groups, off the page's thread and kept for the session (decision 030,
 * addendum 3). A grouping worker (grouping-worker.ts) holds one IncrementalGrouping per
 * incident; this side decides what changed and shows the newest groups it has:
 *
 * - When enquiries are only added (typed in, imported from the call centre), the new ones
 *   are sent in time order and each is placed in its group; anything else — an enquiry
 *   edited or removed, its vendor category changed — groups the whole log again (only what
 *   changed crosses to the worker, which keeps the log it was sent).
 * - A screen that mounts again with the same enquiries gets the groups kept, and nothing is
 *   sent; every screen of the incident (groups, figures, the executive page) shares them.
 * - While a request runs, the screen keeps the groups it had (or, the first time, shows that
 *   the log is being grouped, with progress). An answer older than one already shown is
 *   dropped, so a newer result is never replaced by a stale one.
 * - One grouping per unlocked workspace (session-lifetime.ts): the lock ends the worker, and
 *   with it every enquiry's text it held. Where no worker can start (unit tests), or the
 *   worker fails, the same code (grouping-host.ts) runs in place.
 */
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { JapaneseAnalyser } from '../../../shared/faq/analyser';
import type { Group, GroupItem } from '../../../shared/faq/grouping';
import type { Enquiry } from '../../../shared/faq/model';
import { Moves, movableOf, withMoves } from '../../../shared/faq/moved-groups';
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import { StoreClosedError } from '../data/store-contract';
import { WorkerCalls, WorkerFailed, WorkerUnavailable } from '../data/worker-calls';
import { reportError } from '../errors/report';
import { loadFaqAnalyser } from './analyser';
import { GroupingHost, NO_GROUPING, type GroupingCalls, type GroupingProgress, type GroupingReply, type GroupingRequest } from './grouping-host';

export interface GroupsView {
  /** The newest groups received; null until the first grouping of the log answers. */
  groups: Group[] | null;
  /** A request is under way (the groups shown may be about to change). */
  busy: boolean;
  /** How far the analysis of a grouping under way has gone. */
  progress: { done: number; total: number } | null;
  /** The grouping's dictionary: readings are used once it is ready. */
  dictionary: 'loading' | 'ready' | 'failed';
  /**
   * The whole log could not be grouped (the groups shown, if any, are older than the log):
   * the next change to the log tries again.
   */
  failed: boolean;
}

const IDLE: GroupsView = { groups: null, busy: false, progress: null, dictionary: 'loading', failed: false };

interface KeyState {
  /** The items last given (a screen's memo): the same array again is nothing new. */
  items: readonly GroupItem[] | null;
  /** id → what it was placed by, as the host holds it; null: nothing sent yet (or lost). */
  placed: Map<string, Placed> | null;
  /** Seq of the newest request sent, and of the answer shown. */
  sent: number;
  shown: number;
  /**
   * Seq of the newest request that groups the whole log (a regroup or a change): its progress
   * is what the screen shows, even while an add sent after it waits (an add reports none).
   */
  whole: number;
  view: GroupsView;
  listeners: Set<() => void>;
}

/** What an enquiry was placed by: its text and the vendor's category (a change to either regroups). */
type Placed = Pick<GroupItem, 'text' | 'category'>;
const placedAs = (item: GroupItem): Placed => ({ text: item.text, category: item.category ?? '' });
const samePlace = (a: Placed, item: GroupItem): boolean => a.text === item.text && a.category === (item.category ?? '');

const byTime = (a: GroupItem, b: GroupItem): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Only the fields grouping reads cross to the worker. */
const plain = (i: GroupItem): GroupItem => (i.category === undefined ? { id: i.id, text: i.text, at: i.at } : { id: i.id, text: i.text, at: i.at, category: i.category });

export interface EnquiryGroupingOptions {
  /** Starts the worker; throws where there is none (the default in Node). */
  start?: () => Worker;
  /** The dictionary when grouping in place (default: the page's, analyser.ts). */
  loadAnalyser?: () => Promise<JapaneseAnalyser>;
}

export class EnquiryGrouping implements Disposable {
  private readonly calls: WorkerCalls<GroupingCalls>;
  private inPlace: GroupingHost | null = null;
  private readonly keys = new Map<string, KeyState>();
  private closed = false;
  /** Requests sent (regroups and adds), for tests and the bench. */
  requests = { regroup: 0, change: 0, add: 0 };

  constructor(private readonly options: EnquiryGroupingOptions = {}) {
    this.calls = new WorkerCalls<GroupingCalls>(
      options.start ?? (() => new Worker(new URL('./grouping-worker.ts', import.meta.url), { type: 'module', name: 'enquiry-grouping' })),
      { name: 'enquiry grouping', report: (e) => reportError(e, 'background') },
    );
  }

  /** The log of incident `key` is now `items`: sends what changed, if anything. */
  update(key: string, items: readonly GroupItem[]): void {
    if (this.closed) return;
    const st = this.state(key);
    if (st.items === items) return;
    st.items = items;
    const d = this.changes(st, items);
    if (d === null) this.send(key, st, 'regroup', items.map(plain));
    else if (d.changed.length > 0 || d.removed.length > 0) this.send(key, st, 'change', [...d.changed, ...d.fresh].map(plain), d.removed);
    else if (d.fresh.length > 0) this.send(key, st, 'add', d.fresh.sort(byTime).map(plain));
  }

  view(key: string): GroupsView {
    return this.keys.get(key)?.view ?? IDLE;
  }

  subscribe(key: string, listener: () => void): () => void {
    const st = this.state(key);
    st.listeners.add(listener);
    return () => st.listeners.delete(listener);
  }

  /** Ends the worker (and every enquiry's text it held) and forgets every group. */
  dispose(): void {
    this.closed = true;
    this.calls.dispose();
    this.inPlace?.close();
    const keys = [...this.keys.values()];
    this.keys.clear();
    for (const st of keys) {
      st.view = IDLE;
      for (const l of st.listeners) l();
    }
  }

  private state(key: string): KeyState {
    let st = this.keys.get(key);
    if (!st) {
      st = { items: null, placed: null, sent: 0, shown: 0, whole: 0, view: IDLE, listeners: new Set() };
      this.keys.set(key, st);
    }
    return st;
  }

  /** What changed since the last request, or null when nothing was sent yet. */
  private changes(st: KeyState, items: readonly GroupItem[]): { fresh: GroupItem[]; changed: GroupItem[]; removed: string[] } | null {
    const placed = st.placed;
    if (placed === null) return null;
    const fresh: GroupItem[] = [];
    const changed: GroupItem[] = [];
    let kept = 0;
    for (const item of items) {
      const was = placed.get(item.id);
      if (was === undefined) fresh.push(item);
      else {
        kept++;
        if (!samePlace(was, item)) changed.push(item);
      }
    }
    const removed: string[] = [];
    if (kept < placed.size) {
      const ids = new Set(items.map((i) => i.id));
      for (const id of placed.keys()) if (!ids.has(id)) removed.push(id);
    }
    return { fresh, changed, removed };
  }

  private send(key: string, st: KeyState, kind: GroupingRequest['kind'], items: GroupItem[], removed: string[] = []): void {
    const seq = ++st.sent;
    if (kind === 'regroup') st.placed = new Map();
    for (const id of removed) st.placed!.delete(id);
    for (const item of items) st.placed!.set(item.id, placedAs(item));
    this.requests[kind]++;
    // An add placed after a whole grouping still under way keeps that grouping's progress on screen.
    if (kind !== 'add') st.whole = seq;
    this.set(st, { ...st.view, busy: true, progress: kind === 'add' && st.shown < st.whole ? st.view.progress : null });
    const onProgress = (p: GroupingProgress) => {
      if (p.seq === st.whole && p.seq > st.shown && this.keys.get(key) === st) this.set(st, { ...st.view, progress: { done: p.done, total: p.total } });
    };
    this.run({ key, seq, kind, items, ...(removed.length > 0 ? { removed } : {}) }, onProgress).then(
      (reply) => this.answered(key, st, reply),
      (error: unknown) => this.failed(key, st, seq, kind, error),
    );
  }

  private answered(key: string, st: KeyState, reply: GroupingReply): void {
    if (this.keys.get(key) !== st || reply.superseded || reply.seq <= st.shown) return;
    st.shown = reply.seq;
    const done = reply.seq === st.sent;
    this.set(st, { groups: reply.groups, busy: !done, progress: reply.seq >= st.whole ? null : st.view.progress, dictionary: reply.dictionary, failed: false });
  }

  private failed(key: string, st: KeyState, seq: number, kind: GroupingRequest['kind'], error: unknown): void {
    if (this.closed || error instanceof StoreClosedError || this.keys.get(key) !== st) return;
    // The worker stopped, or it holds no grouping to add to: the work can be done again.
    const lost = error instanceof WorkerFailed || (error instanceof Error && error.message === NO_GROUPING);
    // The worker stopped: the same work in place from now on.
    if (error instanceof WorkerFailed) this.inPlace ??= this.host();
    else if (!lost) reportError(error instanceof Error ? error : new Error(String(error)), 'background');
    // Only the newest request is sent again, as the whole log (the host may hold less than sent).
    if (seq !== st.sent || st.items === null) return;
    st.placed = null;
    // The whole log could not be grouped: grouping it again would fail the same way, over and
    // over. Stop and say so; the next change to the log (st.placed is gone) tries again.
    if (kind === 'regroup' && !lost) {
      this.set(st, { groups: st.view.groups ?? [], busy: false, progress: null, dictionary: st.view.dictionary, failed: true });
      return;
    }
    this.send(key, st, 'regroup', st.items.map(plain));
  }

  private run(req: GroupingRequest, onProgress: (p: GroupingProgress) => void): Promise<GroupingReply> {
    if (this.inPlace) return this.inPlace.group(req, { progress: onProgress });
    return this.calls.call('group', req, { onProgress }).catch((error: unknown) => {
      // No worker here (Node): this request and every later one in place.
      if (!(error instanceof WorkerUnavailable)) throw error;
      this.inPlace ??= this.host();
      return this.inPlace.group(req, { progress: onProgress });
    });
  }

  private host(): GroupingHost {
    return new GroupingHost(this.options.loadAnalyser ?? loadFaqAnalyser);
  }

  private set(st: KeyState, view: GroupsView): void {
    st.view = view;
    for (const l of st.listeners) l();
  }
}

// ---- The session's grouping ---------------------------------------------------------------

let current: EnquiryGrouping | null = null;
const sessionListeners = new Set<() => void>();

/** Opens the unlocked workspace's grouping (session-lifetime.ts); disposing it is the lock's. */
export function openEnquiryGrouping(options?: EnquiryGroupingOptions): Disposable {
  const grouping = new EnquiryGrouping(options);
  current?.dispose();
  current = grouping;
  for (const l of sessionListeners) l();
  return toDisposable(() => {
    grouping.dispose();
    if (current === grouping) current = null;
    for (const l of sessionListeners) l();
  });
}

/** The open workspace's grouping, if one is open. */
export function enquiryGrouping(): EnquiryGrouping | null {
  return current;
}

const noSubscription = () => () => undefined;

/** The groups of incident `key`'s log `items`, kept for the session and made off the page's thread. */
export function useEnquiryGroups(key: string, items: readonly GroupItem[]): GroupsView {
  const grouping = useSyncExternalStore(
    (l) => {
      sessionListeners.add(l);
      return () => sessionListeners.delete(l);
    },
    () => current,
    () => current,
  );
  useEffect(() => grouping?.update(key, items), [grouping, key, items]);
  const subscribe = useCallback((l: () => void) => (grouping ? grouping.subscribe(key, l) : noSubscription()), [grouping, key]);
  const snapshot = () => grouping?.view(key) ?? IDLE;
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

export interface IncidentGroups extends GroupsView {
  /** What was grouped: each enquiry's question, time and vendor category. */
  items: readonly GroupItem[];
  /** The moves people made (moved-groups.ts), already applied to `groups`. */
  moves: Moves;
  /** The group the grouping itself puts an enquiry in (its id), moves aside. */
  homeOf: (enquiryId: string) => string | undefined;
}

/**
 * An incident's enquiry groups as every screen shows them: the automatic grouping, with the
 * enquiries people moved to another group laid over it (decision 030, addendum 4). A move
 * never regroups: only the question, time and category cross to the grouping.
 */
export function useIncidentGroups(incidentId: string, enquiries: readonly Enquiry[]): IncidentGroups {
  const items = useMemo(() => enquiries.map((e) => ({ id: e.id, text: e.question, at: e.at, category: e.category })), [enquiries]);
  const view = useEnquiryGroups(incidentId, items);
  const moves = useMemo(() => new Moves(enquiries.map(movableOf)), [enquiries]);
  const groups = useMemo(() => view.groups && withMoves(view.groups, moves), [view.groups, moves]);
  const homeOf = useMemo(() => {
    const home = new Map<string, string>();
    for (const g of view.groups ?? []) for (const id of g.memberIds) home.set(id, g.id);
    return (id: string) => home.get(id);
  }, [view.groups]);
  return { ...view, groups, items, moves, homeOf };
}
