import { useState } from 'react';
import { isBlankReason, type ExportKind } from '../../../../shared/access/events';
import type { CsvEncoding } from '../../../../shared/export/csv';
import { noticeTexts } from '../../disclosure/notice-text';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/open-incident';
import { saveFile } from '../../platform/platform';
import { CopyText } from '../../outgoing/CopyText';
import { emailBatchDocument } from '../../outgoing/documents';
import type { ReleaseGate } from '../../outgoing/ReleaseGate';
import type { NoticeReady } from '../../outgoing/NoticeReady';
import { formatDateTime, localDate } from '../../ui/format';
import { activeOperators, type BatchSummary, parseOperators } from '../batch-ops';
import { callListCsv, callListXlsx, emailCsv, findUnwritable, mailingCsv, type UnwritableCell } from '../batches';
import type { DatasetInfo } from '../contact-engine';
import { useContacts } from './contacts-store';
import { CommandRefused, dispatch } from '../../data/dispatch';
import { exportState, shortExportId, type ExportRow } from '../../../../shared/access/exports';
import { ExportRequests, exportProblemText } from '../../access/ExportRequests';
import { useActorName } from '../../incidents/use-actor-name';
import { useRoles } from '../../roles/roles-store';
import { batchLabel, exportLabel, type Said, say } from './labels';
import { UnwritableChoice } from './UnwritableChoice';
import { BatchVariantsNote, useBatchVariants } from '../../letters/BatchVariants';
import { VendorExport } from './VendorExport';
import { useBatchLetters } from './nayose-hooks';
import { lettersToPrint, rowsToSend } from '../nayose-letters';
import { BatchNayoseNote } from './BatchNayoseNote';

const CSV = [{ name: 'CSV', extensions: ['csv'] }];
const HTML = [{ name: 'HTML', extensions: ['html'] }];
const XLSX = [{ name: 'Excel', extensions: ['xlsx'] }];

/** A file being made: which export, what, and the names its mark carries. */
interface Making {
  exportId: string;
  kind: ExportKind;
  format: string;
  requester: string;
  /** null: no second person in the team. */
  approver: string | null;
}

