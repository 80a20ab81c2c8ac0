/**
 * The letters of a post batch after 名寄せ: the batch names every row (each keeps its own
 * status); only the letters and the mailing file collapse a merged cluster to one letter,
 * addressed to its first row in the batch — or, for a cluster whose letter another list
 * prints, to none here (shared/contacts/nayose-decisions.ts, decision 027).
 */
import { collapseLetters, type Member, NayoseDecisions } from '../../../shared/contacts/nayose-decisions';
import type { BatchSummary } from '../../../shared/contacts/batch-summary';
import { waiting } from './batch-reads';
import type { ContactReader } from './contact-data';
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
  /** Rows whose letter another row of this batch and list carries: that row. */
  coveredBy: Map<number, number>;
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
  return { letters, saved: coveredBy.size + elsewhere.size, elsewhere, changed: sent ? 0 : changed, coveredBy };
}

/**
 * The rows a batch's files are made for, read when they are made. A batch not yet sent makes
 * them for its customers still waiting on its channel (batch-reads.ts `waiting`): one excluded
 * since it was made (故人, 連絡不要), reached, moved on or taken by a newer batch gets no letter
 * and no line in the mailing, vendor or e-mail list — as the call list already leaves them out.
 * A batch marked sent makes again what it sent, less the customers excluded since (no letter is
 * printed again for someone who died). `leftOut` says how many of the batch that is.
 */
export async function rowsToSend(r: ContactReader, s: BatchSummary): Promise<{ rows: number[]; leftOut: number }> {
  let rows: number[];
  if (s.sentAt === null) rows = (await waiting(r, s)).map((w) => w.row);
  else {
    const statusOf = r.data.statusReader(s.batch.datasetId);
    rows = [];
    for (const row of s.batch.rows) if ((await statusOf(row)).phase !== 'excluded') rows.push(row);
  }
  return { rows, leftOut: s.batch.rows.length - rows.length };
}

/**
 * A post batch's letters as they are made now: one per merged cluster of the batch (名寄せ), as
 * the batch was made — a letter goes only when every record it carries is still to send
 * (`rowsToSend`). A person merged from two records, one of them excluded as deceased, gets no
 * letter: collapsing only the rows left would have moved the letter to the other record.
 */
export async function lettersToPrint(r: ContactReader, incidentId: string, s: BatchSummary): Promise<BatchLetters & { leftOut: number }> {
  const { rows, leftOut } = await rowsToSend(r, s);
  const all = await batchLetters(r.data, incidentId, s.batch.datasetId, s.batch.rows, s.batch.batchId);
  if (leftOut === 0) return { ...all, leftOut };
  const still = new Set(rows);
  const carried = new Map<number, number[]>(all.letters.map((l) => [l, [l]]));
  for (const [row, letter] of all.coveredBy) carried.get(letter)?.push(row);
  const letters = all.letters.filter((l) => carried.get(l)!.every((row) => still.has(row)));
  return { ...all, letters, leftOut };
}
