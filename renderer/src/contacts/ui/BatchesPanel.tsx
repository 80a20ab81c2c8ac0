import { useEffect, useState } from 'react';
import type { Channel } from '../../../../shared/contacts/model';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/open-incident';
import { useSession } from '../../vault/session-store';
import { useReleaseGate } from '../../outgoing/ReleaseGate';
import { useNoticeReady } from '../../outgoing/NoticeReady';
import { type BatchSummary, parseOperators } from '../batch-ops';
import { dispatch } from '../../data/dispatch';
import { BatchItem } from './BatchItem';
import { NayosePanel } from './NayosePanel';
import { DatasetSelect, SegmentSelect } from './pickers';
import { useContacts } from './contacts-store';
import { type Said, say } from './labels';

const NONE: BatchSummary[] = [];

/** Batches for the next channel, with their exports; marking sent; the rest marked reached. */
export function BatchesPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const { engine, datasets, wantBatches } = useContacts();
  const me = useSession((s) => s.me?.name ?? '');
  const [datasetId, setDatasetId] = useState('');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const [channel, setChannel] = useState<Channel>('post');
  const [segment, setSegment] = useState('');
  const [operators, setOperators] = useState<string | null>(null);
  const [limit, setLimit] = useState('');
  const [message, setMessage] = useState<Said | null>(null);
  const totals = useContacts((s) => (dataset ? s.totals[dataset.id] : undefined));
  // The batches projection, kept current by the store (a batch made, sent or cancelled anywhere).
  const loaded = useContacts((s) => (dataset ? s.batches[dataset.id] : undefined));
  const batches = loaded ?? NONE;
  const gate = useReleaseGate(data);
  const ready = useNoticeReady(data);

  useEffect(() => {
    if (dataset) wantBatches(dataset.id);
  }, [dataset, wantBatches]);

  if (!dataset || !engine) return <p className="hint">{t('contacts.noDatasets')}</p>;
  const nf = new Intl.NumberFormat();
  // Until the user types, the operator is whoever is at this laptop.
  const operatorText = operators ?? me;

  async function create() {
    // Nobody named: the person creating the batch makes the calls (never a batch nobody's queue holds).
    const ops = parseOperators(operatorText);
    const batch = await dispatch('contacts.create-batch', {
      datasetId: dataset!.id,
      channel,
      segment: segment || undefined,
      limit: limit ? Number(limit) : undefined,
      operators: channel === 'phone' ? (ops.length > 0 ? ops : [me || t('contacts.calls.operator')]) : undefined,
    });
    setMessage(say('contacts.batches.created', { n: nf.format(batch.rows.length) }));
  }

  return (
    <div>
      <section className="card" aria-labelledby="bt-title">
        <h2 id="bt-title">{t('contacts.batches.title')}</h2>
        <p className="hint">{t('contacts.batches.lead')}</p>
        <div className="grid3">
          <DatasetSelect id="bt-dataset" value={dataset.id} onChange={setDatasetId} />
          <div>
            <label htmlFor="bt-channel">{t('contacts.batches.channel')}</label>
            <select id="bt-channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {dataset.meta.channelOrder
                .filter((c) => c !== 'notice')
                .map((c) => (
                  <option key={c} value={c}>
                    {t('contacts.batches.channelOption', { channel: t(`contacts.channels.${c}`), n: nf.format(totals?.byChannel[c]?.pending ?? 0) })}
                  </option>
                ))}
            </select>
          </div>
          <SegmentSelect id="bt-segment" label={t('contacts.batches.segment')} segments={dataset.meta.segments} value={segment} onChange={setSegment} />
          {channel === 'phone' && (
            <div>
              <label htmlFor="bt-operators">{t('contacts.batches.operators')}</label>
              <input id="bt-operators" autoComplete="off" value={operatorText} aria-describedby="bt-operators-hint" onChange={(e) => setOperators(e.target.value)} />
              <p className="meta" id="bt-operators-hint">
                {t('contacts.batches.operatorsHint', { me })}
              </p>
            </div>
          )}
          <div>
            <label htmlFor="bt-limit">{t('contacts.batches.limit')}</label>
            <input id="bt-limit" inputMode="numeric" autoComplete="off" value={limit} onChange={(e) => setLimit(e.target.value.replace(/\D/g, ''))} />
          </div>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void create()}>
            {t('contacts.batches.create')}
          </button>
          {message && <span role="status">{t(message.key, message.params)}</span>}
        </div>
      </section>
      <NayosePanel data={data} />
      <section className="card" aria-labelledby="bt-list">
        <h2 id="bt-list">{t('contacts.batches.list')}</h2>
        {/* A list of millions takes a moment to read its batches: say so rather than show none. */}
        {!loaded && <p className="hint" role="status">{t('contacts.batches.loading')}</p>}
        {loaded?.length === 0 && <p className="hint">{t('contacts.batches.none')}</p>}
        <ul className="batches">
          {batches.map((s) => (
            <BatchItem key={s.batch.batchId} summary={s} dataset={dataset} data={data} gate={gate} ready={ready} />
          ))}
        </ul>
      </section>
      {gate.dialog}
      {ready.dialog}
    </div>
  );
}
