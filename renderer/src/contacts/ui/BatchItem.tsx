import { useState } from 'react';
import type { ExportKind } from '../../../../shared/access/events';
import type { CsvEncoding } from '../../../../shared/export/csv';
import { noticeTexts } from '../../disclosure/notice-text';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/open-incident';
import { saveFile } from '../../platform/platform';
import { CopyText } from '../../outgoing/CopyText';
import { emailBatchDocument, letterBatchDocument } from '../../outgoing/documents';
import type { ReleaseGate } from '../../outgoing/ReleaseGate';
import type { NoticeReady } from '../../outgoing/NoticeReady';
import { formatDateTime, localDate, locale } from '../../ui/format';
import { renderLabels } from '../../ui/render-labels';
import { activeOperators, type BatchSummary, parseOperators } from '../batch-ops';
import { callListCsv, emailCsv, findUnwritable, mailingCsv, renderLetters, type UnwritableCell } from '../batches';
import type { DatasetInfo } from '../contact-engine';
import { useContacts } from './contacts-store';
import { dispatch } from '../../data/dispatch';
import { batchLabel, exportLabel, type Said, say } from './labels';
import { UnwritableChoice } from './UnwritableChoice';

const CSV = [{ name: 'CSV', extensions: ['csv'] }];

/** One batch: its files, "sent", "the rest reached", and the ways out (re-assign, cancel). */
export function BatchItem({ summary: s, dataset, data, gate, ready }: { summary: BatchSummary; dataset: DatasetInfo; data: OpenIncident; gate: ReleaseGate; ready: NoticeReady }) {
  const t = useT();
  const engine = useContacts((st) => st.engine)!;
  const [message, setMessage] = useState<Said | null>(null);
  const [undoable, setUndoable] = useState<string | null>(null);
  const [unwritable, setUnwritable] = useState<UnwritableCell[] | null>(null);
  const [reassigning, setReassigning] = useState(false);
  const [newOperators, setNewOperators] = useState('');
  const [cancelling, setCancelling] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const nf = new Intl.NumberFormat();
  const label = exportLabel(t);
  const b = s.batch;
  // Letters and the e-mail go out with the notice text: made only from the approved notice
  // with a sender (`ready`), and the gate stops them while a fact is unfilled.
  const notice = () => noticeTexts(t, data);
  // The day of the batch as its label shows it (an ISO date is UTC: 9 hours behind in Japan).
  const name = (suffix: string, ext = 'csv') => `${dataset.meta.fileName.replace(/\.[^.]*$/, '')}-${suffix}-${localDate(s.createdAt)}.${ext}`;
  /** What happened, and the event to offer undo for (its id). */
  const done = (text: Said, eventId: string | null = null) => {
    setMessage(text);
    setUndoable(eventId);
  };

  /**
   * A file of customers leaves the app: recorded first (who, which list, how many, why), then
   * made and handed to the save dialog.
   */
  async function exported(kind: ExportKind, rows: number, suggestedName: string, make: () => Promise<string | Uint8Array>, filters = CSV) {
    await dispatch('access.record-export', { incidentId: data.incident.id, kind, datasetId: b.datasetId, batchId: b.batchId, rows, reason, fileName: suggestedName });
    await saveFile({ suggestedName, data: await make(), filters });
  }

  // Shift_JIS never replaces a character: the rows it cannot hold are listed first.
  async function mailing(encoding: CsvEncoding) {
    if (encoding === 'shift_jis') {
      const found = await findUnwritable(engine.cache, b.datasetId, b.rows);
      if (found.length > 0) return setUnwritable(found);
    }
    await exported('mailing-csv', b.rows.length, name(encoding === 'shift_jis' ? 'mailing-sjis' : 'mailing-utf8'), () => mailingCsv(engine.cache, b.datasetId, b.rows, label, encoding));
  }
  async function splitMailing(rows: Set<number>) {
    setUnwritable(null);
    const rest = b.rows.filter((r) => !rows.has(r));
    await exported('mailing-csv', rest.length, name('mailing-sjis'), () => mailingCsv(engine.cache, b.datasetId, rest, label, 'shift_jis'));
    await exported('mailing-csv', rows.size, name('mailing-utf8-rest'), () => mailingCsv(engine.cache, b.datasetId, [...rows], label, 'utf-8-bom'));
    done(say('contacts.batches.unwritable.savedSplit', { sjis: nf.format(rest.length), utf8: nf.format(rows.size) }));
  }
  async function allUtf8() {
    setUnwritable(null);
    await mailing('utf-8-bom');
  }
  async function recipients() {
    await exported('email-csv', b.rows.length, name('email'), () => emailCsv(engine.cache, b.datasetId, b.rows, label));
  }
  async function callList() {
    const items = await engine.callList(b.datasetId, b.batchId);
    await exported('call-list', items.length, name('calls'), () => callListCsv(engine.cache, b.datasetId, items, label));
  }
  async function letters() {
    const { letter, lang } = notice();
    await dispatch('access.record-export', { incidentId: data.incident.id, kind: 'letters', datasetId: b.datasetId, batchId: b.batchId, rows: b.rows.length, reason, fileName: name('letters', 'html') });
    const out = await renderLetters(
      engine.cache,
      b.datasetId,
      b.rows,
      letter,
      { title: data.incident.title, facts: data.incident.facts },
      { labels: renderLabels(t.dict), locale: locale(t.lang), timeZone: 'Asia/Tokyo' },
      // The page's language is the notice's (a Japanese letter printed from the English screen is Japanese: its fonts follow).
      { honorific: t('contacts.batches.honorific'), noName: t('contacts.batches.noName'), postcodeMark: t('contacts.batches.postcodeMark'), lang },
    );
    await saveFile({ suggestedName: name('letters', 'html'), data: out.html });
  }
  // Only those still waiting on this channel: a returned or bounced customer must not read as reached on their card.
  async function delivered() {
    const waiting = (await engine.waiting(s)).filter((w) => w.status.phase === 'in-progress');
    if (waiting.length === 0) return done(say('contacts.batches.deliveredNone'));
    const plan = await engine.previewOutcomes(b.datasetId, b.channel, 'delivered', waiting.map((w) => ({ row: w.row, outcome: 'reached' as const })));
    const { eventId } = await dispatch('contacts.record-outcomes', plan);
    done(say('contacts.batches.deliveredDone', { n: nf.format(plan.preview.reached) }), eventId);
  }
  async function reassign() {
    const ops = parseOperators(newOperators);
    if (ops.length === 0) return;
    const r = await dispatch('contacts.reassign-batch', { datasetId: b.datasetId, batchId: b.batchId, operators: ops });
    setReassigning(false);
    setNewOperators('');
    done(say('contacts.batches.reassigned', { n: nf.format(r.rows), operators: ops.join(t.dict.facts.listSeparator) }), r.eventId);
  }
  async function askCancel() {
    setCancelling((await engine.waiting(s)).length);
  }
  async function cancel() {
    setCancelling(null);
    const r = await dispatch('contacts.cancel-batch', { datasetId: b.datasetId, batchId: b.batchId });
    done(say('contacts.batches.cancelledDone', { n: nf.format(r.rows) }), r.eventId);
  }
  async function undo() {
    if (!undoable) return;
    await dispatch('contacts.undo', { datasetId: b.datasetId, eventId: undoable });
    done(say('contacts.batches.undone'));
  }

  const phone = b.channel === 'phone';
  const live = !s.cancelledAt;
  const operators = activeOperators(s);
  return (
    <li className="batch" aria-label={batchLabel(t, s)}>
      <strong>{batchLabel(t, s)}</strong>{' '}
      {s.sentAt && <span className="meta">{t('contacts.batches.sent', { at: formatDateTime(s.sentAt, t.lang) })}</span>}
      {s.cancelledAt && <span className="badge">{t('contacts.batches.cancelled', { at: formatDateTime(s.cancelledAt, t.lang) })}</span>}
      {phone && live && operators.length > 0 && <span className="meta"> {t('contacts.batches.operatorsNow', { operators: operators.join(t.dict.facts.listSeparator) })}</span>}
      {phone && live && operators.length === 0 && (
        <p className="error" role="note">
          {t('contacts.batches.noOperator')}
        </p>
      )}
      {live && (
        <div className="export-reason">
          <label htmlFor={`reason-${b.batchId}`}>{t('contacts.batches.exportReason')}</label>
          <input id={`reason-${b.batchId}`} autoComplete="off" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          <p className="hint">{t('contacts.batches.exportReasonHint')}</p>
        </div>
      )}
      {live && (
        <div className="actions wrap">
          {b.channel === 'post' && (
            <>
              <button type="button" onClick={() => void mailing('shift_jis')}>
                {t('contacts.batches.mailingSjis')}
              </button>
              <button type="button" onClick={() => void mailing('utf-8-bom')}>
                {t('contacts.batches.mailingUtf8')}
              </button>
              <button type="button" onClick={ready.guard(gate.guard(() => [letterBatchDocument(t, b, notice().letter)], () => void letters()))}>
                {t('contacts.batches.letters')}
              </button>
            </>
          )}
          {b.channel === 'email' && (
            <>
              <button type="button" onClick={ready.guard(gate.guard(() => [emailBatchDocument(t, b, notice().email)], () => void recipients()))}>
                {t('contacts.batches.emailCsv')}
              </button>
              <CopyText text={notice().email} label={t('outgoing.copyEmailText')} guard={(copy) => ready.guard(gate.guard(() => [emailBatchDocument(t, b, notice().email)], copy))} />
            </>
          )}
          {phone && (
            <>
              <button type="button" onClick={() => void callList()}>
                {t('contacts.batches.callList')}
              </button>
              <button type="button" aria-expanded={reassigning} onClick={() => setReassigning(!reassigning)}>
                {t('contacts.batches.reassign')}
              </button>
            </>
          )}
          {!s.sentAt && !phone && (
            <button type="button" onClick={() => void dispatch('contacts.mark-batch-sent', { datasetId: b.datasetId, batchId: b.batchId, sentAt: new Date().toISOString() })}>
              {t('contacts.batches.markSent')}
            </button>
          )}
          {s.sentAt && !phone && (
            <button type="button" onClick={() => void delivered()}>
              {b.channel === 'email' ? t('contacts.batches.deliveredEmail') : t('contacts.batches.delivered')}
            </button>
          )}
          <button type="button" className="link danger" onClick={() => void askCancel()}>
            {t('contacts.batches.cancel')}
          </button>
        </div>
      )}
      {reassigning && live && (
        <div className="actions wrap">
          <label htmlFor={`re-${b.batchId}`}>{t('contacts.batches.reassignTo')}</label>
          <input id={`re-${b.batchId}`} autoComplete="off" value={newOperators} onChange={(e) => setNewOperators(e.target.value)} />
          <button type="button" className="primary" disabled={parseOperators(newOperators).length === 0} onClick={() => void reassign()}>
            {t('contacts.batches.reassignDo')}
          </button>
        </div>
      )}
      {cancelling !== null && (
        <div className="notice" role="alertdialog" aria-label={t('contacts.batches.cancel')}>
          <p>{t('contacts.batches.cancelConfirm', { n: nf.format(cancelling), channel: t(`contacts.channels.${b.channel}`) })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void cancel()}>
              {t('contacts.batches.cancelDo')}
            </button>
            <button type="button" onClick={() => setCancelling(null)}>
              {t('contacts.batches.cancelKeep')}
            </button>
          </div>
        </div>
      )}
      {unwritable && <UnwritableChoice cells={unwritable} onSplit={(rows) => void splitMailing(rows)} onAllUtf8={() => void allUtf8()} onCancel={() => setUnwritable(null)} />}
      {message && (
        <p className="actions" role="status">
          <span className="ok">{t(message.key, message.params)}</span>
          {undoable && (
            <button type="button" onClick={() => void undo()}>
              {t('contacts.batches.undo')}
            </button>
          )}
        </p>
      )}
    </li>
  );
}
