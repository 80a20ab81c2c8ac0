import { useEffect, useMemo, useRef, useState } from 'react';
import { attemptsAllowed, type Outcome, type Status } from '../../../../shared/contacts/fallback';
import type { ContactRow } from '../../../../shared/contacts/model';
import { useT } from '../../i18n/i18n';
import { activeOperators } from '../batch-ops';
import { DatasetSelect } from './pickers';
import { useContacts } from './contacts-store';
import { dispatch } from '../../data/dispatch';
import { batchLabel } from './labels';

const RESULTS: { key: 'reached' | 'noAnswer' | 'wrong' | 'refused'; outcome: Outcome; reason: string }[] = [
  { key: 'reached', outcome: 'reached', reason: 'call-reached' },
  { key: 'noAnswer', outcome: 'no-answer', reason: 'call-no-answer' },
  { key: 'wrong', outcome: 'failed', reason: 'call-wrong-number' },
  { key: 'refused', outcome: 'failed', reason: 'call-refused' },
];

/** One operator's share of a phone batch, with an outcome button per call. */
export function CallsPanel({ onBatches }: { onBatches: () => void }) {
  const t = useT();
  const { engine, datasets, wantBatches } = useContacts();
  const totals = useContacts((s) => s.totals);
  const [datasetId, setDatasetId] = useState('');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const all = useContacts((s) => (dataset ? s.batches[dataset.id] : undefined));
  const batches = useMemo(() => (all ?? []).filter((b) => b.batch.channel === 'phone' && !b.cancelledAt), [all]);
  const [batchId, setBatchId] = useState('');
  const [operator, setOperator] = useState('');
  const [queue, setQueue] = useState<{ row: ContactRow; status: Status }[]>([]);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const batch = batches.find((b) => b.batch.batchId === batchId) ?? batches[0];
  const operators = batch ? activeOperators(batch) : [];

  useEffect(() => {
    if (dataset) wantBatches(dataset.id);
  }, [dataset, wantBatches]);

  const who = operators.includes(operator) ? operator : (operators[0] ?? '');
  // The queue lists customers' names and numbers: on record when it is first shown for a
  // batch and operator (not again as each result refreshes it).
  const recorded = useRef('');
  const incidentId = useContacts((s) => s.incidentId);
  useEffect(() => {
    let live = true;
    if (!engine || !batch || !who) setQueue([]);
    else
      void engine.callQueue(batch.batch.datasetId, batch.batch.batchId, who).then(async (q) => {
        const key = `${batch.batch.batchId}|${who}`;
        if (live && incidentId && q.length > 0 && recorded.current !== key) {
          await dispatch('access.record-lookup', { incidentId, hits: q.map((x) => ({ datasetId: batch.batch.datasetId, row: x.row.row })) });
          recorded.current = key;
        }
        if (live) setQueue(q);
      });
    return () => {
      live = false;
    };
  }, [engine, batch, who, totals, incidentId]);

  if (!dataset || !engine) return <p className="hint">{t('contacts.noDatasets')}</p>;
  const max = attemptsAllowed(dataset.meta.maxRetries);

  async function record(row: ContactRow, r: (typeof RESULTS)[number]) {
    const plan = await engine!.previewOutcomes(batch!.batch.datasetId, 'phone', 'call', [{ row: row.row, outcome: r.outcome, reason: r.reason, note: notes[row.row] ?? '' }]);
    await dispatch('contacts.record-outcomes', plan);
  }

  return (
    <section className="card" aria-labelledby="cq-title">
      <h2 id="cq-title">{t('contacts.calls.title')}</h2>
      <div className="grid3">
        <DatasetSelect id="cq-dataset" value={dataset.id} onChange={setDatasetId} />
        <div>
          <label htmlFor="cq-batch">{t('contacts.calls.batch')}</label>
          <select id="cq-batch" value={batch?.batch.batchId ?? ''} onChange={(e) => setBatchId(e.target.value)}>
            {batches.map((b) => (
              <option key={b.batch.batchId} value={b.batch.batchId}>
                {batchLabel(t, b)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cq-operator">{t('contacts.calls.operator')}</label>
          <select id="cq-operator" value={who} onChange={(e) => setOperator(e.target.value)}>
            {operators.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
      </div>
      {batch && operators.length === 0 ? (
        <div className="notice" role="note">
          <p>{t('contacts.calls.noOperators')}</p>
          <button type="button" onClick={onBatches}>
            {t('contacts.calls.toBatches')}
          </button>
        </div>
      ) : (
        <>
          <p className="meta" role="status">
            {t('contacts.calls.remaining', { n: queue.length })}
          </p>
          {queue.length === 0 && <p className="hint">{t('contacts.calls.empty')}</p>}
        </>
      )}
      <ol className="call-queue">
        {queue.slice(0, 50).map(({ row, status }) => (
          <li key={row.row} className="call" aria-label={`${row.name} ${row.customerNo}`}>
            <div className="call-who">
              <strong>{row.name}</strong> <span className="meta">{row.customerNo}</span> <span className="phone">{row.phone}</span>{' '}
              <span className="badge">{t('contacts.calls.attempt', { n: status.retries + 1, max })}</span>
            </div>
            <input
              aria-label={t('contacts.calls.note', { name: row.name })}
              autoComplete="off"
              value={notes[row.row] ?? ''}
              onChange={(e) => setNotes((n) => ({ ...n, [row.row]: e.target.value }))}
            />
            <div className="actions wrap">
              {RESULTS.map((r) => (
                <button key={r.key} type="button" className={r.key === 'reached' ? 'primary' : undefined} onClick={() => void record(row, r)}>
                  {t(`contacts.calls.${r.key}`)}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
