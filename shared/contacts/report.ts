/**
 * The validation report as a file the user can save and hand back to whoever produced
 * the list: one line per finding. Column titles and the code → words mapping come from
 * the UI dictionaries (shared/ holds no UI text).
 */
import type { ImportIssue, IssueCode } from './model';

/** Findings about the file as a whole: no line or column to point at. */
const FILE_LEVEL: ReadonlySet<IssueCode> = new Set<IssueCode>(['empty-file', 'no-rows', 'one-column', 'first-line-names', 'mapping-missing-field', 'too-many-issues']);

/** Where a finding is: the whole file, a line, or a cell (line and 1-based column). */
export type IssuePlace = { kind: 'file' } | { kind: 'line'; line: number } | { kind: 'cell'; line: number; column: number };

export function issuePlace(i: ImportIssue): IssuePlace {
  if (FILE_LEVEL.has(i.code)) return { kind: 'file' };
  return i.column > 0 ? { kind: 'cell', line: i.line, column: i.column } : { kind: 'line', line: i.line };
}

/**
 * Rows of the saved report: line (or the words for "whole file"), column, severity (in
 * words), message, line of the first occurrence. File-level findings first, then in file
 * order; nothing says "column 0".
 */
export function issueReportRows(
  issues: ImportIssue[],
  words: { wholeFile: string; severity: (s: ImportIssue['severity']) => string; message: (i: ImportIssue) => string },
): (string | number)[][] {
  const rank = (i: ImportIssue) => (issuePlace(i).kind === 'file' ? 0 : 1);
  return [...issues]
    .sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column)
    .map((i) => {
      const p = issuePlace(i);
      return [p.kind === 'file' ? words.wholeFile : p.line, p.kind === 'cell' ? p.column : '', words.severity(i.severity), words.message(i), i.firstLine ?? ''];
    });
}
