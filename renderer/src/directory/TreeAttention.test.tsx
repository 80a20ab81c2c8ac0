import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CallTree } from '../../../shared/directory/model';
import { TreeAttention } from './TreeAttention';

const tree = (sizes: number[]): CallTree => ({
  id: 't',
  name: '全社',
  scenario: null,
  severity: null,
  steps: sizes.map((n, s) => ({ personIds: Array.from({ length: n }, (_, i) => `p${s}-${i}`), waitMinutes: 10 })),
  updatedAt: '1',
  updatedBy: 'p1',
});

describe('a call tree saved before the cap', () => {
  it('says which step has too many people and what to do, in the tree editor and in the alert status', () => {
    const here = renderToStaticMarkup(<TreeAttention tree={tree([3, 31])} fix="here" />);
    expect(here).toContain('要対応：呼び出し順「全社」');
    expect(here).toContain('第2段に 31 人が入っています。1段に選べるのは 25 人まで');
    expect(here).toContain('「編集」でこの段を二つ以上の段に分けて保存してください');
    const elsewhere = renderToStaticMarkup(<TreeAttention tree={tree([3, 31])} fix="elsewhere" />);
    expect(elsewhere).toContain('今回は全員に、25 人ずつ');
  });

  it('says nothing of a tree within the cap', () => {
    expect(renderToStaticMarkup(<TreeAttention tree={tree([25, 1])} fix="here" />)).toBe('');
  });
});
