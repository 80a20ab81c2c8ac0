/**
 * The letters of a post batch after 名寄せ: the batch names every row (each keeps its own
 * status); only the letters and the mailing file collapse a merged cluster to one letter,
 * addressed to its first row in the batch — or, for a cluster whose letter another list
 * prints, to none here (shared/contacts/nayose-decisions.ts, decision 027).
 */
import { collapseLetters, type Member } from '../../../shared/contacts/nayose-decisions';
import type { EventStore } from '../data/event-store';
import { readDecisions } from './nayose-handlers';

export interface BatchLetters {
  /** Rows that get a letter, ascending. */
  letters: number[];
  /** Letters not printed because another record's letter covers them (in this list or another). */
  saved: number;
  /** Rows of this batch covered by a letter another list prints: which record's letter. */
  elsewhere: Map<number, Member>;
}

export async function batchLetters(store: EventStore, incidentId: string, datasetId: string, rows: readonly number[]): Promise<BatchLetters> {
  const { letters, coveredBy, elsewhere } = collapseLetters(datasetId, rows, await readDecisions(store, incidentId));
  return { letters, saved: coveredBy.size + elsewhere.size, elsewhere };
}
