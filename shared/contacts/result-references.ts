/**
 * A returned-mail list that names customers by reference number (照会番号) — the printing
 * vendor's return list carries the number printed on the letter, not the customer number.
 * A number holds its list and row, so no index is read: each line is parsed (a mistyped one
 * is reported at its line and column), then sent to its list of the incident — which may be
 * another list than the one chosen on screen — or reported when that list is not on this
 * laptop, or has no such customer.
 */
import { looksLikeReference, lostLeadingZero, MAX_LIST_NO, parseReferenceCell, type ReferenceProblem } from './reference';
import type { ClashedList } from './list-numbers';
import { CUSTOMER_HEADER, type ListItem, type ParsedList, REFERENCE_HEADER } from './result-list';

/** What the first column of a returned-mail list holds. */
export type ReturnKey = 'customer-no' | 'reference';

/** The incident's lists by number, and the rows of those present on this laptop. */
export interface ReferenceBook {
  datasetOf: (listNo: number) => string | undefined;
  /** Rows of a list complete here; undefined when its rows are not on this laptop. */
  rowsOf: (datasetId: string) => number | undefined;
  /** Lists that chose this number too and print another now (list-numbers.ts `clashedNumbers`). */
  clashedWith?: (listNo: number) => readonly ClashedList[];
}

export interface ReferenceSplit {
  /** Lines per list present here: the item's index in the parsed list and the customer's row. */
  lists: { listNo: number; datasetId: string; items: { index: number; row: number }[] }[];
  /** Lines that are not a reference number (check digit, length, not digits), with their line and column. */
  mistyped: { index: number; line: number; column: number; problem: ReferenceProblem }[];
  /** Lines of lists of the incident whose rows are not on this laptop, by list number. */
  notHere: { listNo: number; lines: number[] }[];
  /** Well-formed numbers of no list of the incident, or past the end of their list. */
  unknown: { index: number; line: number; listNo: number }[];
  /**
   * Lines sent to a list whose number another list also chose (two laptops offline): they may
   * be letters that list printed before the laptops met — applied to the list holding the
   * number, and named so a person can check them.
   */
  clashed: { listNo: number; lines: number[]; lists: readonly ClashedList[] }[];
}

/**
 * Whether the key column holds reference numbers: its header says so (照会番号,
 * reference), or most of the first lines read as 11-digit numbers.
 */
export function guessReturnKey(parsed: Pick<ParsedList, 'header' | 'preview' | 'items' | 'keyColumn'>): ReturnKey {
  const head = parsed.header ? (parsed.preview[0]?.cells[parsed.keyColumn] ?? '') : '';
  if (REFERENCE_HEADER.test(head.normalize('NFKC'))) return 'reference';
  // A header naming the customer's own number: whatever its digits look like.
  if (CUSTOMER_HEADER.test(head.normalize('NFKC'))) return 'customer-no';
  const sample = parsed.items.slice(0, 20);
  if (sample.length === 0) return 'customer-no';
  return sample.filter((i) => looksLikeCell(i.key)).length * 5 >= sample.length * 4 ? 'reference' : 'customer-no';
}

/** 11 digits, or 10 that lost their leading zero in a spreadsheet (the check digit must hold for those). */
function looksLikeCell(key: string): boolean {
  return looksLikeReference(key) || parseReferenceCell(key).ok;
}

export function splitByReference(items: readonly ListItem[], book: ReferenceBook): ReferenceSplit {
  const lists = new Map<number, ReferenceSplit['lists'][number]>();
  const notHere = new Map<number, number[]>();
  const out: ReferenceSplit = { lists: [], mistyped: [], notHere: [], unknown: [], clashed: [] };
  const clashed = new Map<number, number[]>();
  // With lists 10–99 in the incident, 10 digits may be one of theirs with a digit missing (a
  // Damm digit agrees one time in ten) as well as a list 01–09 number without its leading 0.
  let twoDigitLists = false;
  for (let n = 10; n <= MAX_LIST_NO && !twoDigitLists; n++) twoDigitLists = book.datasetOf(n) !== undefined;
  items.forEach((it, index) => {
    const p = parseReferenceCell(it.key);
    if (!p.ok || (twoDigitLists && lostLeadingZero(it.key))) {
      out.mistyped.push({ index, line: it.line, column: it.column, problem: p.ok ? 'leading-zero' : p.problem });
      return;
    }
    const datasetId = book.datasetOf(p.listNo);
    if (datasetId === undefined) return void out.unknown.push({ index, line: it.line, listNo: p.listNo });
    const rows = book.rowsOf(datasetId);
    if (rows === undefined) return void (notHere.get(p.listNo) ?? notHere.set(p.listNo, []).get(p.listNo)!).push(it.line);
    if (p.row >= rows) return void out.unknown.push({ index, line: it.line, listNo: p.listNo });
    const l = lists.get(p.listNo) ?? lists.set(p.listNo, { listNo: p.listNo, datasetId, items: [] }).get(p.listNo)!;
    l.items.push({ index, row: p.row });
    if (book.clashedWith?.(p.listNo).length) (clashed.get(p.listNo) ?? clashed.set(p.listNo, []).get(p.listNo)!).push(it.line);
  });
  out.clashed = [...clashed.entries()].sort((a, b) => a[0] - b[0]).map(([listNo, lines]) => ({ listNo, lines, lists: book.clashedWith!(listNo) }));
  out.lists = [...lists.values()].sort((a, b) => a.listNo - b.listNo);
  out.notHere = [...notHere.entries()].sort((a, b) => a[0] - b[0]).map(([listNo, lines]) => ({ listNo, lines }));
  return out;
}
