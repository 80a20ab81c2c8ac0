/**
 * The validation report as a file the user can save and hand back to whoever produced
 * the list: one line per finding. Column titles and the code → words mapping come from
 * the UI dictionaries (shared/ holds no UI text).
 */
import type { ImportIssue } from './model';

export function issueReportRows(issues: ImportIssue[], describe: (issue: ImportIssue) => string): (string | number)[][] {
  return [...issues]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((i) => [i.line, i.column || '', i.severity, i.code, describe(i), i.firstLine ?? '']);
}
