import { describe, expect, it } from 'vitest';
import { formatReference, referenceNumber } from './reference';
import { guessReturnKey, splitByReference, type ReferenceBook } from './result-references';
import { parseResultList } from './result-list';

// Lists 01 (here, 100 rows) and 02 (here, 50 rows); 03 imported on another laptop.
const book: ReferenceBook = {
  datasetOf: (n) => ({ 1: 'ds-a', 2: 'ds-b', 3: 'ds-c' })[n],
  rowsOf: (id) => ({ 'ds-a': 100, 'ds-b': 50 })[id],
};
const fw = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/-/g, 'ー');

describe('returned letters by reference number', () => {
  const good = referenceNumber(1, 41);
  const mistyped = good.slice(0, 5) + String((Number(good[5]) + 3) % 10) + good.slice(6);
  const text = [
    '照会番号,理由',
    `${formatReference(good)},宛所不明`,
    `${fw(formatReference(referenceNumber(2, 7)))},転居先不明`,
    `${mistyped},宛所不明`,
    `${formatReference(referenceNumber(3, 0))},宛所不明`,
    `${formatReference(referenceNumber(2, 50))},宛所不明`,
    `${formatReference(referenceNumber(9, 0))},宛所不明`,
    '0100-0001,宛所不明',
  ].join('\r\n');
  const parsed = parseResultList(text, 'returned-mail');

  it('takes the first column as reference numbers when its header says so, or when the lines look like them', () => {
    expect(guessReturnKey(parsed)).toBe('reference');
    expect(guessReturnKey(parseResultList(`${good},宛所不明\n${referenceNumber(1, 2)},\n`, 'returned-mail'))).toBe('reference');
    expect(guessReturnKey(parseResultList('顧客番号,理由\nC0001,宛所不明\n', 'returned-mail'))).toBe('customer-no');
    expect(guessReturnKey(parseResultList('', 'returned-mail'))).toBe('customer-no');
  });

  it('sends each line to its own list and row; full-width digits and long-vowel dashes read as digits', () => {
    const split = splitByReference(parsed.items, book);
    expect(split.lists).toEqual([
      { listNo: 1, datasetId: 'ds-a', items: [{ index: 0, row: 41 }] },
      { listNo: 2, datasetId: 'ds-b', items: [{ index: 1, row: 7 }] },
    ]);
  });

  it('reports a mistyped number at its line and column, a list not here by number, and numbers of nobody', () => {
    const split = splitByReference(parsed.items, book);
    expect(split.mistyped).toEqual([
      { index: 2, line: 4, column: 1, problem: 'check' },
      { index: 6, line: 8, column: 1, problem: 'length' },
    ]);
    expect(split.notHere).toEqual([{ listNo: 3, lines: [5] }]);
    expect(split.unknown).toEqual([
      { index: 4, line: 6, listNo: 2 },
      { index: 5, line: 7, listNo: 9 },
    ]);
  });
});
