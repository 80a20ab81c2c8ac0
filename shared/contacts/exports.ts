/**
 * Every file the contact tracker writes for people outside the app (mailing list,
 * e-mail recipient list, call list, validation report) is defined here ONCE: a column
 * id, the dictionary key of its header, and the getter of its cell. The header line and
 * every row are generated from the same list, so a header can never name one column
 * while the cells hold another (issue 10 item 1: a recipient list greeted people by
 * their e-mail address).
 * Header words live in the UI dictionaries (shared/ holds no UI text): the caller passes
 * a `label` function that translates a key.
 */
import { type CsvCell, toCsv } from '../export/csv';
import type { ContactRow } from './model';
import { sendableEmail } from './normalize';
import { formatReference, referenceNumber } from './reference';
import type { issueReportRows } from './report';

export interface ExportColumn<R> {
  /** Stable id (tests and the read-back check use it). */
  id: string;
  /** Message key of the header, e.g. 'contacts.exports.columns.name'. */
  label: string;
  cell: (row: R) => CsvCell;
}

export interface ExportDefinition<R> {
  id: string;
  columns: readonly ExportColumn<R>[];
}

const col = <R>(id: string, cell: (row: R) => CsvCell): ExportColumn<R> => ({ id, label: `contacts.exports.columns.${id}`, cell });
const field = (f: keyof Omit<ContactRow, 'row' | 'line' | 'extra'>) => col<ContactRow>(f, (r) => r[f]);

/**
 * For label and mail-merge software at the printing vendor: one letter per row, with the
 * reference number (照会番号) printed on it — written with its dashes (`0100-0001-234`), as
 * on the letter, so a spreadsheet keeps the leading zero. `listNo`: the list's number in the
 * incident (list-numbers.ts); a list without one (decision 025) leaves the column empty.
 */
export function mailingList(listNo: number | undefined): ExportDefinition<ContactRow> {
  return {
    id: 'mailing',
    columns: [
      field('customerNo'),
      col<ContactRow>('reference', (r) => (listNo === undefined ? '' : formatReference(referenceNumber(listNo, r.row)))),
      field('postcode'),
      field('address'),
      field('name'),
      field('segment'),
    ],
  };
}

/** The mailing list's columns for a list without a number (its reference column empty): see mailingList. */
export const MAILING_LIST: ExportDefinition<ContactRow> = mailingList(undefined);

/** For the company's mail system: one e-mail per row, the address as a mail system takes it. */
export const EMAIL_RECIPIENTS: ExportDefinition<ContactRow> = {
  id: 'email',
  columns: [field('customerNo'), field('name'), col<ContactRow>('email', (r) => sendableEmail(r.email)), col<ContactRow>('addressee', (r) => addressee(r.name))],
};

/**
 * How the e-mail greets its reader, whole, for the mail merge's （宛名）: the name with 様, as
 * the letters write it, or お客様 for a customer listed without a name — never a bare 様
 * (file content in the customers' language, not words on screen).
 */
export function addressee(name: string): string {
  return name.trim() ? `${name.trim()} 様` : 'お客様';
}

/** One row of a phone batch as an operator (or the call-centre vendor) works it. */
export interface CallListRow {
  operator: string;
  row: ContactRow;
  /** Calls already made without an answer. */
  noAnswers: number;
}

export const CALL_LIST: ExportDefinition<CallListRow> = {
  id: 'calls',
  columns: [
    col('operator', (r) => r.operator),
    col('customerNo', (r) => r.row.customerNo),
    col('name', (r) => r.row.name),
    col('kana', (r) => r.row.kana),
    col('phone', (r) => r.row.phone),
    col('noAnswers', (r) => r.noAnswers),
  ],
};

/** One finding as the validation report lists it (see issueReportRows in report.ts). */
export type ReportRow = ReturnType<typeof issueReportRows>[number];

/** The validation report the user hands back to whoever produced the list. */
export const VALIDATION_REPORT: ExportDefinition<ReportRow> = {
  id: 'report',
  columns: (['line', 'column', 'severity', 'message', 'firstLine'] as const).map((id, i) => ({
    id,
    label: `contacts.import.reportColumns.${id}`,
    cell: (r: ReportRow) => r[i],
  })),
};

export const CONTACT_EXPORTS = [MAILING_LIST, EMAIL_RECIPIENTS, CALL_LIST, VALIDATION_REPORT] as const;

export function exportHeader<R>(def: ExportDefinition<R>, label: (key: string) => string): string[] {
  return def.columns.map((c) => label(c.label));
}

export function exportRow<R>(def: ExportDefinition<R>, row: R): CsvCell[] {
  return def.columns.map((c) => c.cell(row));
}

/**
 * CSV text (CRLF, formula-guarded by toCsv) of rows under the definition's header; `last`
 * is a row after them (the export's mark, shared/access/file-mark.ts).
 */
export function exportCsv<R>(def: ExportDefinition<R>, rows: Iterable<R>, label: (key: string) => string, last?: CsvCell[]): string {
  const cells: CsvCell[][] = [];
  for (const r of rows) cells.push(exportRow(def, r));
  if (last) cells.push(last);
  return toCsv(exportHeader(def, label), cells);
}
