/**
 * The gift vendor's redemption file: one line per code redeemed (code, option chosen, day),
 * under the vendor's own column names. Read like a returned-mail list (separator detected,
 * Shift_JIS / UTF-8 / UTF-16 decoded by the caller), the columns mapped like a customer
 * list's (guessed from the header, changed on the preview), then planned against the codes
 * this incident issued and the redemptions already recorded: every line is new, already
 * redeemed, mistyped, unknown, or has an option or a day we cannot read — each with its line
 * and column. Only the new ones are recorded, as one event; the same file again adds nothing.
 */
import { CsvRecordStream, CsvStreamError } from './csv-stream';
import { looksLikeGiftCode, type ReadGiftCode } from './gift-code';
import type { GiftProgramme, GiftsRedeemed } from './gift-events';
import type { GiftState } from './gift-state';
import type { Delimiter } from './model';

export const REDEMPTION_FIELDS = ['code', 'option', 'date'] as const;
export type RedemptionField = (typeof REDEMPTION_FIELDS)[number];
/** Column (0-based) of each field, or -1 when the file has none. */
export type RedemptionMapping = Record<RedemptionField, number>;

export interface RedemptionFile {
  delimiter: Delimiter;
  header: string[];
  rows: { line: number; cells: string[] }[];
  mapping: RedemptionMapping;
  /** A broken quote or the like: where the file stopped being readable. */
  problem?: { line: number; column: number };
}

const GUESS: Record<RedemptionField, RegExp> = {
  code: /コード|番号|code|voucher|serial|pin/i,
  option: /選択|商品|品目|コース|種類|交換先|option|choice|product|item/i,
  date: /日|date|time|redeemed/i,
};

/** `codeColumn`: the column already known to hold the codes (by its contents), or -1. */
export function guessRedemptionMapping(header: readonly string[], codeColumn = -1): RedemptionMapping {
  const used = new Set<number>(codeColumn >= 0 ? [codeColumn] : []);
  const out = { code: codeColumn, option: -1, date: -1 } as RedemptionMapping;
  for (const f of REDEMPTION_FIELDS) {
    if (f === 'code' && codeColumn >= 0) continue;
    const i = header.findIndex((h, k) => !used.has(k) && GUESS[f].test(h.normalize('NFKC')));
    if (i >= 0) used.add(i);
    out[f] = i;
  }
  return out;
}

export function parseRedemptionFile(text: string): RedemptionFile {
  const csv = new CsvRecordStream();
  let records;
  let problem: RedemptionFile['problem'];
  try {
    records = csv.push(text, true);
  } catch (e) {
    if (!(e instanceof CsvStreamError)) throw e;
    records = e.before;
    problem = { line: e.issue.line, column: e.issue.column ?? 1 };
  }
  const rows = records.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) })).filter((r) => r.cells.some(Boolean));
  const header = rows[0]?.cells ?? [];
  const tail = { delimiter: csv.delimiter, header, ...(problem ? { problem } : {}) };
  // The codes' column by its contents: a header word (受付番号, 商品コード) may come first.
  const codeColumn = mostly(rows.slice(1, 21), looksLikeGiftCode);
  // No header at all: the first line is a redemption (kept), its columns found by their contents.
  if (header.some((c) => looksLikeGiftCode(c))) {
    const code = mostly(rows.slice(0, 20), looksLikeGiftCode);
    const date = mostly(rows.slice(0, 20), (c) => parseDay(c) !== null, [code]);
    const option = header.findIndex((c, k) => k !== code && k !== date && c !== '');
    return { ...tail, rows, mapping: { code, option, date } };
  }
  return { ...tail, rows: rows.slice(1), mapping: guessRedemptionMapping(header, codeColumn) };
}

/** The first column (not in `skip`) where at least 4 of 5 sample lines pass `test`, or -1. */
function mostly(sample: readonly { cells: string[] }[], test: (cell: string) => boolean, skip: readonly number[] = []): number {
  if (sample.length === 0) return -1;
  const width = Math.max(...sample.map((r) => r.cells.length));
  for (let k = 0; k < width; k++) {
    if (skip.includes(k)) continue;
    if (sample.filter((r) => test(r.cells[k] ?? '')).length * 5 >= sample.length * 4) return k;
  }
  return -1;
}

const DAY_MS = 86_400_000;

/** A day as vendors write it (2026-12-02, 2026/12/2, 2026年12月2日, with a time or full-width digits): days since 1970, or null. */
export function parseDay(text: string): number | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.floor(t / DAY_MS);
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

