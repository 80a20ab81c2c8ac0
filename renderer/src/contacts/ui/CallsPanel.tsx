import { useCallback, useEffect, useState } from 'react';
import { CONTACT_EVENT_TYPES, type BatchCreated } from '../../../../shared/contacts/events';
import type { Outcome, Status } from '../../../../shared/contacts/fallback';
import type { ContactRow } from '../../../../shared/contacts/model';
import { useT } from '../../i18n/i18n';
import { DatasetSelect } from './ContactsView';
import { useContacts } from './contacts-store';

const RESULTS: { key: 'reached' | 'noAnswer' | 'wrong' | 'refused'; outcome: Outcome; reason: string }[] = [
  { key: 'reached', outcome: 'reached', reason: 'call-reached' },
  { key: 'noAnswer', outcome: 'no-answer', reason: 'call-no-answer' },
  { key: 'wrong', outcome: 'failed', reason: 'call-wrong-number' },
  { key: 'refused', outcome: 'failed', reason: 'call-refused' },
];

/** One operator's share of a phone batch, with an outcome button per call. */
export function CallsPanel() {
  const t = useT();
  const { engine, datasets } = useContacts();
  const totals = useContacts((s) => s.totals);
  const [datasetId, setDatasetId] = useState('');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const [batches, setBatches] = useState<BatchCreated[]>([]);
  const [batchId, setBatchId] = useState('');
  const [operator, setOperator] = useState('');
  const [queue, setQueue] = useState<{ row: ContactRow; status: Status }[]>([]);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const batch = batches.find((b) => b.batchId === batchId) ?? batches[0];

  useEffect(() => {
    if (!engine || !dataset) return;
    void engine.datasetEvents(dataset.id).then((events) =>
      setBatches(events.filter((e) => e.type === CONTACT_EVENT_TYPES.batchCreated && (e.payload as BatchCreated).channel === 'phone').map((e) => e.payload as BatchCreated)),
    );
  }, [engine, dataset, totals]);

  const who = operator || batch?.operators?.[0] || '';
  const load = useCallback(async () => {
    if (!engine || !batch || !who) return setQueue([]);
    setQueue(await engine.callQueue(batch.datasetId, batch.batchId, who));
  }, [engine, batch, who]);
  useEffect(() => {
    void load();
  }, [load, totals]);

  if (!dataset || !engine) return <p className="hint">{t('contacts.noDatasets')}</p>;

  async function record(row: ContactRow, r: (typeof RESULTS)[number]) {
    const plan = await engine!.previewOutcomes(batch!.datasetId, 'phone', 'call', [{ row: row.row, outcome: r.outcome, reason: r.reason, note: notes[row.row] ?? '' }]);
    await engine!.applyOutcomes(plan);
  }

  return (
    <section className="card" aria-labelledby="cq-title">
      <h2 id="cq-title">{t('contacts.calls.title')}</h2>
      <div className="grid3">
        <DatasetSelect id="cq-dataset" value={dataset.id} onChange={setDatasetId} />
        <div>
          <label htmlFor="cq-batch">{t('contacts.calls.batch')}</label>
          <select id="cq-batch" value={batch?.batchId ?? ''} onChange={(e) => setBatchId(e.target.value)}>
            {batches.map((b) => (
              <option key={b.batchId} value={b.batchId}>
                {t('contacts.batches.rows', { n: b.rows.length })} — {b.batchId.slice(0, 8)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cq-operator">{t('contacts.calls.operator')}</label>
          <select id="cq-operator" value={who} onChange={(e) => setOperator(e.target.value)}>
            {(batch?.operators ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="meta" role="status">
        {t('contacts.calls.remaining', { n: queue.length })}
      </p>
      {queue.length === 0 && <p className="hint">{t('contacts.calls.empty')}</p>}
      <ol className="call-queue">
        {queue.slice(0, 50).map(({ row, status }) => (
          <li key={row.row} className="call" aria-label={`${row.name} ${row.customerNo}`}>
            <div className="call-who">
              <strong>{row.name}</strong> <span className="meta">{row.customerNo}</span> <span className="phone">{row.phone}</span>
              {status.retries > 0 && <span className="badge">{status.retries}</span>}
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
