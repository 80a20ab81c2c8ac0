/**
 * The contact list as CSV, for Excel and for the list a company already keeps. Writing
 * reuses shared/export/csv.ts (formula guard, UTF-8 with BOM or Shift_JIS; a character
 * Shift_JIS cannot write is an UnencodableError naming it and where, never a silent "?").
 * Reading takes the text the renderer decoded with the contact tracker's file reader (it
 * detects Shift_JIS, UTF-8 and UTF-16) and checks every row before anything is stored: one
 * bad row and nothing is imported, each problem with its line and column.
 */
import { guardCell, parseCsv, toCsv, type CsvCell } from '../export/csv';
import type { Problem } from '../events/command';
import { CONTACT_CATEGORIES, type ContactCategory, type DirectoryPerson, type DirectoryPersonFields } from './model';
import { checkPerson, cleanPerson } from './validate';

export const CSV_COLUMNS = ['id', 'name', 'organisation', 'title', 'category', 'phone1', 'phone2', 'phone3', 'email1', 'email2', 'email3', 'chat', 'deputy', 'hours'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The words of one language for the file: column headers and category names (from the dictionaries). */
export interface CsvWords {
  columns: Record<CsvColumn, string>;
  categories: Record<ContactCategory, string>;
}

export function directoryCsv(people: readonly DirectoryPerson[], words: CsvWords): string {
  const byId = new Map(people.map((p) => [p.id, p]));
  const rows: CsvCell[][] = people.map((p) => {
    const cells: Record<CsvColumn, string> = {
      id: p.id,
      name: p.name,
      organisation: p.organisation,
      title: p.title,
      category: words.categories[p.category],
      phone1: p.phones[0] ?? '',
      phone2: p.phones[1] ?? '',
      phone3: p.phones[2] ?? '',
      email1: p.emails[0] ?? '',
      email2: p.emails[1] ?? '',
      email3: p.emails[2] ?? '',
      chat: p.chat,
      // The deputy's name, as a person reading the file knows them; a name shared by two people is written as the id.
      deputy: p.deputyId ? deputyCell(p.deputyId, byId, people) : '',
      hours: p.hours,
    };
    return CSV_COLUMNS.map((c) => cells[c]);
  });
  return toCsv(CSV_COLUMNS.map((c) => words.columns[c]), rows);
}

function deputyCell(id: string, byId: ReadonlyMap<string, DirectoryPerson>, people: readonly DirectoryPerson[]): string {
  const d = byId.get(id);
  if (!d) return '';
  return people.filter((p) => p.name === d.name).length === 1 ? d.name : d.id;
}

/** A problem of the file: 1-based line of the text and column (field) of the CSV; column 0 = the whole row. */
export interface CsvProblem extends Problem {
  line: number;
  column: number;
}

export type CsvImport = { ok: true; people: { id: string; isNew: boolean; fields: DirectoryPersonFields }[] } | { ok: false; problems: CsvProblem[]; header: string[] };

/** The line each record starts on (a quoted field may hold a line break), read the way parseCsv reads. */
function recordLines(text: string, delimiter: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let inQuotes = false;
  let started = false;
  // A quote opens a quoted field only at the start of a field, as in parseCsv.
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!started) {
      // An empty line is a record too (of one empty field) in parseCsv.
      lines.push(line);
      started = true;
    }
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') i++;
      else if (ch === '"') inQuotes = false;
      else if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      continue;
    }
    if (ch === '"' && fieldStart) inQuotes = true;
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      started = false;
      fieldStart = true;
      continue;
    }
    fieldStart = ch === delimiter;
  }
  return lines;
}

/** A cell as it was before the export guarded it against formulas ("'=ACME" → "=ACME"). */
function unguard(cell: string): string {
  return cell.startsWith("'") && guardCell(cell.slice(1)) === cell ? cell.slice(1) : cell;
}

/**
 * Commas, unless the header line has none and has tabs (Excel's "Unicode text", a list
 * copied from a spreadsheet) or semicolons (Excel in some locales).
 */
