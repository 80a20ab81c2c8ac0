import { useEffect, useState } from 'react';
import { CONTACT_EVENT_TYPES, type BatchCreated } from '../../../../shared/contacts/events';
import type { Channel } from '../../../../shared/contacts/model';
import type { CsvEncoding } from '../../../../shared/export/csv';
import { noticeTexts } from '../../disclosure/notice-text';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/workspace-store';
import { saveFile } from '../../platform/platform';
import { formatDateTime, locale } from '../../ui/format';
import { renderLabels } from '../../ui/render-labels';
import { emailCsv, mailingCsv, renderLetters } from '../batches';
import { emailBatchDocument, letterBatchDocument } from '../../outgoing/documents';
import { useReleaseGate } from '../../outgoing/ReleaseGate';
import { CopyText } from '../../outgoing/CopyText';
import { DatasetSelect, SegmentSelect } from './ContactsView';
import { useContacts } from './contacts-store';

interface BatchView {
  batch: BatchCreated;
  sentAt: string | null;
}

/** Batches for the next channel, with their exports; marking sent; the rest marked reached. */
export function BatchesPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const { engine, datasets } = useContacts();
  const [datasetId, setDatasetId] = useState('');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const [channel, setChannel] = useState<Channel>('post');
  const [segment, setSegment] = useState('');
  const [operators, setOperators] = useState('');
  const [limit, setLimit] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [batches, setBatches] = useState<BatchView[]>([]);
  const totals = useContacts((s) => (dataset ? s.totals[dataset.id] : undefined));
  const gate = useReleaseGate(data);
  const notice = () => noticeTexts(t, data);

  useEffect(() => {
    if (!engine || !dataset) return;
    void engine.datasetEvents(dataset.id).then((events) => {
      const sent = new Map(events.filter((e) => e.type === CONTACT_EVENT_TYPES.batchSent).map((e) => [(e.payload as { batchId: string }).batchId, (e.payload as { sentAt: string }).sentAt]));
      setBatches(
        events
          .filter((e) => e.type === CONTACT_EVENT_TYPES.batchCreated)
          .map((e) => ({ batch: e.payload as BatchCreated, sentAt: sent.get((e.payload as BatchCreated).batchId) ?? null }))
          .reverse(),
      );
    });
  }, [engine, dataset, totals]);

  if (!dataset || !engine) return <p className="hint">{t('contacts.noDatasets')}</p>;
  const nf = new Intl.NumberFormat();
  const columns = t.dict.contacts.batches.csv;

  async function create() {
    const ops = operators.split(/[,、]/).map((o) => o.trim()).filter((o) => o !== '');
    const { batch } = await engine!.createBatch({
      datasetId: dataset!.id,
      channel,
      segment: segment || undefined,
      limit: limit ? Number(limit) : undefined,
      operators: channel === 'phone' ? ops : undefined,
    });
    setMessage(t('contacts.batches.created', { n: nf.format(batch.rows.length) }));
  }

  async function mailing(b: BatchCreated, encoding: CsvEncoding) {
    const bytes = await mailingCsv(engine!.cache, b.datasetId, b.rows, { columns: [columns.customerNo, columns.postcode, columns.address, columns.name, columns.segment] }, encoding);
    await saveFile({ suggestedName: `mailing-${b.batchId.slice(0, 8)}${encoding === 'shift_jis' ? '-sjis' : ''}.csv`, data: bytes, filters: [{ name: 'CSV', extensions: ['csv'] }] });
  }
  async function recipients(b: BatchCreated) {
    const bytes = await emailCsv(engine!.cache, b.datasetId, b.rows, { columns: [columns.customerNo, columns.name, columns.email] });
    await saveFile({ suggestedName: `email-${b.batchId.slice(0, 8)}.csv`, data: bytes, filters: [{ name: 'CSV', extensions: ['csv'] }] });
  }
  async function letters(b: BatchCreated) {
    const body = noticeTexts(t, data).letter;
    const out = await renderLetters(
      engine!.cache,
      b.datasetId,
      b.rows,
      body,
      { title: data.incident.title, facts: data.incident.facts },
      { labels: renderLabels(t.dict), locale: locale(t.lang), timeZone: 'Asia/Tokyo' },
      { honorific: t('contacts.batches.honorific'), postcodeMark: t('contacts.batches.postcodeMark'), lang: t.lang },
    );
    await saveFile({ suggestedName: `letters-${b.batchId.slice(0, 8)}.html`, data: out.html });
  }
  // Only those still waiting on this channel: a returned or bounced customer must not read as reached on their card.
  async function delivered(b: BatchCreated) {
    const slot = dataset!.meta.channelOrder.indexOf(b.channel);
    const statuses = await Promise.all(b.rows.map((row) => engine!.status(b.datasetId, row)));
    const waiting = b.rows.filter((_, i) => statuses[i]!.phase === 'in-progress' && statuses[i]!.slot === slot);
    if (waiting.length === 0) return;
    const plan = await engine!.previewOutcomes(b.datasetId, b.channel, 'delivered', waiting.map((row) => ({ row, outcome: 'reached' as const })));
    await engine!.applyOutcomes(plan);
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
              <input id="bt-operators" autoComplete="off" value={operators} onChange={(e) => setOperators(e.target.value)} />
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
          {message && <span role="status">{message}</span>}
        </div>
      </section>
      <section className="card" aria-labelledby="bt-list">
        <h2 id="bt-list">{t('contacts.batches.list')}</h2>
        <ul className="batches">
          {batches.map(({ batch: b, sentAt }) => (
            <li key={b.batchId} className="batch" aria-label={`${t(`contacts.channels.${b.channel}`)} ${t('contacts.batches.rows', { n: nf.format(b.rows.length) })}`}>
              <strong>{t(`contacts.channels.${b.channel}`)}</strong> <span className="badge">{t('contacts.batches.rows', { n: nf.format(b.rows.length) })}</span>{' '}
              {sentAt && <span className="meta">{t('contacts.batches.sent', { at: formatDateTime(sentAt, t.lang) })}</span>}
              <div className="actions wrap">
                {b.channel === 'post' && (
                  <>
                    <button type="button" onClick={() => void mailing(b, 'shift_jis')}>
                      {t('contacts.batches.mailingSjis')}
                    </button>
                    <button type="button" onClick={() => void mailing(b, 'utf-8-bom')}>
                      {t('contacts.batches.mailingUtf8')}
                    </button>
                    <button type="button" onClick={gate.guard(() => [letterBatchDocument(t, b, notice().letter)], () => void letters(b))}>
                      {t('contacts.batches.letters')}
                    </button>
                  </>
                )}
                {b.channel === 'email' && (
                  <>
                    <button type="button" onClick={gate.guard(() => [emailBatchDocument(t, b, notice().email)], () => void recipients(b))}>
                      {t('contacts.batches.emailCsv')}
                    </button>
                    <CopyText text={notice().email} label={t('outgoing.copyEmailText')} guard={(copy) => gate.guard(() => [emailBatchDocument(t, b, notice().email)], copy)} />
                  </>
                )}
                {!sentAt && b.channel !== 'phone' && (
                  <button type="button" onClick={() => void engine.markBatchSent(b.datasetId, b.batchId, new Date().toISOString())}>
                    {t('contacts.batches.markSent')}
                  </button>
                )}
                {sentAt && b.channel !== 'phone' && (
                  <button type="button" onClick={() => void delivered(b)}>
                    {t('contacts.batches.delivered')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
      {gate.dialog}
    </div>
  );
}