/** One batch: its files, "sent", "the rest reached", and the ways out (re-assign, cancel). */
export function BatchItem({ summary: s, dataset, data, gate, ready }: { summary: BatchSummary; dataset: DatasetInfo; data: OpenIncident; gate: ReleaseGate; ready: NoticeReady }) {
  const t = useT();
  const engine = useContacts((st) => st.engine)!;
  const [message, setMessage] = useState<Said | null>(null);
  const [undoable, setUndoable] = useState<string | null>(null);
  const [unwritable, setUnwritable] = useState<{ cells: UnwritableCell[]; making: Making; rows: number[]; leftOut: number } | null>(null);
  const [reasonMissing, setReasonMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const nameOf = useActorName();
  const me = useRoles((st) => st.me) ?? '';
  const [reassigning, setReassigning] = useState(false);
  const [newOperators, setNewOperators] = useState('');
  const [cancelling, setCancelling] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  // The printing vendor's file being written (VendorExport: progress, stop, the Shift_JIS choice).
  const [vendor, setVendor] = useState<{ making: Making; encoding: CsvEncoding; rows: number[] } | null>(null);
  /** Files made and recorded whose save dialog was cancelled: offered again, never silently dropped. */
  const [unsaved, setUnsaved] = useState<{ name: string; data: string | Uint8Array; filters: typeof CSV }[]>([]);
  const nf = new Intl.NumberFormat();
  const label = exportLabel(t);
  const b = s.batch;
  // 名寄せ: a merged cluster gets one letter; every row stays in the batch with its own status.
  // A sent batch keeps the letters it sent (a decision made later cannot change whom they went to).
  const collapsed = useBatchLetters(data.incident.id, b, s.sentAt !== null);
  const letterRows = b.channel === 'post' && collapsed ? collapsed.letters : b.rows;
  // Letters by variant (文面 per segment): counted, checked and printed per variant — one per merged cluster (名寄せ),
  // counted as its files would print them now (a customer excluded since is not counted: lettersToPrint).
  const variants = useBatchVariants(data, s, b.channel === 'post' && !s.cancelledAt);
  const requests = data.accessExports.filter((r) => r.request?.batchId === b.batchId && r.request.datasetId === b.datasetId);
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
   * A file of customers leaves the app in two steps with two people (shared/access/exports.ts):
   * it is asked for with a reason; once a second member approved, the person who asked makes
   * it, once. With nobody else in the team it is made at once and marked so. The production is
   * recorded before the file is handed to the save dialog, and the file carries its mark.
   */
  async function ask(kind: ExportKind, format: CsvEncoding | 'xlsx' | '', rows: number) {
    if (isBlankReason(reason)) return setReasonMissing(true);
    setReasonMissing(false);
    try {
      const r = await dispatch('access.request-export', { incidentId: data.incident.id, kind, format, datasetId: b.datasetId, batchId: b.batchId, rows, reason });
      if (r.solo) await produce({ exportId: r.exportId, kind, format, approver: null, requester: me });
      else done(say('contacts.batches.export.requested'));
    } catch (err) {
      refused(err);
    }
  }
  function refused(err: unknown) {
    if (!(err instanceof CommandRefused)) throw err;
    setProblem(err.problems.map((p) => exportProblemText(t, p)).join(' '));
  }
  /** The sentence the file carries: export id, who asked, who approved (or nobody else in the team). */
  const markOf = (x: Making) =>
    x.approver === null
      ? t('contacts.batches.export.fileMarkSolo', { id: x.exportId, requester: nameOf(x.requester) })
      : t('contacts.batches.export.fileMark', { id: x.exportId, requester: nameOf(x.requester), approver: nameOf(x.approver) });

  /** Records the production (refused if it was made already), then hands each file over. */
  async function handOver(x: Making, files: { name: string; rows: number; make: () => Promise<string | Uint8Array> }[], filters = CSV) {
    try {
      await dispatch('access.produce-export', { incidentId: data.incident.id, exportId: x.exportId, files: files.map((f) => ({ fileName: f.name, rows: f.rows })) });
    } catch (err) {
      return refused(err);
    }
    const left: typeof unsaved = [];
    for (const f of files) {
      const data = await f.make();
      if (!(await saveFile({ suggestedName: f.name, data, filters })).saved) left.push({ name: f.name, data, filters });
    }
    // A dialog cancelled after the production was recorded: the file is offered again (a second
    // file of a split left its customers in no file while the screen said both were saved).
    if (left.length > 0) {
      setUnsaved(left);
      setMessage(null);
      return;
    }
    return true;
  }
  async function saveAgain() {
    const left: typeof unsaved = [];
    for (const f of unsaved) if (!(await saveFile({ suggestedName: f.name, data: f.data, filters: f.filters })).saved) left.push(f);
    setUnsaved(left);
    if (left.length === 0) done(say('contacts.batches.export.savedAgain'));
  }

  /**
   * The rows a file is made for, read as it is made (rowsToSend): a customer excluded (故人,
   * 連絡不要) since the batch was made gets no letter and no line, nor — before the batch is
   * sent — one reached or moved on. Post: one letter per merged cluster (名寄せ).
   */
  async function rowsNow(): Promise<{ rows: number[]; leftOut: number }> {
    if (b.channel !== 'post') return rowsToSend(engine, s);
    const l = await lettersToPrint(engine, data.incident.id, s);
    return { rows: l.letters, leftOut: l.leftOut };
  }
  /** "Made", and how many of the batch were left out. */
  const made = (x: Making, leftOut: number) =>
    done(leftOut > 0 ? say('contacts.batches.export.producedLeftOut', { id: shortExportId(x.exportId), n: nf.format(leftOut) }) : say('contacts.batches.export.produced', { id: shortExportId(x.exportId) }));

  async function produce(x: Making) {
    setProblem(null);
    const mark = markOf(x);
    let ok: true | void = undefined;
    const sending = x.kind === 'call-list' ? null : await rowsNow();
    const rows = sending?.rows ?? [];
    if (x.kind === 'mailing-csv') {
      const encoding = x.format === 'utf-8-bom' ? 'utf-8-bom' : 'shift_jis';
      // Shift_JIS never replaces a character: the rows it cannot hold are listed first, and the choice makes the files.
      if (encoding === 'shift_jis') {
        const found = await findUnwritable(engine.cache, b.datasetId, rows);
        if (found.length > 0) return setUnwritable({ cells: found, making: x, rows, leftOut: sending!.leftOut });
      }
      ok = await handOver(x, [{ name: name(encoding === 'shift_jis' ? 'mailing-sjis' : 'mailing-utf8'), rows: rows.length, make: () => mailingCsv(engine.cache, b.datasetId, rows, label, encoding, undefined, mark, dataset.listNo) }]);
    } else if (x.kind === 'email-csv') {
      ok = await handOver(x, [{ name: name('email'), rows: rows.length, make: () => emailCsv(engine.cache, b.datasetId, rows, label, 'utf-8-bom', mark) }]);
    } else if (x.kind === 'call-list') {
      const items = await engine.callList(b.datasetId, b.batchId);
      ok =
        x.format === 'xlsx'
          ? await handOver(x, [{ name: name('calls', 'xlsx'), rows: items.length, make: () => callListXlsx(engine.cache, b.datasetId, items, label, mark) }], XLSX)
          : await handOver(x, [{ name: name('calls'), rows: items.length, make: () => callListCsv(engine.cache, b.datasetId, items, label, mark) }]);
    } else if (x.kind === 'vendor-csv') {
      if (sending!.leftOut > 0) done(say('contacts.batches.export.leftOutNote', { n: nf.format(sending!.leftOut) }));
      else setMessage(null);
      return setVendor({ making: x, encoding: x.format === 'utf-8-bom' ? 'utf-8-bom' : 'shift_jis', rows });
    } else if (x.kind === 'letters') {
      ok = await handOver(x, [{ name: name('letters', 'html'), rows: rows.length, make: () => letters(t('contacts.batches.export.letterMark', { id: x.exportId }), rows) }], HTML);
    }
    if (ok) made(x, sending?.leftOut ?? 0);
  }
  /** The vendor file's production, recorded once its files are known (refused → nothing is kept). */
  async function recordVendor(x: Making, files: { name: string; rows: number }[]): Promise<boolean> {
    try {
      await dispatch('access.produce-export', { incidentId: data.incident.id, exportId: x.exportId, files: files.map((f) => ({ fileName: f.name, rows: f.rows })) });
      return true;
    } catch (err) {
      refused(err);
      return false;
    }
  }
  async function splitMailing(rows: Set<number>) {
    const { making: x, rows: sending, leftOut } = unwritable!;
    setUnwritable(null);
    const rest = sending.filter((r) => !rows.has(r));
    const mark = markOf(x);
    const ok = await handOver(x, [
      { name: name('mailing-sjis'), rows: rest.length, make: () => mailingCsv(engine.cache, b.datasetId, rest, label, 'shift_jis', undefined, mark, dataset.listNo) },
      { name: name('mailing-utf8-rest'), rows: rows.size, make: () => mailingCsv(engine.cache, b.datasetId, [...rows], label, 'utf-8-bom', undefined, mark, dataset.listNo) },
    ]);
    if (ok) done(say(leftOut > 0 ? 'contacts.batches.unwritable.savedSplitLeftOut' : 'contacts.batches.unwritable.savedSplit', { sjis: nf.format(rest.length), utf8: nf.format(rows.size), n: nf.format(leftOut) }));
  }
  async function allUtf8() {
    const x = unwritable!.making;
    setUnwritable(null);
    await produce({ ...x, format: 'utf-8-bom' });
  }
  async function letters(mark: string, rows: readonly number[]) {
    return variants.html(mark, dataset.listNo, rows);
  }
  /** "Make the file (once)" of an approved request: letters and the e-mail list pass the notice's gates again. */
  function produceApproved(row: ExportRow) {
    const req = row.request!;
    const x: Making = { exportId: row.id, kind: req.kind, format: req.format, requester: req.by, approver: exportState(row).approvedBy };
    if (req.kind === 'letters') return variants.guard(ready.guard(gate.guard(() => variants.documents(), () => void produce(x))))();
    if (req.kind === 'email-csv') return ready.guard(gate.guard(() => [emailBatchDocument(t, b, notice().email)], () => void produce(x)))();
    void produce(x);
  }
  // Only those still waiting on this channel: a returned or bounced customer must not read as reached on their card.
  async function delivered() {
    // 名寄せ across lists: a customer another list's letter tells follows that letter's result, not this batch's.
    const waiting = (await engine.waiting(s)).filter((w) => w.status.phase === 'in-progress' && !collapsed?.elsewhere.has(w.row));
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
      {collapsed && live && <BatchNayoseNote letters={collapsed} requests={requests} />}
      {phone && live && operators.length > 0 && <span className="meta"> {t('contacts.batches.operatorsNow', { operators: operators.join(t.dict.facts.listSeparator) })}</span>}
      {phone && live && operators.length === 0 && (
        <p className="error" role="note">
          {t('contacts.batches.noOperator')}
        </p>
      )}
      {live && (
        <div className="export-reason">
          <label htmlFor={`reason-${b.batchId}`}>{t('contacts.batches.exportReason')}</label>
          <input id={`reason-${b.batchId}`} autoComplete="off" maxLength={500} required aria-invalid={reasonMissing} value={reason} onChange={(e) => setReason(e.target.value)} />
          <p className="hint">{t('contacts.batches.exportReasonHint')}</p>
          {reasonMissing && (
            <p className="error" role="alert">
              {t('contacts.batches.exportReasonMissing')}
            </p>
          )}
        </div>
      )}
      {live && b.channel === 'post' && <BatchVariantsNote state={variants} />}
      {live && <ExportRequests rows={requests} incidentId={data.incident.id} onProduce={produceApproved} />}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {live && (
        <div className="actions wrap">
          {b.channel === 'post' && (
            <>
              <button type="button" onClick={() => void ask('mailing-csv', 'shift_jis', letterRows.length)}>
                {t('contacts.batches.mailingSjis')}
              </button>
              <button type="button" onClick={() => void ask('mailing-csv', 'utf-8-bom', letterRows.length)}>
                {t('contacts.batches.mailingUtf8')}
              </button>
              <button type="button" onClick={variants.guard(ready.guard(gate.guard(() => variants.documents(), () => void ask('letters', '', letterRows.length))))}>
                {t('contacts.batches.letters')}
              </button>
              <button type="button" disabled={vendor !== null} title={t('contacts.batches.vendor.hint')} onClick={() => void ask('vendor-csv', 'shift_jis', letterRows.length)}>
                {t('contacts.batches.vendor.sjis')}
              </button>
              <button type="button" disabled={vendor !== null} title={t('contacts.batches.vendor.hint')} onClick={() => void ask('vendor-csv', 'utf-8-bom', letterRows.length)}>
                {t('contacts.batches.vendor.utf8')}
              </button>
            </>
          )}
          {b.channel === 'email' && (
            <>
              <button type="button" onClick={ready.guard(gate.guard(() => [emailBatchDocument(t, b, notice().email)], () => void ask('email-csv', '', b.rows.length)))}>
                {t('contacts.batches.emailCsv')}
              </button>
              <CopyText text={notice().email} label={t('outgoing.copyEmailText')} guard={(copy) => ready.guard(gate.guard(() => [emailBatchDocument(t, b, notice().email)], copy))} />
            </>
          )}
          {phone && (
            <>
              <button type="button" onClick={() => void ask('call-list', 'xlsx', b.rows.length)}>
                {t('contacts.batches.callListXlsx')}
              </button>
              <button type="button" onClick={() => void ask('call-list', '', b.rows.length)}>
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
      {vendor && (
        <VendorExport
          key={vendor.making.exportId}
          incidentId={data.incident.id}
          datasetId={b.datasetId}
          rows={vendor.rows}
          encoding={vendor.encoding}
          mark={markOf(vendor.making)}
          exportId={shortExportId(vendor.making.exportId)}
          fileName={(suffix) => name(suffix)}
          listNo={dataset.listNo ?? null}
          variantOf={variants.variantOf}
          addresseeOf={variants.addresseeOf}
          record={(files) => recordVendor(vendor.making, files)}
          onDone={(said) => {
            setVendor(null);
            done(said);
          }}
        />
      )}
      {unwritable && <UnwritableChoice cells={unwritable.cells} onSplit={(rows) => void splitMailing(rows)} onAllUtf8={() => void allUtf8()} onCancel={() => setUnwritable(null)} />}
      {unsaved.length > 0 && (
        <div className="notice" role="alert">
          <p>{t('contacts.batches.export.notSaved', { names: unsaved.map((f) => f.name).join('、') })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void saveAgain()}>
              {t('contacts.batches.export.saveAgain')}
            </button>
            <button type="button" onClick={() => setUnsaved([])}>
              {t('contacts.batches.export.dropUnsaved')}
            </button>
          </div>
        </div>
      )}
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
