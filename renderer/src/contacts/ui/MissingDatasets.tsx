import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import type { MissingDataset } from '../contact-engine';
import type { ImportProgress, ImportResult } from '../import-pipeline';
import { useContacts } from './contacts-store';
import { useListName } from './list-name';
import { useListTransfers } from './list-transfers-store';

/**
 * Customer lists imported on another laptop: their event came by sync, their rows did not.
 * While sync is on they arrive from the team by themselves (list-mover.ts), shown here with
 * their progress and a way to stop and receive again. Choosing the same file imports it
 * here under the same dataset instead; a different file (its content hash differs) is
 * refused and nothing is kept.
 */
export function MissingDatasets() {
  const t = useT();
  const { missing, datasets } = useContacts();
  const transfers = useListTransfers((s) => s.transfers);
  const [adopted, setAdopted] = useState<{ name: string; rows: number } | null>(null);
  const received = datasets.filter((d) => transfers[d.id]?.phase === 'done');
  if (missing.length === 0 && !adopted && received.length === 0) return null;
  return (
    <section aria-labelledby="im-missing">
      <h3 id="im-missing">{t('contacts.import.missing.title')}</h3>
      {adopted && <AdoptedNote {...adopted} />}
      {received.map((d) => (
        <p key={d.id} role="status" className="ok">
          {t('contacts.import.missing.received', { name: d.meta.fileName })}
        </p>
      ))}
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
  const receiving = useListTransfers((s) => s.transfers[dataset.datasetId]?.phase === 'receiving') && !busy;

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
      <FromTeam dataset={dataset} />
      {/* While the list is arriving, choosing the file is not offered: one thing to watch at a time. */}
      {!receiving && (
        <>
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
        </>
      )}
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

/** The list coming from the team: its progress, and stopping or receiving it again. */
function FromTeam({ dataset }: { dataset: MissingDataset }) {
  const t = useT();
  const transfer = useListTransfers((s) => s.transfers[dataset.datasetId]);
  const { pause, resume } = useListTransfers.getState();
  if (!transfer || transfer.phase === 'done') return null;
  const percent = transfer.percent;
  return (
    <div className="import-progress list-transfer">
      {transfer.phase === 'receiving' && (
        <>
          <progress max={100} value={percent} aria-label={t('contacts.import.missing.receivingLabel', { name: dataset.fileName })} />
          <p role="status">{t('contacts.import.missing.receiving', { percent })}</p>
          <button type="button" onClick={() => pause(dataset.datasetId)}>
            {t('contacts.import.missing.cancel')}
          </button>
        </>
      )}
      {transfer.phase === 'waiting' && <p role="status">{t('contacts.import.missing.waiting')}</p>}
      {transfer.phase === 'interrupted' && <p role="status">{t('contacts.import.missing.interrupted', { percent })}</p>}
      {(transfer.phase === 'paused' || transfer.phase === 'refused') && (
        <>
          <p role="status">{transfer.phase === 'paused' ? t('contacts.import.missing.paused', { percent }) : t('contacts.import.missing.refused')}</p>
          <button type="button" onClick={() => resume(dataset.datasetId)}>
            {t('contacts.import.missing.retry')}
          </button>
        </>
      )}
    </div>
  );
}
