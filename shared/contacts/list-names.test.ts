import { describe, expect, it } from 'vitest';
import { listNames } from './list-names';

describe('list names', () => {
  it('the same file imported again gets its ordinal; the first keeps its name; any order of arrival', () => {
    const lists = [
      { datasetId: 'b', fileName: '顧客リスト.csv', rows: 10_000, at: '0000000000000200-0000-x' },
      { datasetId: 'a', fileName: '顧客リスト.csv', rows: 10_000, at: '0000000000000100-0000-x' },
      { datasetId: 'c', fileName: '顧客リスト.csv', rows: 9_999, at: '0000000000000300-0000-x' },
      { datasetId: 'd', fileName: '顧客リスト.csv ', rows: 10_000, at: '0000000000000400-0000-y' },
    ];
    for (const order of [lists, [...lists].reverse()]) {
      const names = listNames(order);
      expect([...'abcd'].map((id) => names.get(id)!.repeat)).toEqual([0, 2, 0, 3]);
      expect(names.get('c')).toEqual({ fileName: '顧客リスト.csv', rows: 9_999, at: '0000000000000300-0000-x', repeat: 0 });
    }
  });
});
