/**
 * 委託先へのFAQ: the last handover to the call-centre vendor, what changed since, the
 * button that hands the approved FAQ over (recorded, then the workbook saved) and the files
 * of the last handover. A stale answer blocks with a way to each entry, or a recorded
 * choice to leave it out; drafts never go and are counted.
 */
import { useMemo, useState } from 'react';
import type { Problem } from '../../../shared/events/command';
import { UnencodableError, type CsvEncoding } from '../../../shared/export/csv';
import { changesSince, handoverItems, heldBefore, latestHandover, numbersBefore, selectForHandover, vendorOnHold, type FaqHandover, type HandoverChange } from '../../../shared/faq/handover';
import { useCompany } from '../company/company-store';
import { countChanges, FAQ_COLUMNS, handoverFileName } from '../../../shared/faq/handover-book';
import { CommandRefused, dispatch } from '../data/dispatch';
import { tables } from '../data/tables';
import { useT, type Translator } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useActorName } from '../incidents/use-actor-name';
import { useReleaseGate } from '../outgoing/ReleaseGate';
import { saveFile } from '../platform/platform';
import { roleRefusalText } from '../roles/words';
import { formatDateTime, hlcIso } from '../ui/format';
import { message, say, type Message } from '../ui/message';
import { useSession } from '../vault/session-store';
import { bookLabel, handoverChanges, handoverCsv, handoverWorkbook, renderForVendor } from './handover-files';

/** Kept as keys and data, worded when shown (a language switch rewords it). */
type Status =
  | { kind: 'message'; message: Message }
  | { kind: 'unencodable'; found: { char: string; no: number | null; column: string }[] }
  | { kind: 'refused'; problems: Problem[] }
  | null;

function statusText(t: Translator, s: NonNullable<Status>): string {
  if (s.kind === 'message') return say(t, s.message);
  if (s.kind === 'refused') return s.problems.map((p) => problemText(t, p)).join(' ');
  const list = s.found.map((f) => t('faqbook.unencodableAt', { char: f.char, no: f.no ?? '—', column: bookLabel(f.column) })).join(t.dict.facts.listSeparator);
  return t('faqbook.unencodable', { list });
}

function problemText(t: Translator, p: Problem): string {
  if (p.reason === 'nothing-approved') return t('faqbook.nothingApproved');
  if (p.reason === 'no-changes') return t('faqbook.noChanges');
  if (p.reason === 'stale') return t('faqbook.blockedTitle');
  return roleRefusalText(t, p) ?? t('faq.entries.problems.invalid', { field: t('faqbook.title') });
}

