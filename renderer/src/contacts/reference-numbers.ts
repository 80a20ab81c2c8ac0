/**
 * Reference numbers (照会番号) on this laptop: a list's number from the incident's import
 * events (shared/contacts/list-numbers.ts), a customer's number from it and their row, and
 * the way back from a number to the list and row — no index: the number holds both.
 */
import { MAX_LIST_NO, parseReference, referenceNumber, type ReferenceProblem } from '../../../shared/contacts/reference';
import type { ReferenceBook } from '../../../shared/contacts/result-references';
import { clashedNumbers, type ClashedList } from '../../../shared/contacts/list-numbers';
import type { ContactData } from './contact-data';

export type { ReferenceBook };

/** A 100th list: reference numbers hold two digits for the list (decision 025). */
export class ListsFullError extends Error {
  readonly max = MAX_LIST_NO;
  constructor() {
    super('contacts: every list number of the incident is taken');
    this.name = 'ListsFullError';
  }
}

/** Where a reference number leads on this laptop. */
export type ReferenceTarget =
  /** `clashedWith`: lists that also chose this number (letters printed before two laptops met may carry it). */
  | { kind: 'found'; datasetId: string; row: number; listNo: number; ref: string; clashedWith: readonly ClashedList[] }
  /** Typed wrong (the check digit, the length, not digits): the person should read it again. */
  | { kind: 'mistyped'; problem: ReferenceProblem }
  /** A list of the incident whose rows are not on this laptop (imported elsewhere). */
  | { kind: 'not-here'; listNo: number; datasetId: string }
  /** No list of the incident has this number, or the list has no such row. */
  | { kind: 'unknown'; listNo: number; row: number };

/** Resolves a reference number as typed to a list of the incident and a row. */
export async function resolveReference(data: ContactData, incidentId: string, input: string): Promise<ReferenceTarget> {
  const parsed = parseReference(input);
  if (!parsed.ok) return { kind: 'mistyped', problem: parsed.problem };
  return resolveParsed(await referenceBook(data, incidentId), parsed.listNo, parsed.row, parsed.ref);
}

export async function referenceBook(data: ContactData, incidentId: string): Promise<ReferenceBook> {
  const [numbers, present] = await Promise.all([data.listNumbers(incidentId), data.datasets(incidentId)]);
  const rows = new Map(present.map((d) => [d.id, d.rows]));
  const clashed = clashedNumbers(numbers);
  return { datasetOf: (n) => numbers.byNumber.get(n), rowsOf: (id) => rows.get(id), clashedWith: (n) => clashed.get(n) ?? [] };
}

export function resolveParsed(book: ReferenceBook, listNo: number, row: number, ref: string): ReferenceTarget {
  const datasetId = book.datasetOf(listNo);
  if (datasetId === undefined) return { kind: 'unknown', listNo, row };
  const rows = book.rowsOf(datasetId);
  if (rows === undefined) return { kind: 'not-here', listNo, datasetId };
  if (row >= rows) return { kind: 'unknown', listNo, row };
  return { kind: 'found', datasetId, row, listNo, ref, clashedWith: book.clashedWith?.(listNo) ?? [] };
}

/** A customer's reference number, or undefined when their list has no number (decision 025). */
export function referenceOf(listNo: number | undefined, row: number): string | undefined {
  return listNo === undefined ? undefined : referenceNumber(listNo, row);
}
