import { describe, expect, it } from 'vitest';
import { groupQuestions, type GroupItem } from '../../../shared/faq/grouping';
import { nextGrouping } from './enquiry-groups';

const at = (i: number): string => new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString();
const day: GroupItem[] = ['退会したいです', '電話がつながらない', 'お詫びの品はありますか', '退会の手続きを教えて', '電話が全然つながらない'].map((text, i) => ({ id: `e${i}`, text, at: at(i) }));

describe('the enquiry log keeps its groups between renders', () => {
  it('places only the new enquiries when enquiries are added', () => {
    const first = nextGrouping(null, day.slice(0, 3), null);
    expect(first.added).toBe(-1);
    const second = nextGrouping(first.memo, day, null);
    expect(second.added).toBe(2);
    expect(second.memo.grouping).toBe(first.memo.grouping);
    const groups = second.memo.grouping.groups();
    expect(groups.find((g) => g.memberIds.includes('e3'))!.memberIds).toEqual(['e0', 'e3']);
    expect(groups.find((g) => g.memberIds.includes('e4'))!.memberIds).toEqual(['e1', 'e4']);
    // The same as grouping the whole log at once.
    expect(groups.map((g) => g.memberIds)).toEqual(groupQuestions(day).map((g) => g.memberIds));
  });

  it('groups everything again when an enquiry is edited or removed, or the dictionary arrives', () => {
    const first = nextGrouping(null, day, null);
    const edited = day.map((d) => (d.id === 'e2' ? { ...d, text: '補償はありますか' } : d));
    expect(nextGrouping(first.memo, edited, null).added).toBe(-1);
    expect(nextGrouping(first.memo, day.slice(1), null).added).toBe(-1);
    const dictionary = { analyse: () => [] };
    expect(nextGrouping(first.memo, day, dictionary).added).toBe(-1);
    // Nothing changed: nothing placed, nothing regrouped.
    expect(nextGrouping(first.memo, [...day], null).added).toBe(0);
  });

  it("groups everything again when the vendor's category of an enquiry changes", () => {
    const first = nextGrouping(null, day, null);
    const recategorised = day.map((d) => (d.id === 'e2' ? { ...d, category: 'お詫びの品' } : d));
    expect(nextGrouping(first.memo, recategorised, null).added).toBe(-1);
  });
});