export function HandoverPanel({ data, onOpenEntry, onEntries }: { data: OpenIncident; onOpenEntry: (id: string) => void; onEntries: () => void }) {
  const t = useT();
  const store = useSession((s) => s.store);
  const actorName = useActorName();
  const gate = useReleaseGate(data);
  const [leaveOut, setLeaveOut] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const handovers = data.faqHandovers;
  const company = useCompany();
  const last = latestHandover(handovers);
  const factName = (k: string) => (t.dict.facts as Record<string, string>)[k] ?? k;

  // What a handover now would give: the same selection, numbering and rendering as the command.
  const { selection, pending } = useMemo(() => {
    const selection = selectForHandover(data.faq, data.incident.facts, company);
    const items = handoverItems(selection.ready, handovers, renderForVendor(data.incident));
    const onHold = vendorOnHold(selection.onHold, handovers, data.incident.facts, company);
    const pending = changesSince(heldBefore(handovers, Number.POSITIVE_INFINITY), { items, leftOutStale: selection.stale, onHold }, numbersBefore(handovers, Number.POSITIVE_INFINITY));
    return { selection, pending };
  }, [data.faq, data.incident, handovers, company]);
  // On hold because the approval lapsed (drafts again), and approved answers held back for a caller's details.
  const lapsed = selection.onHold.filter((e) => e.reason !== 'personal-data');
  const personal = selection.onHold.filter((e) => e.reason === 'personal-data');

  const blocked = selection.stale.length > 0 && !leaveOut;
  // Nothing approved: nothing to give, unless the vendor is to be told to stop using or retire what it has.
  const nothing = selection.ready.length === 0 && (last === null || pending.length === 0);
  const canHandOver = !busy && !blocked && !nothing && (last === null || pending.length > 0);

  const who = (h: FaqHandover) => ({
    handedOverBy: actorName(h.actor),
    approvers: [...new Set(h.items.map((i) => actorName(i.approvedBy)))],
  });

  async function saveWorkbook(h: FaqHandover): Promise<boolean> {
    const name = handoverFileName(h.title, h.version, 'xlsx');
    const bytes = await handoverWorkbook(h, handovers.some((x) => x.id === h.id) ? handovers : [...handovers, h], who(h));
    const result = await saveFile({ suggestedName: name, data: bytes, filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
    return result.saved;
  }

  async function saveCsv(h: FaqHandover, encoding: CsvEncoding) {
    const name = handoverFileName(h.title, h.version, 'csv', encoding === 'shift_jis' ? '-sjis' : '');
    try {
      const bytes = handoverCsv(h, encoding);
      const result = await saveFile({ suggestedName: name, data: bytes, filters: [{ name: 'CSV', extensions: ['csv'] }] });
      if (result.saved) setStatus({ kind: 'message', message: message('faqbook.saved', { name }) });
    } catch (err) {
      if (!(err instanceof UnencodableError)) throw err;
      // Say where, in the vendor's terms: the entry's number (record 1 is the header) and the column.
      const found = err.found.slice(0, 5).map((u) => ({ char: u.char, no: h.items[u.record - 2]?.no ?? null, column: FAQ_COLUMNS.columns[u.field - 1]?.label ?? '' }));
      setStatus({ kind: 'unencodable', found });
    }
  }

  const handOver = gate.guard(
    () => [{ id: 'faq-handover', kind: 'faq-publication', title: t('faqbook.title'), parts: selection.ready.map((r) => ({ where: r.version.question, template: r.version.answer })) }],
    async () => {
      setBusy(true);
      setStatus(null);
      try {
        const leave = leaveOut ? selection.stale.map((s) => s.entryId) : [];
        const { handoverId, version } = await dispatch('faq.hand-over', { incidentId: data.incident.id, render: renderForVendor(data.incident), leaveOut: leave });
        const row = await store?.table(tables.faqHandovers).get(handoverId);
        const saved = row ? await saveWorkbook(row) : false;
        setLeaveOut(false);
        setStatus({ kind: 'message', message: message(saved ? 'faqbook.handedOver' : 'faqbook.handedOverNotSaved', { n: version }) });
      } catch (err) {
        if (!(err instanceof CommandRefused)) throw err;
        setStatus({ kind: 'refused', problems: err.problems });
      } finally {
        setBusy(false);
      }
    },
  );

  return (
    <div>
      <section className="card" aria-labelledby="hb-title">
        <h2 id="hb-title">{t('faqbook.title')}</h2>
        <p className="hint">{t('faqbook.lead')}</p>
        <p>{last ? t('faqbook.last', { n: last.version, at: formatDateTime(hlcIso(last.at), t.lang), by: actorName(last.actor), count: last.items.length }) : t('faqbook.none')}</p>

        <h3>{t('faqbook.sinceTitle')}</h3>
        {pending.length === 0 ? (
          <p className="hint">{nothing ? t('faqbook.nothingApproved') : t('faqbook.sinceNone')}</p>
        ) : (
          <>
            {last === null && <p className="hint">{t('faqbook.sinceFirst', { n: pending.length })}</p>}
            <ChangeTable t={t} changes={pending} />
          </>
        )}
        {/* Drafts again because their approval holds for no version: said once, below, as on hold. */}
        {selection.drafts > lapsed.length && <p className="hint">{t('faqbook.drafts', { n: selection.drafts - lapsed.length })}</p>}
        {selection.pendingEdits > 0 && <p className="hint">{t('faqbook.pendingEdits', { n: selection.pendingEdits })}</p>}
        {lapsed.length > 0 && (
          <p className="hint" data-faqbook="on-hold">
            {t('faqbook.onHold', { n: lapsed.length, questions: lapsed.map((e) => e.question).join(t.dict.facts.listSeparator) })}
          </p>
        )}
        {personal.length > 0 && (
          <div className="notice" role="note" aria-labelledby="hb-personal" data-faqbook="personal-data">
            <h3 id="hb-personal">{t('faqbook.personalDataTitle')}</h3>
            <p>{t('faqbook.personalDataLead')}</p>
            <ul>
              {personal.map((e) => (
                <li key={e.entryId}>
                  {t('faqbook.personalDataItem', { question: e.question, words: (e.words ?? []).map((w) => t('faq.entries.foundWord', { w })).join(t.dict.facts.listSeparator) })}{' '}
                  <button type="button" className="link" onClick={() => onOpenEntry(e.entryId)}>
                    {t('faqbook.fix')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}

        {selection.stale.length > 0 && (
          <div className="notice" role="alert" aria-labelledby="hb-stale">
            <h3 id="hb-stale">{t('faqbook.blockedTitle')}</h3>
            <p>{t('faqbook.blockedLead')}</p>
            <ul>
              {selection.stale.map((s) => (
                <li key={s.entryId}>
                  {t('faqbook.blockedItem', { question: s.question, facts: s.changed.map(factName).join(t.dict.facts.listSeparator) })}{' '}
                  <button type="button" className="link" onClick={() => onOpenEntry(s.entryId)}>
                    {t('faqbook.fix')}
                  </button>
                </li>
              ))}
            </ul>
            <label className="check">
              <input type="checkbox" checked={leaveOut} onChange={(e) => setLeaveOut(e.target.checked)} /> {t('faqbook.leaveOutCheck', { n: selection.stale.length })}
            </label>
          </div>
        )}

        {nothing ? (
          <div className="actions">
            <button type="button" onClick={onEntries}>
              {t('faqbook.toEntries')}
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="button" className="primary" disabled={!canHandOver} aria-busy={busy || undefined} onClick={handOver}>
              {busy ? t('faqbook.working') : selection.stale.length > 0 && leaveOut ? t('faqbook.leaveOut') : t('faqbook.handOver')}
            </button>
          </div>
        )}
        <p role="status" className={status && status.kind !== 'message' ? 'error' : undefined}>
          {status && statusText(t, status)}
        </p>
      </section>

      {last && (
        <section className="card" aria-labelledby="hb-files">
          <h2 id="hb-files">{t('faqbook.filesTitle', { n: last.version })}</h2>
          {last.leftOutStale.length > 0 && <p className="hint">{t('faqbook.leftOutNote', { questions: last.leftOutStale.map((e) => e.question).join(t.dict.facts.listSeparator) })}</p>}
          <div className="actions">
            <button type="button" onClick={() => void saveWorkbook(last).then((ok) => ok && setStatus({ kind: 'message', message: message('faqbook.saved', { name: handoverFileName(last.title, last.version, 'xlsx') }) }))}>
              {t('faqbook.saveXlsx')}
            </button>
            <button type="button" onClick={() => void saveCsv(last, 'utf-8-bom')}>
              {t('faqbook.saveCsv')}
            </button>
            <button type="button" onClick={() => void saveCsv(last, 'shift_jis')}>
              {t('faqbook.saveCsvSjis')}
            </button>
          </div>
          <h3>{t('faqbook.historyTitle')}</h3>
          <ol className="versions" reversed>
            {[...handovers].reverse().map((h) => {
              const n = countChanges(handoverChanges(h, handovers));
              return (
                <li key={h.id}>
                  {t('faqbook.historyRow', { n: h.version, at: formatDateTime(hlcIso(h.at), t.lang), by: actorName(h.actor), count: h.items.length, new: n.new, changed: n.changed, retired: n.retired, stopped: n.withdrawn + n.onHold })}
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {gate.dialog}
    </div>
  );
}

function ChangeTable({ t, changes }: { t: Translator; changes: HandoverChange[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('faqbook.columns.kind')}</th>
          <th scope="col">{t('faqbook.columns.no')}</th>
          <th scope="col">{t('faqbook.columns.question')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.kind}-${c.entryId}`}>
            <td>
              <span className={`badge ${c.kind === 'new' ? 'ok' : c.kind === 'changed' ? '' : 'overdue'}`}>{t(`faqbook.book.kinds.${c.kind}`)}</span>
            </td>
            <td>{c.no}</td>
            <td>{'after' in c ? c.after.question : c.before.question}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
