/**
 * An enquiry is grouped by its own text and its own vendor category, whatever characters a
 * vendor's file puts in them: a category and a text are never read as another split of the
 * same characters (a stray NUL from a badly exported log).
 */
import { describe, expect, it } from 'vitest';
import { groupQuestions, type GroupItem } from '../../shared/faq/grouping';
import { nodeAnalyser } from './node-analyser';

const { analyser } = nodeAnalyser();
const at = (n: number) => `2026-12-01T00:00:${String(n).padStart(2, '0')}.000Z`;

describe('enquiries with control characters in their category or text', () => {
  it('are each grouped by their own category and text', () => {
    const partition = (log: GroupItem[]) => groupQuestions(log, { analyser }).map((g) => [...g.memberIds].sort().join(' ')).sort();
    const others = (cat: string): GroupItem[] => [
      { id: 'o1', text: '金券はいつ届きますか', at: at(1), category: cat },
      { id: 'o2', text: '金券まだですか', at: at(2), category: cat },
    ];
    // 'a' + NUL + 'b' as the category of 退会したい, and 'b' + NUL + 退会したい under 'a':
    // the same characters split another way.
    const tricky: GroupItem[] = [
      ...others('a'),
      { id: 'x', text: 'b\u0000退会したい', at: at(3), category: 'a' },
      { id: 'y', text: '退会したい', at: at(4), category: 'a\u0000b' },
    ];
    // The same log with y's category one that splits nothing: y must be grouped the same.
    const plain = tricky.map((i) => (i.id === 'y' ? { ...i, category: 'c' } : i));
    expect(partition(tricky)).toEqual(partition(plain));
  });
});