function delimiterOf(text: string): ',' | '\t' | ';' {
  const first = text.slice(0, text.search(/\r|\n|$/));
  if (first.includes(',')) return ',';
  if (first.includes('\t')) return '\t';
  return first.includes(';') ? ';' : ',';
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/**
 * The people of a file, checked. Headers may be in either language (`words` lists every
 * language's); unknown columns and a missing name column are refused. A row with an id of
 * the list updates that person; a row without one is a new person. The deputy is a name
 * or an id, of this file or of the list.
 */
export function readDirectoryCsv(text: string, words: readonly CsvWords[], existing: readonly DirectoryPerson[], newId: () => string): CsvImport {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const delimiter = delimiterOf(src);
  let records: string[][];
  try {
    records = parseCsv(src, delimiter);
  } catch (err) {
    const line = (err as { line?: number }).line ?? 1;
    return { ok: false, problems: [{ field: 'file', reason: 'unclosed-quote', line, column: 0 }], header: [] };
  }
  const lines = recordLines(src, delimiter);
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) return { ok: false, problems: [{ field: 'file', reason: 'empty', line: 1, column: 0 }], header: [] };

  const columnOf = new Map<string, CsvColumn>();
  for (const w of words) for (const c of CSV_COLUMNS) columnOf.set(norm(w.columns[c]), c);
  const categoryOf = new Map<string, ContactCategory>();
  for (const c of CONTACT_CATEGORIES) categoryOf.set(norm(c), c);
  for (const w of words) for (const c of CONTACT_CATEGORIES) categoryOf.set(norm(w.categories[c]), c);

  const problems: CsvProblem[] = [];
  const cols: (CsvColumn | null)[] = header.map((h, i) => {
    const c = columnOf.get(norm(h));
    if (!c && h.trim() !== '') problems.push({ field: 'header', reason: 'unknown-column', params: { name: h.trim() }, line: 1, column: i + 1 });
    return c ?? null;
  });
  cols.forEach((c, i) => {
    if (c && cols.indexOf(c) !== i) problems.push({ field: 'header', reason: 'duplicate-column', params: { name: header[i]!.trim() }, line: 1, column: i + 1 });
  });
  if (!cols.includes('name')) problems.push({ field: 'header', reason: 'no-name-column', line: 1, column: 0 });
  if (problems.length > 0) return { ok: false, problems, header };
  const at = (c: CsvColumn) => cols.indexOf(c);

  const existingIds = new Set(existing.map((p) => p.id));
  type Row = { line: number; cells: string[]; id: string; isNew: boolean };
  const rows: Row[] = [];
  const seenIds = new Map<string, number>();
  records.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const line = lines[i + 1] ?? i + 2;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      problems.push({ field: 'row', reason: 'too-many-cells', params: { n: cells.length, expected: header.length }, line, column: header.length + 1 });
    }
    const idCell = at('id') >= 0 ? (cells[at('id')] ?? '').trim() : '';
    if (idCell !== '' && seenIds.has(idCell)) problems.push({ field: 'id', reason: 'duplicate-id', params: { other: seenIds.get(idCell)! }, line, column: at('id') + 1 });
    if (idCell !== '') seenIds.set(idCell, line);
    rows.push({ line, cells, id: idCell || newId(), isNew: idCell === '' || !existingIds.has(idCell) });
  });
  if (rows.length === 0) problems.push({ field: 'file', reason: 'no-rows', line: 2, column: 0 });

  // Deputies by name or id: this file first (it is what the person is importing), then the list.
  const fileNames = new Map<string, string[]>();
  for (const r of rows) {
    const name = (r.cells[at('name')] ?? '').trim();
    fileNames.set(name, [...(fileNames.get(name) ?? []), r.id]);
  }
  const fileIds = new Set(rows.map((r) => r.id));
  const listNames = new Map<string, string[]>();
  for (const p of existing) if (!fileIds.has(p.id)) listNames.set(p.name, [...(listNames.get(p.name) ?? []), p.id]);
  const known = new Set([...existingIds, ...fileIds]);

  const people: { id: string; isNew: boolean; fields: DirectoryPersonFields }[] = [];
  for (const r of rows) {
    const cell = (c: CsvColumn) => (at(c) >= 0 ? unguard(r.cells[at(c)] ?? '') : '');
    const col = (field: string) => {
      const c = field.startsWith('phones.') ? (`phone${Number(field.slice(7)) + 1}` as CsvColumn) : field.startsWith('emails.') ? (`email${Number(field.slice(7)) + 1}` as CsvColumn) : field === 'deputyId' ? 'deputy' : (field as CsvColumn);
      return at(c) + 1;
    };
    const categoryText = cell('category').trim();
    const category = categoryText === '' ? 'other' : categoryOf.get(norm(categoryText));
    if (!category) problems.push({ field: 'category', reason: 'unknown-category', params: { value: categoryText }, line: r.line, column: col('category') });
    let deputyId: string | null = null;
    const deputyText = cell('deputy').trim();
    if (deputyText !== '') {
      const byName = fileNames.get(deputyText) ?? listNames.get(deputyText) ?? [];
      if (known.has(deputyText)) deputyId = deputyText;
      else if (byName.length === 1) deputyId = byName[0]!;
      else problems.push({ field: 'deputyId', reason: byName.length > 1 ? 'deputy-ambiguous' : 'deputy-not-found', params: { value: deputyText }, line: r.line, column: col('deputyId') });
    }
    // Phones and e-mails keep their column: an empty phone1 with a phone2 is still phone2's column in a problem.
    const phoneCells = (['phone1', 'phone2', 'phone3'] as const).map(cell);
    const emailCells = (['email1', 'email2', 'email3'] as const).map(cell);
    const fields = cleanPerson({
      name: cell('name'),
      organisation: cell('organisation'),
      title: cell('title'),
      category: category ?? 'other',
      phones: phoneCells,
      emails: emailCells,
      chat: cell('chat'),
      deputyId,
      hours: cell('hours'),
    });
    for (const p of checkPerson(fields, r.id, known)) {
      let column = col(p.field);
      // The cleaned list dropped empty cells: point at the cell that holds the n-th value.
      const [list, n] = p.field.split('.');
      if ((list === 'phones' || list === 'emails') && n !== undefined) {
        const cellsOf = list === 'phones' ? phoneCells : emailCells;
        const filled = cellsOf.map((c, i) => (c.trim() !== '' ? i : -1)).filter((i) => i >= 0);
        column = at(`${list === 'phones' ? 'phone' : 'email'}${(filled[Number(n)] ?? 0) + 1}` as CsvColumn) + 1;
      }
      problems.push({ ...p, line: r.line, column });
    }
    people.push({ id: r.id, isNew: r.isNew, fields });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column), header };
  return { ok: true, people };
}
