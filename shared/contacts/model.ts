/**
 * The customer contact tracker's vocabulary: which columns a customer list maps to, the
 * channels a customer is tried on, and the issue codes an import reports. Codes only:
 * the UI translates them (shared/ holds no UI text).
 */

/** Columns a customer list can map to. `items` holds optional per-row data items. */
export const CONTACT_FIELDS = ['customerNo', 'name', 'kana', 'postcode', 'address', 'email', 'phone', 'segment'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Column mapping: field → 0-based column in the file; `extra` are kept and shown as-is. */
export interface ColumnMapping {
  fields: Partial<Record<ContactField, number>>;
  extra: number[];
}

export const CHANNELS = ['post', 'email', 'phone', 'notice'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DEFAULT_CHANNEL_ORDER: Channel[] = ['post', 'email', 'phone', 'notice'];

export const EXCLUSIONS = ['do-not-contact', 'deceased', 'duplicate'] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

/** A row as stored: the mapped fields exactly as imported, plus its physical line. */
export interface ContactRow {
  /** 0-based ordinal in the dataset: the id events use (never personal). */
  row: number;
  line: number;
  customerNo: string;
  name: string;
  kana: string;
  postcode: string;
  address: string;
  email: string;
  phone: string;
  segment: string;
  extra: string[];
}

export type IssueSeverity = 'error' | 'warning';

export const ISSUE_CODES = [
  'empty-file',
  'encoding-invalid',
  'encoding-mixed',
  'nul-byte',
  'unterminated-quote',
  'malformed-quote',
  'field-too-long',
  /** Over-long value in a column kept for display only (not one the tracker uses): kept as written. */
  'field-long-kept',
  /** Over-long value in a column that is not imported: left out like the rest of that column. */
  'field-long-dropped',
  /** A line of separators only (Excel keeps rows whose cells were cleared): skipped, nobody to contact. */
  'blank-row',
  'one-column',
  /** Imported as a file without column names, but its first line names columns (顧客番号, 氏名 …). */
  'first-line-names',
  'key-has-delimiter',
  'header-missing',
  'header-duplicated',
  /** A column without a name after the last named one (Excel's used range): kept as an extra column. */
  'header-blank-kept',
  /** A second column of a name no field reads (備考 twice): both kept as extra columns. */
  'header-duplicated-kept',
  'mapping-missing-field',
  'mapping-column-out-of-range',
  'no-rows',
  'too-few-columns',
  'too-many-columns',
  'customer-no-missing',
  'customer-no-duplicated',
  'formula-like',
  'phone-invalid',
  'postcode-invalid',
  'email-invalid',
  'too-many-issues',
  /** A list names more distinct segments (区分) than MAX_SEGMENTS: this row's new one is left out (imported without a segment). */
  'segment-too-many',
] as const;

/**
 * Distinct segments (区分) one list may name. Letter variants are chosen by segment; a list
 * whose 区分 column names more is almost surely mapped to the wrong column (an id, a date).
 */
export const MAX_SEGMENTS = 1_000;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** One finding, where a person can find it in the file: physical line, 1-based column. */
export interface ImportIssue {
  code: IssueCode;
  severity: IssueSeverity;
  line: number;
  /** 1-based CSV column; 0 when the issue is about the whole line or file. */
  column: number;
  /** For duplicates: the line of the first occurrence. */
  firstLine?: number;
  /** For key-has-delimiter: the separator-like character found in the cell. */
  delimiter?: Delimiter;
}

/** UTF-16 is recognised by its byte-order mark (Excel's 「Unicode テキスト」 writes it). */
export const FILE_ENCODINGS = ['shift_jis', 'utf-8', 'utf-16le', 'utf-16be'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/**
 * Field separators a customer or result list may use. Comma, tab (Excel's 「テキスト（タブ
 * 区切り）」 and 「Unicode テキスト」) and semicolon (Excel in European locales) are what
 * programs write; the full-width comma and semicolon are what a person types with the
 * Japanese IME on, in a list made by hand.
 */
export const DELIMITERS = [',', '\t', ';', '\uff0c', '\uff1b'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
