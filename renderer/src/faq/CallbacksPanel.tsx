import { useMemo, useState } from 'react';
import { escalations, type Escalation } from '../../../shared/faq/escalations';
import { linkedNow, movedAway } from '../../../shared/faq/answered';
import { maySeeCallers, mayWrite } from '../../../shared/roles/table';
import { dispatch, problemsOf } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { usePeople } from '../people/people-store';
import { useMyRoles, useRoles } from '../roles/roles-store';
import { formatDateTime, hlcIso } from '../ui/format';
import { message } from '../ui/message';
import { useNow } from '../ui/use-now';
import { CallbackItem, isOk, sayStatus, type CallbackStatus } from './CallbackItem';
import { useEscalationEvents } from './use-escalation-events';

const FILTERS = ['mine', 'all'] as const;

/**
 * 折り返し (issue 15 item 4, decision 033): every escalated enquiry as a callback the
 * company owes, the overdue first and said plainly; take one, set when, record how it
 * ended; an answered one becomes a draft FAQ entry.
 */
export function CallbacksPanel({ data, onOpenEntry }: { data: OpenIncident; onOpenEntry: (entryId: string) => void }) {
  const t = useT();
  const now = useNow();
  const incidentId = data.incident.id;
  const events = useEscalationEvents(incidentId);
  const roles = useMyRoles(incidentId);
  const me = useRoles((s) => s.me);
  const book = useRoles((s) => s.book);
  const people = usePeople();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const lists = useMemo(() => escalations({ enquiries: data.enquiries, events: events ?? [], now }), [data.enquiries, events, now]);
  const members = useMemo(() => people.filter((p) => book?.isMember(p.id, incidentId) ?? false), [people, book, incidentId]);
  const nameOf = (id: string | null) => (id === null ? null : (people.find((p) => p.id === id)?.name ?? t('callbacks.unknownPerson')));
  const shown = filter === 'mine' ? lists.open.filter((x) => x.ownerId === me) : lists.open;
  const ctx = { now, nameOf, members, me, seesCallers: maySeeCallers(roles), isLead: roles.includes('direction') || roles.includes('contact-lead') };

  if (events === null) return <p className="hint">{t('app.loading')}</p>;

  return (
    <div className="callbacks">
      <section className="card" aria-labelledby="cb-title">
        <div className="board-head">
          <h2 id="cb-title">{t('callbacks.title')}</h2>
          <span className={`badge ${lists.overdue.length > 0 ? 'overdue' : ''}`}>{t('callbacks.summary', { open: lists.open.length, overdue: lists.overdue.length })}</span>
        </div>
        <p className="hint">{t('callbacks.lead')}</p>
        <div className="subnav" role="group" aria-label={t('callbacks.filter')}>
          {FILTERS.map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {t(`callbacks.${f}`)}
            </button>
          ))}
        </div>
        {shown.length === 0 && <p className="hint">{t(filter === 'mine' && lists.open.length > 0 ? 'callbacks.emptyMine' : 'callbacks.empty')}</p>}
        <ul className="callback-list">
          {shown.map((x) => (
            <CallbackItem key={x.enquiryId} x={x} ctx={ctx} />
          ))}
        </ul>
      </section>
      <ClosedCallbacks list={lists.closed} data={data} nameOf={nameOf} seesCallers={ctx.seesCallers} mayDraft={mayWrite(roles, 'faq.entry-drafted')} onOpenEntry={onOpenEntry} />
    </div>
  );
}

function ClosedCallbacks(props: { list: Escalation[]; data: OpenIncident; nameOf: (id: string | null) => string | null; seesCallers: boolean; mayDraft: boolean; onOpenEntry: (id: string) => void }) {
  const { list, data, nameOf, mayDraft, onOpenEntry } = props;
  const t = useT();
  const [status, setStatus] = useState<{ id: string; m: CallbackStatus } | null>(null);
  const [category, setCategory] = useState('');
  // The entry whose group holds the question (not one it was moved out of since): read once per change of the log or the FAQ.
  const { enquiries, faq } = data;
  const away = useMemo(() => movedAway(enquiries), [enquiries]);
  const entryByEnquiry = useMemo(() => {
    const out = new Map<string, (typeof faq)[number]>();
    for (const e of faq) for (const id of linkedNow(e, away)) if (!out.has(id)) out.set(id, e);
    return out;
  }, [away, faq]);
  const entryOf = (enquiryId: string) => entryByEnquiry.get(enquiryId);

  async function toFaq(x: Escalation) {
    try {
      const entryId = await dispatch('faq.draft-faq-from-escalation', { enquiryId: x.enquiryId, category, away });
      setStatus({ id: x.enquiryId, m: message('callbacks.faqDrafted') });
      onOpenEntry(entryId);
    } catch (err) {
      const problems = await problemsOf(Promise.reject(err));
      if (problems[0]) setStatus({ id: x.enquiryId, m: problems[0] });
    }
  }

  return (
    <section className="card" aria-labelledby="cb-closed">
      <h2 id="cb-closed">{t('callbacks.closedTitle')}</h2>
      {list.length === 0 && <p className="hint">{t('callbacks.closedEmpty')}</p>}
      {mayDraft && list.some((x) => x.closed?.outcome === 'answered' && !entryOf(x.enquiryId)) && (
        <div className="inline-form">
          <label htmlFor="cb-category">{t('callbacks.toFaqCategory')}</label>
          <input id="cb-category" autoComplete="off" value={category} onChange={(e) => setCategory(e.target.value)} />
        </div>
      )}
      <ul className="callback-list">
        {list.map((x) => {
          const c = x.closed!;
          const entry = entryOf(x.enquiryId);
          return (
            <li key={x.enquiryId} className="callback" aria-label={t('callbacks.itemLabel', { question: x.question })}>
              <div className="board-head">
                <span className="badge">{t(`callbacks.outcomes.${c.outcome}`)}</span>
                <strong>{x.question}</strong>
                <span className="meta">{t('callbacks.closedBy', { at: formatDateTime(hlcIso(c.at), t.lang), who: nameOf(c.actor) ?? '' })}</span>
              </div>
              {c.outcome === 'unreachable' && <p className="meta">{t('callbacks.triedTimes', { n: c.attempts })}</p>}
              {c.answer && <p>{t('callbacks.answerGiven', { answer: c.answer })}</p>}
              {c.note && <p className="meta">{c.note}</p>}
              {entry ? (
                <p>
                  <span className="badge">{t('callbacks.faqExists')}</span>{' '}
                  <button type="button" className="link" onClick={() => onOpenEntry(entry.id)}>
                    {t('callbacks.openFaq')}
                  </button>
                </p>
              ) : (
                mayDraft &&
                c.outcome === 'answered' && (
                  <button type="button" className="primary" onClick={() => void toFaq(x)}>
                    {t('callbacks.toFaq')}
                  </button>
                )
              )}
              {status?.id === x.enquiryId && (
                <p role={isOk(status.m) ? 'status' : 'alert'} className={isOk(status.m) ? 'hint' : 'error'}>
                  {sayStatus(t, status.m)}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
