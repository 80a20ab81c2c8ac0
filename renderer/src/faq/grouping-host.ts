/**
 * Where the enquiry log is grouped: in the grouping worker (grouping-worker.ts), or in
 * place where no worker can start (unit tests). It holds one IncrementalGrouping per
 * incident for the session and loads its own dictionary analyser before the first grouping
 * (without readings if it cannot load or has not arrived within a minute, as the screens did
 * before, or if it breaks while grouping: the whole log is grouped again without it).
 *
 * The page (enquiry-groups.ts) decides what changed, as nextGrouping did: new enquiries only
 * ("add", placed one at a time), or anything else ("change": only what changed crosses, and
 * the whole log is grouped again, as groupQuestions would). Requests run one at a time, in
 * the order sent; one whose groups a later request makes again is skipped (`superseded`).
 */
import type { JapaneseAnalyser } from '../../../shared/faq/analyser';
import { IncrementalGrouping, type Group, type GroupItem } from '../../../shared/faq/grouping';
import type { CallContext } from '../data/worker-calls';

export interface GroupingRequest {
  /** The incident whose log this is. */
  key: string;
  /** Rises with every request for the key; a regroup supersedes every request before it. */
  seq: number;
  /**
   * regroup: `items` is the whole log (a first grouping, or after the worker lost it);
   * change: enquiries were edited or removed — `items` are those new or changed, `removed`
   * the ids gone — and the whole log is grouped again; add: `items` are new enquiries only,
   * in time order, each placed in its group.
   */
  kind: 'regroup' | 'change' | 'add';
  items: GroupItem[];
  removed?: string[];
}

export type DictionaryState = 'ready' | 'failed';

export type GroupingReply = { seq: number; superseded: false; groups: Group[]; dictionary: DictionaryState } | { seq: number; superseded: true };

export interface GroupingProgress {
  seq: number;
  done: number;
  total: number;
}

export type GroupingCalls = {
  group: { args: GroupingRequest; result: GroupingReply; progress: GroupingProgress };
};

/** An add for an incident the host holds no grouping of (the page then regroups). */
export const NO_GROUPING = 'grouping: no grouping to add to';

/** How long the first grouping waits for the dictionary (13 MB, fetched and compiled). */
export const DICTIONARY_WAIT_MS = 60_000;

export class GroupingHost {
  /** Per incident, the log as the page sent it and its grouping (null while a later request will make it). */
  private readonly held = new Map<string, { items: Map<string, GroupItem>; grouping: IncrementalGrouping | null }>();
  /** Per incident, the seq of the newest request received that groups the whole log again. */
  private readonly newestRebuild = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private dictionary: Promise<{ analyser: JapaneseAnalyser | null; state: DictionaryState }> | null = null;
  private closed = false;

  constructor(
    private readonly loadAnalyser: () => Promise<JapaneseAnalyser>,
    /** Lets requests sent meanwhile arrive before the next starts (a macrotask in the worker). */
    private readonly turn: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
    /** How long the first grouping waits for the dictionary before grouping without it. */
    private readonly dictionaryWaitMs = DICTIONARY_WAIT_MS,
  ) {}

  /** Incidents held (tests). */
  get size(): number {
    return this.held.size;
  }

  group(req: GroupingRequest, ctx: Pick<CallContext<GroupingProgress>, 'progress'>): Promise<GroupingReply> {
    if (req.kind !== 'add') this.newestRebuild.set(req.key, Math.max(req.seq, this.newestRebuild.get(req.key) ?? 0));
    const run = this.queue.then(async (): Promise<GroupingReply> => {
      await this.turn();
      if (this.closed) return { seq: req.seq, superseded: true };
      // The log held follows every request, in order, even one whose groups are not made.
      let held = this.held.get(req.key);
      if (req.kind === 'regroup') {
        held = { items: new Map(req.items.map((i) => [i.id, i])), grouping: null };
        this.held.set(req.key, held);
      } else {
        if (!held) throw new Error(NO_GROUPING);
        for (const id of req.removed ?? []) held.items.delete(id);
        for (const item of req.items) held.items.set(item.id, item);
      }
      // A later request groups the whole log again: nothing to make for this one.
      if ((this.newestRebuild.get(req.key) ?? 0) > req.seq) {
        if (req.kind !== 'add') held.grouping = null;
        return { seq: req.seq, superseded: true };
      }
      const { analyser, state } = await this.loadDictionary();
      if (this.closed) return { seq: req.seq, superseded: true };
      const onProgress = (done: number, total: number) => ctx.progress({ seq: req.seq, done, total });
      try {
        if (req.kind === 'add') {
          if (!held.grouping) throw new Error(NO_GROUPING);
          for (const item of req.items) held.grouping.add(item);
        } else {
          held.grouping = null;
          held.grouping = new IncrementalGrouping([...held.items.values()], { analyser, onProgress });
        }
        return { seq: req.seq, superseded: false, groups: held.grouping.groups(), dictionary: state };
      } catch (error) {
        // Never left holding groups that miss what was sent (a later add would build on them).
        held.grouping = null;
        if (analyser === null || (error instanceof Error && error.message === NO_GROUPING)) throw error;
        // The dictionary broke on an enquiry (a wasm analyser can, and then on every later
        // text): without readings from now on, as when it does not load.
        console.warn('FAQ dictionary failed while grouping; grouping without readings', error);
        this.dictionary = Promise.resolve({ analyser: null, state: 'failed' as const });
        held.grouping = new IncrementalGrouping([...held.items.values()], { analyser: null, onProgress });
        return { seq: req.seq, superseded: false, groups: held.grouping.groups(), dictionary: 'failed' };
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Drops every grouping (and so every enquiry's text); later requests are skipped. */
  close(): void {
    this.closed = true;
    this.held.clear();
    this.newestRebuild.clear();
  }

  private loadDictionary(): Promise<{ analyser: JapaneseAnalyser | null; state: DictionaryState }> {
    this.dictionary ??= this.loadWithin().then(
      (analyser) => ({ analyser, state: 'ready' as const }),
      (error: unknown) => {
        console.warn('FAQ dictionary did not load; grouping without readings', error);
        return { analyser: null, state: 'failed' as const };
      },
    );
    return this.dictionary;
  }

  /**
   * The dictionary, or a failure if it has not arrived in time: a download that stalls (the
   * web build's origin out of reach) never settles by itself, and the first grouping would
   * say "grouping…" for ever; it is made without readings instead, as when the dictionary fails.
   */
  private loadWithin(): Promise<JapaneseAnalyser> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the dictionary did not arrive in time')), this.dictionaryWaitMs);
      this.loadAnalyser().then(
        (analyser) => (clearTimeout(timer), resolve(analyser)),
        (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
      );
    });
  }
}
