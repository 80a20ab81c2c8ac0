import { describe, expect, it } from 'vitest';
import { toCsv } from '../export/csv';
import { issueReportRows } from './report';

describe('validation report', () => {
  it('one row per finding, in file order, ready for toCsv', () => {
    const rows = issueReportRows(
      [
        { code: 'customer-no-duplicated', severity: 'warning', line: 9, column: 1, firstLine: 2 },
        { code: 'nul-byte', severity: 'error', line: 3, column: 2 },
        { code: 'empty-file', severity: 'error', line: 1, column: 0 },
      ],
      (i) => `[${i.code}]`,
    );
    expect(rows).toEqual([
      [1, '', 'error', 'empty-file', '[empty-file]', ''],
      [3, 2, 'error', 'nul-byte', '[nul-byte]', ''],
      [9, 1, 'warning', 'customer-no-duplicated', '[customer-no-duplicated]', 2],
    ]);
    expect(toCsv(['line', 'column', 'severity', 'code', 'message', 'first line'], rows)).toContain('9,1,warning,customer-no-duplicated');
  });
});
