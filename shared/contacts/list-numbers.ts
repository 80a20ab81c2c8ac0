/**
 * List numbers (リスト 01 … 99): the first two digits of every reference number (照会番号,
 * reference.ts) printed on a list's letters. A number is chosen when the list is imported —
 * the smallest one no list of the incident known here uses — and carried in the import event
 * (`listNo`), so it travels with the list. Derived again from the import events by the same
 * fold on every laptop:
 * - in the store's total order (clock, then event id), each list keeps the number its event
 *   carries if no earlier list carries it too;
 * - then, in the same order, a list imported before numbers existed (no `listNo`), or one
 *   whose number an earlier list kept (two laptops offline chose the same), takes the
 *   smallest number still free;
 * - with all 99 taken (only possible through such clashes), a list has no number: its
 *   letters cannot carry a reference number until the clash is resolved (decision 025).
 */
import { MAX_LIST_NO } from './reference';

export interface ListImport {
  datasetId: string;
  /** The number chosen at import; absent for lists imported before numbers existed. */
  listNo?: number;
  /** The import event's clock and id: the store's total order. */
  at: string;
  id: string;
}

export interface ListNumbers {
  /** Dataset id → its number (1–99); absent when none is free. */
  byDataset: ReadonlyMap<string, number>;
  /** Number → dataset id. */
  byNumber: ReadonlyMap<number, string>;
  /** Datasets whose event carried a number another list kept (they print another number now). */
  moved: ReadonlyMap<string, { chose: number; now: number | undefined }>;
}

const validNo = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 1 && n <= MAX_LIST_NO;

const inOrder = (a: ListImport, b: ListImport) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The numbers of an incident's lists, from their import events (any order). */
export function listNumbers(imports: readonly ListImport[]): ListNumbers {
  const byDataset = new Map<string, number>();
  const byNumber = new Map<number, string>();
  const moved = new Map<string, { chose: number; now: number | undefined }>();
  const sorted = [...imports].sort(inOrder);
  const seen = new Set<string>();
  const rest: ListImport[] = [];
  // First the numbers chosen at import, in order: an earlier list keeps its number.
  for (const l of sorted) {
    // The same dataset named twice (an adoption never writes a second event, but a broken laptop might): the first counts.
    if (seen.has(l.datasetId)) continue;
    seen.add(l.datasetId);
    if (validNo(l.listNo) && !byNumber.has(l.listNo)) {
      byDataset.set(l.datasetId, l.listNo);
      byNumber.set(l.listNo, l.datasetId);
    } else rest.push(l);
  }
  // Then, in order, lists without a number (imported before numbers) and those that lost a
  // clash take the smallest free one. Done after every chosen number is placed, so a clash
  // moves only the list that lost it, never a list after it that chose well.
  let lowestFree = 1;
  for (const l of rest) {
    while (lowestFree <= MAX_LIST_NO && byNumber.has(lowestFree)) lowestFree++;
    const now = lowestFree <= MAX_LIST_NO ? lowestFree : undefined;
    if (validNo(l.listNo)) moved.set(l.datasetId, { chose: l.listNo, now });
    if (now === undefined) continue;
    byDataset.set(l.datasetId, now);
    byNumber.set(now, l.datasetId);
  }
  return { byDataset, byNumber, moved };
}

/** A list that chose a number another list kept, and the number it prints now. */
export interface ClashedList {
  datasetId: string;
  now: number | undefined;
}

/**
 * Per number, the lists that chose it at import but lost it to an earlier list: letters they
 * printed before the laptops met carry that number, which now names the other list's customer
 * of the same row (decision 025). A number typed or returned may be theirs.
 */
export function clashedNumbers(n: ListNumbers): Map<number, ClashedList[]> {
  const out = new Map<number, ClashedList[]>();
  for (const [datasetId, { chose, now }] of n.moved) (out.get(chose) ?? out.set(chose, []).get(chose)!).push({ datasetId, now });
  return out;
}

/** `listNumberOf(datasetId)` over an incident's import events. */
export function listNumberOf(imports: readonly ListImport[]): (datasetId: string) => number | undefined {
  const { byDataset } = listNumbers(imports);
  return (id) => byDataset.get(id);
}

/** The number a new list takes: the smallest no list of the incident uses; undefined when all 99 are taken. */
export function nextListNumber(imports: readonly ListImport[]): number | undefined {
  const { byNumber } = listNumbers(imports);
  for (let n = 1; n <= MAX_LIST_NO; n++) if (!byNumber.has(n)) return n;
  return undefined;
}

/** As shown beside a list's name: `01`. */
export const formatListNo = (n: number) => String(n).padStart(2, '0');
