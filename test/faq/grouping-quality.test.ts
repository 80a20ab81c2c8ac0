/**
 * Issue 15 item 2: grouping measured on labelled sets written without looking at the code —
 * the original set and the development set B. (Set C is held out: the bench measures it,
 * no test asserts on it, and nothing is tuned on it.) Pairwise precision and recall: a pair
 * of enquiries is right when both are in one group and need the same answer.
 */
import { describe, expect, it } from 'vitest';
import { groupQuestions, IncrementalGrouping, type GroupItem } from '../../shared/faq/grouping';
import { LABELLED_ENQUIRIES, pairwiseScores, type LabelledEnquiry } from '../../shared/faq/labelled-enquiries.fixture';
import { LABELLED_ENQUIRIES_B } from '../../shared/faq/labelled-enquiries-b.fixture';
import { nodeAnalyser } from './node-analyser';

const { analyser } = nodeAnalyser();
const byTime = (a: GroupItem, b: GroupItem): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1);
/** A grouping as labels, to score one grouping against another. */
const asLabels = (groups: { id: string; memberIds: string[] }[]): { id: string; topic: string }[] => groups.flatMap((g) => g.memberIds.map((id) => ({ id, topic: g.id })));

describe('grouping quality on labelled sets', () => {
  it('groups the original set with pairwise F1 ≥ 0.80', () => {
    const q = pairwiseScores(groupQuestions(LABELLED_ENQUIRIES, { analyser }), LABELLED_ENQUIRIES);
    // Measured: precision 0.87, recall 0.76, F1 0.81, 33 groups (before issue 15: F1 0.49, 56 groups).
    expect(q.f1).toBeGreaterThanOrEqual(0.8);
    expect(q.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('groups the development set B with pairwise F1 ≥ 0.49', () => {
    expect(LABELLED_ENQUIRIES_B.length).toBeGreaterThanOrEqual(300);
    const q = pairwiseScores(groupQuestions(LABELLED_ENQUIRIES_B, { analyser }), LABELLED_ENQUIRIES_B);
    // Measured: precision 0.51, recall 0.49, F1 0.50, 72 groups for 43 topics (before: F1 0.18, 149 groups).
    expect(q.f1).toBeGreaterThanOrEqual(0.49);
    expect(q.recall).toBeGreaterThanOrEqual(0.45);
  });
});

describe('new enquiries placed one at a time', () => {
  /** The first four fifths grouped at once, the rest added one by one in time order. */
  function split(set: LabelledEnquiry[]): { grouping: IncrementalGrouping; sorted: LabelledEnquiry[]; later: LabelledEnquiry[] } {
    const sorted = [...set].sort(byTime);
    const k = Math.floor(sorted.length * 0.8);
    return { grouping: new IncrementalGrouping(sorted.slice(0, k), { analyser }), sorted, later: sorted.slice(k) };
  }

  it('never moves an enquiry placed before, and says which group the new one joined', () => {
    const { grouping, later } = split(LABELLED_ENQUIRIES_B);
    const before = new Map(grouping.groups().flatMap((g) => g.memberIds.map((id) => [id, g.id] as const)));
    for (const item of later) {
      const gid = grouping.add(item);
      const groups = grouping.groups();
      expect(groups.find((g) => g.id === gid)?.memberIds).toContain(item.id);
      for (const g of groups) for (const id of g.memberIds) if (before.has(id)) expect(g.id).toBe(before.get(id));
    }
    expect(grouping.size).toBe(LABELLED_ENQUIRIES_B.length);
    // Adding an enquiry twice keeps it where it is.
    const last = later.at(-1)!;
    const where = grouping.groups().find((g) => g.memberIds.includes(last.id))!.id;
    expect(grouping.add(last)).toBe(where);
    expect(grouping.size).toBe(LABELLED_ENQUIRIES_B.length);
  });

  it('agrees with grouping everything again: the same on the original set, pairwise F1 ≥ 0.85 against it on set B', () => {
    for (const [set, atLeast] of [[LABELLED_ENQUIRIES, 1], [LABELLED_ENQUIRIES_B, 0.85]] as const) {
      const { grouping, sorted, later } = split(set);
      for (const item of later) grouping.add(item);
      const full = groupQuestions(sorted, { analyser });
      // Measured: 1.00 on the original, 0.90 on B (precision 0.95, recall 0.85): the full
      // grouping's second pass moves a few, and merges small groups into large ones.
      expect(pairwiseScores(grouping.groups(), asLabels(full)).f1).toBeGreaterThanOrEqual(atLeast);
      // Grouping again from the analyses kept gives the groups groupQuestions gives. (A chip
      // may differ: an enquiry typed in kana was cut against the readings known when it came.)
      grouping.regroup();
      expect(grouping.groups().map((g) => [g.id, g.memberIds, g.label])).toEqual(full.map((g) => [g.id, g.memberIds, g.label]));
    }
  });
});
