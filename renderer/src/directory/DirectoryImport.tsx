import { useState } from 'react';
import { directoryCsv, readDirectoryCsv, type CsvProblem } from '../../../shared/directory/directory-csv';
import type { DirectoryPerson } from '../../../shared/directory/model';
import { encodeCsv, UnencodableError, type CsvEncoding } from '../../../shared/export/csv';
import { readListFile } from '../contacts/file-reader';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { saveFile } from '../platform/platform';
import { message, problem, say, type Message } from '../ui/message';
import { csvProblemWords, csvWords, csvWordsOf, problemWords } from './words';

const SHOWN = 20;

/** Import and export of the contact list as CSV: the whole file is checked first, and nothing is stored unless every row is right. */
export function DirectoryImport({ people, canEdit }: { people: readonly DirectoryPerson[]; canEdit: boolean }) {
  const t = useT();
  const [status, setStatus] = useState<Message | null>(null);
  const [failed, setFailed] = useState<{ problems: CsvProblem[]; header: string[] } | null>(null);

  async function importFile(file: File | null) {
    if (!file) return;
    setStatus(null);
    setFailed(null);
    // The contact tracker's reader: Shift_JIS, UTF-8 or UTF-16, detected.
    const read = await readListFile(file);
    if ('tooLarge' in read) return setStatus(problem('directory.csv.tooLarge'));
    const checked = readDirectoryCsv(read.text, csvWords(), people, () => crypto.randomUUID());
    if (!checked.ok) return setFailed({ problems: checked.problems, header: checked.header });
    try {
      const { added, changed } = await dispatch('directory.import-people', { people: checked.people });
      setStatus(message('directory.csv.imported', { added, changed }));
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      const shown = err.problems.filter((p) => p.reason !== 'unchanged');
      if (shown.length === 0) return setStatus(message('directory.csv.nothingNew'));
      setFailed({ problems: shown.map((p) => ({ ...p, line: Number(p.params?.row ?? 0) + 1, column: 0 })), header: [] });
    }
  }

  async function exportCsv(encoding: CsvEncoding) {
    setStatus(null);
    const text = directoryCsv(people, csvWordsOf(t));
    try {
      const data = encodeCsv(text, encoding);
      const suffix = encoding === 'shift_jis' ? '-sjis' : '';
      await saveFile({ suggestedName: `emergency-contacts${suffix}.csv`, data, filters: [{ name: 'CSV', extensions: ['csv'] }] });
      setStatus(message('directory.csv.exported', { n: people.length }));
    } catch (err) {
      if (!(err instanceof UnencodableError)) throw err;
      // Which people: the record is the CSV's (the header is record 1).
      const names = [...new Set(err.found.map((f) => people[f.record - 2]?.name).filter((n): n is string => !!n))];
      setStatus(problem('directory.csv.unencodable', { chars: [...new Set(err.found.map((f) => f.char))].join(' '), names: names.join('、') }));
    }
  }

  return (
    <div className="directory-files">
      <div className="actions">
        <button type="button" onClick={() => void exportCsv('utf-8-bom')} disabled={people.length === 0}>
          {t('directory.csv.exportUtf8')}
        </button>
        <button type="button" onClick={() => void exportCsv('shift_jis')} disabled={people.length === 0}>
          {t('directory.csv.exportSjis')}
        </button>
      </div>
      {canEdit && (
        <div>
          <label htmlFor="directory-import">{t('directory.csv.importLabel')}</label>
          <input
            id="directory-import"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby="directory-import-hint"
            onChange={(e) => {
              void importFile(e.target.files?.[0] ?? null);
              e.target.value = '';
            }}
          />
          <p className="hint" id="directory-import-hint">
            {t('directory.csv.importHint')}
          </p>
        </div>
      )}
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? undefined : 'error'} data-directory-status>
          {say(t, status)}
        </p>
      )}
      {failed && (
        <div role="alert" className="error" data-import-problems>
          <p>{t('directory.csv.failedTitle')}</p>
          <ul>
            {failed.problems.slice(0, SHOWN).map((p, i) => (
              <li key={i}>{failed.header.length > 0 || p.column === 0 ? csvProblemWords(t, p, failed.header) : problemWords(t, p)}</li>
            ))}
          </ul>
          {failed.problems.length > SHOWN && <p>{t('directory.csv.more', { n: failed.problems.length - SHOWN })}</p>}
        </div>
      )}
    </div>
  );
}
