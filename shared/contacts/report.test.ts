import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../export/csv';
import { issuePlace, issueReportRows } from './report';

describe('validation report', () => {
  const words = {
    wholeFile: 'whole file',
    severity: (s: string) => s.toUpperCase(),
    message: (i: { code: string }) => `[${i.code}]`,
  };

  it('one row per finding, file-level first, then in file order; read back field by field', () => {
    const rows = issueReportRows(
      [
        { code: 'customer-no-duplicated', severity: 'warning', line: 9, column: 1, firstLine: 2 },
        { code: 'nul-byte', severity: 'error', line: 3, column: 2 },
        { code: 'field-too-long', severity: 'error', line: 3, column: 0 },
        { code: 'empty-file', severity: 'error', line: 1, column: 0 },
      ],
      words,
    );
    const back = parseCsv(toCsv(['line', 'column', 'severity', 'message', 'first line'], rows));
    expect(back).toEqual([
      ['line', 'column', 'severity', 'message', 'first line'],
      ['whole file', '', 'ERROR', '[empty-file]', ''],
      ['3', '', 'ERROR', '[field-too-long]', ''],
      ['3', '2', 'ERROR', '[nul-byte]', ''],
      ['9', '1', 'WARNING', '[customer-no-duplicated]', '2'],
    ]);
  });

  it('never says column 0: file-level findings are the whole file', () => {
    for (const code of ['empty-file', 'no-rows', 'one-column', 'mapping-missing-field'] as const) {
      expect(issuePlace({ code, severity: 'error', line: 1, column: 0 })).toEqual({ kind: 'file' });
    }
    expect(issuePlace({ code: 'too-few-columns', severity: 'error', line: 4, column: 3 })).toEqual({ kind: 'cell', line: 4, column: 3 });
  });
});
