/**
 * The FAQ workbook and CSV the vendor gets, as rows of cells: a cover (表紙), the FAQ
 * itself and 本日の変更点. Words come from the caller's dictionary by key (the screens'
 * i18n), so this stays pure; the renderer writes the .xlsx with write-excel-file.
 */
import type { ExportDefinition } from '../contacts/exports';
import { toCsv } from '../export/csv';
import { jstDateTime, type FaqHandover, type HandoverChange, type HandoverItem } from './handover';

export type BookCell = string | number | null;
export type Label = (key: string, params?: Record<string, string | number>) => string;

// The dictionary section of the workbook's words (renderer/src/i18n/*-faqbook.ts).
const book = 'faqbook.book';

/** The FAQ sheet and the CSV: one definition, so both carry the same columns. */
export const FAQ_COLUMNS: ExportDefinition<HandoverItem> = {
  id: 'faq-handover',
  columns: [
    { id: 'no', label: `${book}.columns.no`, cell: (i) => i.no },
    { id: 'category', label: `${book}.columns.category`, cell: (i) => i.category },
    { id: 'question', label: `${book}.columns.question`, cell: (i) => i.question },
    { id: 'answer', label: `${book}.columns.answer`, cell: (i) => i.answer },
    { id: 'version', label: `${book}.columns.version`, cell: (i) => i.version },
    { id: 'approvedAt', label: `${book}.columns.approvedAt`, cell: (i) => jstDateTime(i.approvedAt) },
  ],
};

export const SHEETS = { cover: `${book}.sheets.cover`, faq: `${book}.sheets.faq`, changes: `${book}.sheets.changes` } as const;

/** A spreadsheet cell: empty text is no cell at all (as Excel saves it). */
const cell = (v: string | number | null | undefined): BookCell => (v === undefined || v === null || v === '' ? null : v);

export function faqSheet(items: readonly HandoverItem[], label: Label): BookCell[][] {
  return [FAQ_COLUMNS.columns.map((c) => label(c.label)), ...items.map((i) => FAQ_COLUMNS.columns.map((c) => cell(c.cell(i) as string | number)))];
}

export const CHANGE_COLUMNS = ['kind', 'no', 'category', 'question', 'before', 'after', 'note'] as const;

function changeNote(change: HandoverChange, label: Label): string {
  if (change.kind === 'new') return change.resumed ? label(`${book}.notes.resumed`) : '';
  if (change.kind === 'onHold' && change.personalData) return label(`${book}.notes.personalData`);
  if (change.kind !== 'changed') return label(`${book}.notes.${change.kind}`);
  const notes: string[] = [];
  if (change.renumbered !== undefined) notes.push(label(`${book}.notes.number`, { before: change.renumbered }));
  if (change.before.question !== change.after.question) notes.push(label(`${book}.notes.question`, { before: change.before.question }));
  if (change.before.category !== change.after.category) notes.push(label(`${book}.notes.category`, { before: change.before.category || '—' }));
  return notes.join('\n');
}

/** 本日の変更点: one row per entry that changed for the vendor, new first, then changed, then withdrawn. */
export function changeSheet(changes: readonly HandoverChange[], label: Label): BookCell[][] {
  const rows = changes.map((c) => {
    const now = 'after' in c ? c.after : c.before;
    const before = 'before' in c ? c.before.answer : '';
    const after = 'after' in c ? c.after.answer : '';
    return [label(`${book}.kinds.${c.kind}`), c.no, now.category, now.question, before, after, changeNote(c, label)].map(cell);
  });
  return [CHANGE_COLUMNS.map((c) => label(`${book}.changeColumns.${c}`)), ...rows];
}

export interface CoverFacts {
  /** Who handed it over, and who approved the answers in it, by name. */
  handedOverBy: string;
  approvers: string[];
}

export function countChanges(changes: readonly HandoverChange[]): Record<HandoverChange['kind'], number> {
  const n = { new: 0, changed: 0, retired: 0, withdrawn: 0, onHold: 0 };
  for (const c of changes) n[c.kind]++;
  return n;
}

/** 表紙: what the supervisor checks before the floor uses it. Label / value pairs. */
export function coverSheet(h: FaqHandover, changes: readonly HandoverChange[], who: CoverFacts, label: Label): BookCell[][] {
  const n = countChanges(changes);
  const sep = label(`${book}.listSeparator`);
  const leftOut: string[] = [];
  // Drafts counts the entries on hold whose approval lapsed (it holds for no version): said once,
  // as on hold. Those on hold for a caller's details are approved, not drafts, and said apart.
  const onHold = (h.onHold ?? []).filter((e) => e.reason !== 'personal-data');
  const personal = (h.onHold ?? []).filter((e) => e.reason === 'personal-data');
  const drafts = h.draftsLeftOut - onHold.length;
  const named = (entries: readonly { question: string }[]) => entries.map((e) => e.question).join(sep);
  if (drafts > 0) leftOut.push(label(`${book}.cover.drafts`, { n: drafts }));
  if (h.leftOutStale.length > 0) leftOut.push(label(`${book}.cover.stale`, { n: h.leftOutStale.length, questions: named(h.leftOutStale) }));
  if (onHold.length > 0) leftOut.push(label(`${book}.cover.onHold`, { n: onHold.length, questions: named(onHold) }));
  if (personal.length > 0) leftOut.push(label(`${book}.cover.personalData`, { n: personal.length, questions: named(personal) }));
  const rows: [string, string][] = [
    ['title', h.title],
    ['version', label(`${book}.cover.versionN`, { n: h.version })],
    ['at', jstDateTime(h.at)],
    ['handedOverBy', who.handedOverBy],
    ['approvedBy', who.approvers.join(sep)],
    ['entries', label(`${book}.cover.entriesN`, { n: h.items.length })],
    // 使用停止 counts both: left out as stale, and on hold until approved again.
    ['changes', label(`${book}.cover.changesN`, { ...n, withdrawn: n.withdrawn + n.onHold })],
    ['leftOut', leftOut.join('\n')],
    ['use', label(`${book}.cover.useNote`, { n: h.version })],
  ];
  return [[label(`${book}.cover.heading`)], ...rows.map(([key, value]) => [label(`${book}.cover.${key}`), cell(value)])];
}

/** The FAQ sheet as CSV text (the caller encodes it: UTF-8 with BOM, or Shift_JIS after the check). */
export function faqCsv(items: readonly HandoverItem[], label: Label): string {
  return toCsv(
    FAQ_COLUMNS.columns.map((c) => label(c.label)),
    items.map((i) => FAQ_COLUMNS.columns.map((c) => c.cell(i))),
  );
}

/** A file name without characters Windows refuses; the handover number in it, as the vendor files them. */
export function handoverFileName(title: string, version: number, ext: string, suffix = ''): string {
  const safe = title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
  return `${safe}-FAQ-v${version}${suffix}.${ext}`;
}
