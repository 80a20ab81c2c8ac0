import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import type { MissingDataset } from '../contact-engine';
import type { ImportProgress, ImportResult } from '../import-pipeline';
import { useContacts } from './contacts-store';
import { useListName } from './list-name';

/**
 * Customer lists imported on another laptop: their event came by sync, their rows did not.
 * Choosing the same file imports it here under the same dataset; a different file (its
 * content hash differs) is refused and nothing is kept.
 */
export function MissingDatasets() {
  const t = useT();
  const { missing } = useContacts();
  const [adopted, setAdopted] = useState<{ name: string; rows: number } | null>(null);
  if (missing.length === 0 && !adopted) return null;
  return (
    <section aria-labelledby="im-missing">
      <h3 id="im-missing">{t('contacts.import.missing.title')}</h3>
      {adopted && <AdoptedNote {...adopted} />}
      {missing.length > 0 && (
        <>
          <p className="hint">{t('contacts.import.missing.lead')}</p>
          <ul>
            {missing.map((d) => (
              <MissingRow key={d.datasetId} dataset={d} onAdopted={() => setAdopted({ name: d.fileName, rows: d.rows })} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MissingRow({ dataset, onAdopted }: { dataset: MissingDataset; onAdopted: () => void }) {
  const t = useT();
  const listName = useListName();
  const { client } = useContacts();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | 'error' | null>(null);
  const nf = new Intl.NumberFormat();
  const inputId = `im-adopt-${dataset.datasetId}`;

  async function adopt(file: File | null) {
    if (!file || !client) return;
    setBusy(true);
    setResult(null);
    setProgress(null);
    try {
      const r = await client.adopt(file, dataset.datasetId, setProgress).done;
      setResult(r);
      if (r.ok) onAdopted();
    } catch {
      setResult('error');
    } finally {
      setBusy(false);
      setProgress(null);
      await useContacts.getState().refresh();
    }
  }

  return (
    <li>
      <p>{listName({ fileName: dataset.fileName, rows: dataset.rows, at: dataset.importedAt, repeat: dataset.repeat })}</p>
      <label htmlFor={inputId}>{t('contacts.import.missing.file', { name: dataset.fileName })}</label>{' '}
      <input
        id={inputId}
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        onChange={(e) => {
          const f = e.target.files?.[0] ?? null;
          e.target.value = '';
          void adopt(f);
        }}
      />
      {progress && (
        <div className="import-progress">
          <progress max={progress.totalBytes || 1} value={progress.bytes} aria-label={t('contacts.import.missing.progressLabel', { name: dataset.fileName })} />
          <p role="status">
            {t('contacts.import.progress', {
              rows: nf.format(progress.rows),
              rate: nf.format(Math.round(progress.rowsPerSecond)),
              eta: progress.etaSeconds === null ? '—' : `${Math.ceil(progress.etaSeconds)}s`,
            })}
          </p>
        </div>
      )}
      {result && result !== 'error' && !result.ok && (
        <p role="alert" className="error">
          {result.reason === 'hash-mismatch' ? t('contacts.import.missing.hashMismatch') : t('contacts.import.missing.failed')}
        </p>
      )}
      {result === 'error' && (
        <p role="alert" className="error">
          {t('contacts.import.missing.failed')}
        </p>
      )}
    </li>
  );
}

/** After adopting, the row leaves the list; the confirmation stays in the section. */
function AdoptedNote({ name, rows }: { name: string; rows: number }) {
  const t = useT();
  return (
    <p role="status" className="ok">
      {t('contacts.import.missing.done', { name, rows: new Intl.NumberFormat().format(rows) })}
    </p>
  );
}
