/**
 * The letters of a post batch after 名寄せ: the batch names every row (each keeps its own
 * status); only the letters and the mailing file collapse a merged cluster to one letter,
 * addressed to its first row in the batch — or, for a cluster whose letter another list
 * prints, to none here (shared/contacts/nayose-decisions.ts, decision 027).
 */
import { collapseLetters, type Member, NayoseDecisions } from '../../../shared/contacts/nayose-decisions';
import { type GovernanceData, readLetterGovernance } from './nayose-handlers';

export interface BatchLetters {
  /** Rows that get a letter, ascending. */
  letters: number[];
  /** Letters not printed because another record's letter covers them (in this list or another). */
  saved: number;
  /** Rows of this batch covered by a letter another list prints: which record's letter. */
  elsewhere: Map<number, Member>;
  /** Merges of this batch's rows printed as more letters than decided: a 文面 changed since (decide them again). */
  changed: number;
}

/**
 * The decisions a batch's letters are read by: as they stand now, or — for a batch marked sent
 * (its letters are in the post) — as they stood when it was marked sent. Read through the kept
 * governance (readLetterGovernance): a screen of batches does not read every batch once per batch.
 */
export async function letterDecisions(data: GovernanceData, incidentId: string): Promise<{ now: NayoseDecisions; of: (batchId?: string) => NayoseDecisions }> {
  const g = await readLetterGovernance(data, incidentId);
  return { now: g.now, of: (batchId) => (batchId !== undefined && g.sent.get(batchId)) || g.now };
}

/** `batchId`: the batch these rows are (a sent one keeps the letters it sent); none: the letters as of now. */
export async function batchLetters(data: GovernanceData, incidentId: string, datasetId: string, rows: readonly number[], batchId?: string): Promise<BatchLetters> {
  const decisions = await letterDecisions(data, incidentId);
  const { letters, coveredBy, elsewhere, changed } = collapseLetters(datasetId, rows, decisions.of(batchId));
  // A batch in the post printed what it printed: nothing to decide again for it.
  const sent = decisions.of(batchId) !== decisions.now;
  return { letters, saved: coveredBy.size + elsewhere.size, elsewhere, changed: sent ? 0 : changed };
}
