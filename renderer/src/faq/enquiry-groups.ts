/**
 * The enquiry log's groups, kept between renders: when enquiries are only added (typed in,
 * imported from the call centre), each new one is placed in its group incrementally
 * (IncrementalGrouping, a few ms each) instead of regrouping the whole log; anything else
 * — an enquiry edited or removed, the dictionary arriving — groups everything again.
 */
import { useMemo, useRef } from 'react';
import type { JapaneseAnalyser } from '../../../shared/faq/analyser';
import { IncrementalGrouping, type Group, type GroupItem } from '../../../shared/faq/grouping';

export interface GroupingMemo {
  grouping: IncrementalGrouping;
  analyser: JapaneseAnalyser | null;
  /** id → text (and vendor category) of every enquiry placed. */
  texts: Map<string, string>;
}

/** What an enquiry was placed by: its text and the vendor's category (a change to either regroups). */
const placedAs = (item: GroupItem): string => JSON.stringify([item.category ?? '', item.text]);

/**
 * The grouping for `items`: `prev` with the new enquiries added when nothing else changed,
 * else a fresh one. `added` says how many were placed incrementally (-1: regrouped).
 */
export function nextGrouping(prev: GroupingMemo | null, items: readonly GroupItem[], analyser: JapaneseAnalyser | null): { memo: GroupingMemo; added: number } {
  const fresh = (): { memo: GroupingMemo; added: number } => ({
    memo: { grouping: new IncrementalGrouping(items, { analyser }), analyser, texts: new Map(items.map((i) => [i.id, placedAs(i)])) },
    added: -1,
  });
  if (prev === null || prev.analyser !== analyser) return fresh();
  const ids = new Set(items.map((i) => i.id));
  for (const id of prev.texts.keys()) if (!ids.has(id)) return fresh();
  const fresher: GroupItem[] = [];
  for (const item of items) {
    const text = prev.texts.get(item.id);
    if (text === undefined) fresher.push(item);
    else if (text !== placedAs(item)) return fresh();
  }
  // In time order, as the full grouping would meet them.
  fresher.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const item of fresher) {
    prev.grouping.add(item);
    prev.texts.set(item.id, placedAs(item));
  }
  return { memo: prev, added: fresher.length };
}

/** Groups of the log, updated incrementally as enquiries arrive. */
export function useEnquiryGroups(items: readonly GroupItem[], analyser: JapaneseAnalyser | null): Group[] {
  const memo = useRef<GroupingMemo | null>(null);
  return useMemo(() => {
    const next = nextGrouping(memo.current, items, analyser);
    memo.current = next.memo;
    return next.memo.grouping.groups();
  }, [items, analyser]);
}
