/**
 * The mark a produced file carries so a leaked copy can be traced to its record: the export
 * id and who asked (and who approved, or that there was no second person).
 *
 * CSV: the LAST line (docs/decisions/015-two-person-export.md). Line 1 stays the header, so
 * Excel, the printing vendor's import (columns mapped by the header) and any reader with a
 * header row keep working; the mark line has as many fields as the header, the mark in the
 * first, so a strict reader counting fields does not stop on it either.
 * Letters: a small line in each page's footer, the export id and the page number.
 */
import type { CsvCell } from '../export/csv';
import { findUnencodable, type CsvEncoding } from '../export/csv';

/** What the file says; `text` is the sentence in the screen's language, made by the caller from these. */
export interface FileMark {
  exportId: string;
  requester: string;
  /** null when there was no second person in the team. */
  approver: string | null;
}

/** The first characters of the mark line: readers (and people) know it is not a customer. */
export const MARK_PREFIX = '#';

/** The CSV mark row: the mark in the first field, the others empty, as wide as the header. A character the file's encoding cannot hold becomes 〓 (a name outside Shift_JIS). */
export function csvMarkRow(text: string, columns: number, encoding: CsvEncoding): CsvCell[] {
  let mark = `${MARK_PREFIX} ${text}`;
  for (const u of findUnencodable(mark, encoding)) mark = mark.split(u.char).join('〓');
  return [mark, ...Array.from({ length: Math.max(0, columns - 1) }, () => '')];
}

/** Whether a parsed CSV record is the mark line (for readers that take the customers and leave the mark). */
export function isMarkRecord(record: readonly string[]): boolean {
  return (record[0] ?? '').startsWith(`${MARK_PREFIX} `) && record.slice(1).every((c) => c === '');
}