/** Where a line stopped: 1-based line and column, and what was there. */
export interface LineIssue {
  line: number;
  column: number;
  value: string;
}

export interface RedemptionPlan {
  lines: number;
  /** New redemptions, by option id. */
  byOption: Record<string, number>;
  valid: number;
  already: LineIssue[];
  mistyped: LineIssue[];
  unknown: LineIssue[];
  badOption: LineIssue[];
  badDate: LineIssue[];
  /**
   * New lines whose code names a list number another list also chose (two laptops offline,
   * list-numbers.ts `clashedNumbers`): a code printed on that list's letters before the laptops
   * met reads as this list's customer of the same row. Recorded as read; named for a person to check.
   */
  clashed: number[];
  /** New lines recorded as redeemed on `today`, because the file has no date column. */
  undated: number;
  /** The event's payload, when there is something new. */
  payload: GiftsRedeemed | null;
}

export interface RedemptionDeps {
  read(code: string): ReadGiftCode;
  /** The incident's list with this number, if any (refno16's `listNumberOf`, inverted). */
  listOf(listNo: number): { datasetId: string; rows: number } | undefined;
  programme: GiftProgramme;
  state: GiftState;
  /** Whether another list also chose this list number (see `RedemptionPlan.clashed`). */
  clashed?: (listNo: number) => boolean;
  /**
   * Days since 1970-01-01 of the day the file is taken in (Japan time): the redemption day of
   * every line when the file has no date column — some vendors send only codes and options.
   */
  today?: number;
}

/** Days since 1970-01-01 of the Japan-time day that `ms` falls in. */
export function jstDayNumber(ms: number): number {
  return Math.floor((ms + 9 * 3_600_000) / 86_400_000);
}

export function planRedemption(file: RedemptionFile, mapping: RedemptionMapping, deps: RedemptionDeps, listName?: string): RedemptionPlan {
  const plan: RedemptionPlan = { lines: file.rows.length, byOption: {}, valid: 0, already: [], mistyped: [], unknown: [], badOption: [], badDate: [], clashed: [], undated: 0, payload: null };
  const optionByText = new Map<string, string>();
  for (const o of deps.programme.options) {
    optionByText.set(norm(o.label), o.id);
    optionByText.set(norm(o.id), o.id);
  }
  const optionIds = deps.programme.options.map((o) => o.id);
  const parts = new Map<string, { datasetId: string; rows: number[]; options: number[]; days: number[] }>();
  const inFile = new Set<string>();
  const at = (r: { line: number; cells: string[] }, col: number): LineIssue => ({ line: r.line, column: col + 1, value: r.cells[col] ?? '' });
  for (const r of file.rows) {
    const codeText = r.cells[mapping.code] ?? '';
    const read = deps.read(codeText);
    if (!read.ok) {
      (read.problem === 'unknown' ? plan.unknown : plan.mistyped).push(at(r, mapping.code));
      continue;
    }
    const list = deps.listOf(read.listNo);
    if (!list || read.row >= list.rows) {
      plan.unknown.push(at(r, mapping.code));
      continue;
    }
    const optionId = mapping.option >= 0 ? optionByText.get(norm(r.cells[mapping.option] ?? '')) : optionIds.length === 1 ? optionIds[0] : undefined;
    if (optionId === undefined) {
      plan.badOption.push(at(r, Math.max(0, mapping.option)));
      continue;
    }
    const day = mapping.date >= 0 ? parseDay(r.cells[mapping.date] ?? '') : (deps.today ?? null);
    if (day === null) {
      plan.badDate.push(at(r, Math.max(0, mapping.date)));
      continue;
    }
    const key = `${list.datasetId}\u0000${read.row}`;
    if (inFile.has(key) || deps.state.get(list.datasetId, read.row)) {
      plan.already.push(at(r, mapping.code));
      continue;
    }
    inFile.add(key);
    if (deps.clashed?.(read.listNo)) plan.clashed.push(r.line);
    let part = parts.get(list.datasetId);
    if (!part) parts.set(list.datasetId, (part = { datasetId: list.datasetId, rows: [], options: [], days: [] }));
    part.rows.push(read.row);
    part.options.push(optionIds.indexOf(optionId));
    part.days.push(day);
    plan.byOption[optionId] = (plan.byOption[optionId] ?? 0) + 1;
    plan.valid++;
    if (mapping.date < 0) plan.undated++;
  }
  if (plan.valid > 0) {
    plan.payload = { optionIds, parts: [...parts.values()], listLines: file.rows.length + 1, ...(listName ? { listName } : {}) };
  }
  return plan;
}
