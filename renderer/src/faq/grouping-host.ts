/**
 * Where the enquiry log is grouped: in the grouping worker (grouping-worker.ts), or in
 * place where no worker can start (unit tests). It holds one IncrementalGrouping per
 * incident for the session and loads its own dictionary analyser before the first grouping
 * (without readings if it cannot load, as the screens did before).
 *
 * The page (enquiry-grouping.ts) decides what changed, as nextGrouping did: "regroup with
 * these items" (a first grouping, an enquiry edited or removed) or "add these new enquiries,
 * in time order". Requests run one at a time, in the order sent; one that a later regroup
 * of the same incident makes useless is skipped (`superseded`) before it starts.
 */
import type { JapaneseAnalyser } from '../../../shared/faq/analyser';
import { IncrementalGrouping, type Group, type GroupItem } from '../../../shared/faq/grouping';
import type { CallContext } from '../data/worker-calls';

export interface GroupingRequest {
  /** The incident whose log this is. */
  key: string;
  /** Rises with every request for the key; a regroup supersedes every request before it. */
  seq: number;
  kind: 'regroup' | 'add';
  /** regroup: the whole log; add: only the new enquiries, in time order. */
  items: GroupItem[];
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

export class GroupingHost {
  private readonly groupings = new Map<string, IncrementalGrouping>();
  /** Per key, the seq of the newest regroup received. */
  private readonly newestRegroup = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private dictionary: Promise<{ analyser: JapaneseAnalyser | null; state: DictionaryState }> | null = null;
  private closed = false;

  constructor(
    private readonly loadAnalyser: () => Promise<JapaneseAnalyser>,
    /** Lets requests sent meanwhile arrive before the next starts (a macrotask in the worker). */
    private readonly turn: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
  ) {}

  /** Incidents held (tests). */
  get size(): number {
    return this.groupings.size;
  }

  group(req: GroupingRequest, ctx: Pick<CallContext<GroupingProgress>, 'progress'>): Promise<GroupingReply> {
    if (req.kind === 'regroup') this.newestRegroup.set(req.key, Math.max(req.seq, this.newestRegroup.get(req.key) ?? 0));
    const run = this.queue.then(async (): Promise<GroupingReply> => {
      await this.turn();
      if (this.closed || (this.newestRegroup.get(req.key) ?? 0) > req.seq) return { seq: req.seq, superseded: true };
      const { analyser, state } = await this.loadDictionary();
      if (this.closed) return { seq: req.seq, superseded: true };
      let grouping = this.groupings.get(req.key);
      if (req.kind === 'regroup') {
        grouping = new IncrementalGrouping(req.items, { analyser, onProgress: (done, total) => ctx.progress({ seq: req.seq, done, total }) });
        this.groupings.set(req.key, grouping);
      } else {
        if (!grouping) throw new Error(NO_GROUPING);
        for (const item of req.items) grouping.add(item);
      }
      return { seq: req.seq, superseded: false, groups: grouping.groups(), dictionary: state };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Drops every grouping (and so every enquiry's text); later requests are skipped. */
  close(): void {
    this.closed = true;
    this.groupings.clear();
    this.newestRegroup.clear();
  }

  private loadDictionary(): Promise<{ analyser: JapaneseAnalyser | null; state: DictionaryState }> {
    this.dictionary ??= this.loadAnalyser().then(
      (analyser) => ({ analyser, state: 'ready' as const }),
      (error: unknown) => {
        console.warn('FAQ dictionary did not load; grouping without readings', error);
        return { analyser: null, state: 'failed' as const };
      },
    );
    return this.dictionary;
  }
}
