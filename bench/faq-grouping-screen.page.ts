/**
 * The page side of the "screen" measurement (bench/faq-grouping-screen.ts): how long the
 * page's own thread is blocked while the enquiry log is grouped.
 *
 * - `worker`: as the screens group now — the session's EnquiryGrouping sends the log to the
 *   grouping worker, which loads its dictionary and groups; then the screen is "visited
 *   again" (same enquiries, new array) and new enquiries arrive.
 * - `inPlace`: as the screens grouped before — IncrementalGrouping built on the page's
 *   thread (what useEnquiryGroups' useMemo did), with the same new enquiries placed; its
 *   groups are compared with the worker's.
 *
 * Long tasks (over 50 ms) are read with PerformanceObserver: the longest, and the total
 * blocking time (the sum of each task's time over 50 ms).
 */
import * as lindera from 'lindera-wasm-ipadic';
import { buildVariedEnquiries } from '../shared/faq/bench-fixture';
import { IncrementalGrouping, type Group, type GroupItem } from '../shared/faq/grouping';
import { EnquiryGrouping } from '../renderer/src/faq/enquiry-groups';
import { ipadicAnalyser } from '../renderer/src/faq/ipadic';

const round = (n: number): number => Math.round(n);

/** Runs `work` while recording the page's long tasks. */
async function blocked<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; longestTaskMs: number; blockedMs: number; longTasks: number }> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
  observer.observe({ type: 'longtask' });
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  // Entries are delivered after the task: give them a moment, then take what is left.
  await new Promise((r) => setTimeout(r, 200));
  for (const e of observer.takeRecords()) tasks.push(e.duration);
  observer.disconnect();
  return { value, ms: round(ms), longestTaskMs: round(Math.max(0, ...tasks)), blockedMs: round(tasks.reduce((s, d) => s + Math.max(0, d - 50), 0)), longTasks: tasks.length };
}

const shape = (groups: readonly Group[]) => JSON.stringify(groups.map((g) => [g.id, g.memberIds, g.label, g.labelId, g.terms]));

function fixture(rows: number, adds: number): { base: GroupItem[]; all: GroupItem[] } {
  const all = buildVariedEnquiries(rows + adds).map((e) => ({ id: e.id, text: e.text, at: e.at }));
  return { base: all.slice(0, rows), all };
}

/** The log with its first enquiry reworded (the screens then group everything again). */
const edited = (items: readonly GroupItem[]): GroupItem[] => items.map((i, n) => (n === 0 ? { ...i, text: `${i.text}（追記）` } : i));

let workerGroups: { cold: string; afterAdds: string } | null = null;

async function worker(rows: number, adds: number, workerUrl: string): Promise<Record<string, unknown>> {
  const { base, all } = fixture(rows, adds);
  const grouping = new EnquiryGrouping({ start: () => new Worker(workerUrl, { type: 'module' }) });
  const settle = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        const v = grouping.view('bench');
        if (!v.busy && v.groups !== null) {
          off();
          resolve();
        }
      };
      const off = grouping.subscribe('bench', check);
      check();
    });
  let progressReports = 0;
  const offProgress = grouping.subscribe('bench', () => void (grouping.view('bench').progress && progressReports++));
  const cold = await blocked(async () => {
    grouping.update('bench', base);
    await settle();
  });
  offProgress();
  const coldGroups = grouping.view('bench').groups!;
  // Leaving the screen and coming back: the same enquiries in a new array.
  const before = { ...grouping.requests };
  grouping.update('bench', base.map((i) => ({ ...i })));
  const revisitSent = grouping.requests.regroup + grouping.requests.add - before.regroup - before.add;
  const revisitShowsGroups = grouping.view('bench').groups === coldGroups && !grouping.view('bench').busy;
  const added = await blocked(async () => {
    grouping.update('bench', all);
    await settle();
  });
  workerGroups = { cold: shape(coldGroups), afterAdds: shape(grouping.view('bench').groups!) };
  // One enquiry edited: the whole log grouped again (its texts' analyses are cached).
  const regroup = await blocked(async () => {
    grouping.update('bench', edited(all));
    await settle();
  });
  grouping.dispose();
  return {
    rows,
    adds,
    coldMs: cold.ms,
    coldLongestTaskMs: cold.longestTaskMs,
    coldBlockedMs: cold.blockedMs,
    coldLongTasks: cold.longTasks,
    progressReports,
    revisitSent,
    revisitShowsGroups,
    addsMs: added.ms,
    addsLongestTaskMs: added.longestTaskMs,
    regroupMs: regroup.ms,
    regroupLongestTaskMs: regroup.longestTaskMs,
    regroupBlockedMs: regroup.blockedMs,
    groups: coldGroups.length,
    requests: grouping.requests,
  };
}

async function inPlace(rows: number, adds: number): Promise<Record<string, unknown>> {
  const { base, all } = fixture(rows, adds);
  const t = performance.now();
  const analyser = await ipadicAnalyser(lindera, '/lindera.wasm');
  const dictionaryMs = round(performance.now() - t);
  let grouping: IncrementalGrouping | null = null;
  const cold = await blocked(async () => {
    grouping = new IncrementalGrouping(base, { analyser });
    return grouping.groups();
  });
  const added = await blocked(async () => {
    for (const item of all.slice(rows)) grouping!.add(item);
    return grouping!.groups();
  });
  const regroup = await blocked(async () => new IncrementalGrouping(edited(all), { analyser }).groups());
  return {
    rows,
    adds,
    dictionaryMs,
    coldMs: cold.ms,
    coldLongestTaskMs: cold.longestTaskMs,
    coldBlockedMs: cold.blockedMs,
    coldLongTasks: cold.longTasks,
    addsMs: added.ms,
    addsLongestTaskMs: added.longestTaskMs,
    regroupMs: regroup.ms,
    regroupLongestTaskMs: regroup.longestTaskMs,
    regroupBlockedMs: regroup.blockedMs,
    groups: cold.value.length,
    /** The worker's groups are those made here, before and after the new enquiries. */
    sameGroupsAsWorker: workerGroups !== null && workerGroups.cold === shape(cold.value) && workerGroups.afterAdds === shape(added.value),
  };
}

declare global {
  interface Window {
    __groupingScreen: { worker: typeof worker; inPlace: typeof inPlace };
  }
}
window.__groupingScreen = { worker, inPlace };
