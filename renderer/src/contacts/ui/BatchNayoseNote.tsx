/**
 * What 名寄せ did to a post batch, said where the batch's files are made: letters saved, the
 * customers another list's letter tells (never in this batch's files, never marked reached by
 * "the rest reached"), and — when a decision changed after the files were made (a merge, or
 * the undo of one) — that the files no longer match the letters and must be made again; and
 * when a merged customer's 文面 changed after the merge, that they get a letter per 文面 until
 * someone decides again.
 */
import type { ExportRow } from '../../../../shared/access/exports';
import { useT } from '../../i18n/i18n';
import type { BatchLetters } from '../nayose-letters';
import { useContacts } from './contacts-store';
import { namedDataset, useListName } from './list-name';

const LETTER_FILES = new Set(['mailing-csv', 'letters', 'vendor-csv']);

/** The letter count the latest produced file of the batch was asked for (null when none was made). */
export function lettersWhenMade(requests: readonly ExportRow[]): number | null {
  let latest: { at: string; rows: number } | null = null;
  for (const r of requests) {
    if (!r.request || !LETTER_FILES.has(r.request.kind)) continue;
    for (const p of r.productions) if (!latest || p.at > latest.at) latest = { at: p.at, rows: r.request.rows };
  }
  return latest?.rows ?? null;
}

export function BatchNayoseNote({ letters, requests }: { letters: BatchLetters; requests: readonly ExportRow[] }) {
  const t = useT();
  const datasets = useContacts((s) => s.datasets);
  const listName = useListName();
  const nf = new Intl.NumberFormat();
  const lists = [...new Set([...letters.elsewhere.values()].map((m) => m.datasetId))].map((id) => {
    const d = datasets.find((x) => x.id === id);
    return d ? listName(namedDataset(d)) : t('nayose.otherList');
  });
  const made = lettersWhenMade(requests);
  return (
    <>
      {letters.saved > 0 && <span className="meta"> {t('nayose.saved', { n: nf.format(letters.saved) })}</span>}
      {letters.elsewhere.size > 0 && (
        <p className="hint" data-testid="nayose-elsewhere">
          {t('nayose.elsewhere', { n: nf.format(letters.elsewhere.size), lists: lists.join(t.dict.facts.listSeparator) })} {t('nayose.elsewhereRest', { n: nf.format(letters.elsewhere.size) })}
        </p>
      )}
      {letters.changed > 0 && (
        <p className="hint" role="note" data-testid="nayose-variant-changed">
          {t('nayose.variantChanged', { n: nf.format(letters.changed) })}
        </p>
      )}
      {made !== null && made !== letters.letters.length && (
        <p className="error" role="note">
          {t('nayose.changedSince', { now: nf.format(letters.letters.length), made: nf.format(made) })}
        </p>
      )}
    </>
  );
}
