import { useMayDecide, WhoMayApprove } from '../../roles/WhoMayApprove';
import { useEffect, useState } from 'react';
import type { NoticePublished } from '../../../../shared/contacts/events';
import type { HonbuEvent } from '../../../../shared/events/event';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/open-incident';
import { useActorName } from '../../incidents/use-actor-name';
import { useNav } from '../../shell/nav-store';
import { formatDateTime, hlcIso } from '../../ui/format';
import { useSession } from '../../vault/session-store';
import type { DatasetInfo } from '../contact-engine';
import { useContacts } from './contacts-store';
import { dispatch } from '../../data/dispatch';
import { type Said, say } from './labels';
import { namedDataset, useListName } from './list-name';
import { followNotices } from '../notice';
import { reportError } from '../../errors/report';
import { StoreClosedError } from '../../data/store-contract';

/**
 * Covering the customers nobody could reach with the public notice: a deliberate step
 * (the count, the published statement it relies on, a reason), recorded as a decision on
 * the timeline, and withdrawable the same way (issue 10 item 10: it was one click).
 */
export function NoticeCover({ data, dataset, unreachable }: { data: OpenIncident; dataset: DatasetInfo; unreachable: number }) {
  // Counting customers as told by a public notice is direction's decision (the role table).
  const mayDecide = useMayDecide(data.incident.id);
  const t = useT();
  const engine = useContacts((s) => s.engine)!;
  const me = useSession((s) => s.me?.name ?? '');
  const setTab = useNav((s) => s.setTab);
  const actorName = useActorName();
  const listName = useListName();
  const [asking, setAsking] = useState(false);
  const [statementId, setStatementId] = useState('');
  const [why, setWhy] = useState('');
  const [message, setMessage] = useState<Said | null>(null);
  const [notices, setNotices] = useState<{ event: HonbuEvent; notice: NoticePublished }[]>([]);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const nf = new Intl.NumberFormat();

  // Read again only when a notice or an undo of this list comes by, not on every call result.
  useEffect(() => followNotices(engine, dataset.id, setNotices, (e) => e instanceof StoreClosedError || reportError(e, 'background')), [engine, dataset.id]);

  const published = data.statements.filter((s) => s.state === 'published').sort((a, b) => b.version - a.version);
  const chosen = published.find((s) => s.id === statementId) ?? published[0];
  const versionOf = (ref: string) => data.statements.find((s) => s.id === ref)?.version ?? '?';

  async function cover() {
    if (!chosen) return;
    await dispatch('contacts.cover-by-notice', {
      datasetId: dataset.id,
      cover: {
        statementId: chosen.id,
        covered: unreachable,
        what: t('contacts.dashboard.notice.decision', { n: nf.format(unreachable), version: chosen.version, list: listName(namedDataset(dataset)) }),
        why: why.trim(),
        decidedBy: me,
      },
    });
    setAsking(false);
    setWhy('');
    setMessage(say('contacts.dashboard.notice.done', { n: nf.format(unreachable) }));
  }

  async function withdraw(n: { event: HonbuEvent; notice: NoticePublished }) {
    await dispatch('contacts.undo-notice', {
      datasetId: dataset.id,
      noticeEventId: n.event.id,
      decision: {
        what: t('contacts.dashboard.notice.undoDecision', { n: nf.format(n.notice.covered ?? 0), version: versionOf(n.notice.noticeRef), list: listName(namedDataset(dataset)) }),
        why: '',
        decidedBy: me,
      },
    });
    setWithdrawing(null);
    setMessage(say('contacts.dashboard.notice.undone'));
  }

  return (
    <div className="notice-cover">
      {notices.map((n) => (
        <div key={n.event.id} className="actions wrap">
          <span className="meta">
            {t('contacts.dashboard.notice.covered', {
              at: formatDateTime(hlcIso(n.event.at), t.lang),
              version: versionOf(n.notice.noticeRef),
              n: nf.format(n.notice.covered ?? 0),
              by: data.decisions.find((d) => d.id === n.notice.decisionId)?.decidedBy ?? actorName(n.event.actor),
            })}
          </span>
          {withdrawing === n.event.id ? (
            <span role="alertdialog" aria-label={t('contacts.dashboard.notice.undo')}>
              {t('contacts.dashboard.notice.undoConfirm', { n: nf.format(n.notice.covered ?? 0) })}{' '}
              <button type="button" className="primary" onClick={() => void withdraw(n)}>
                {t('contacts.dashboard.notice.undoDo')}
              </button>{' '}
              <button type="button" onClick={() => setWithdrawing(null)}>
                {t('contacts.dashboard.notice.cancel')}
              </button>
            </span>
          ) : (
            <button type="button" className="link" onClick={() => setWithdrawing(n.event.id)}>
              {t('contacts.dashboard.notice.undo')}
            </button>
          )}
        </div>
      ))}
      {unreachable > 0 && !asking && (
        <>
          <button type="button" className="primary" disabled={!mayDecide} aria-describedby={mayDecide ? undefined : 'nc-who'} onClick={() => setAsking(true)}>
            {t('contacts.dashboard.publishNotice', { n: nf.format(unreachable) })}
          </button>
          {!mayDecide && <WhoMayApprove incidentId={data.incident.id} id="nc-who" />}
        </>
      )}
      {asking && (
        <div className="notice" role="alertdialog" aria-labelledby="nc-title">
          <h3 id="nc-title">{t('contacts.dashboard.notice.title')}</h3>
          <p>{t('contacts.dashboard.notice.lead', { n: nf.format(unreachable) })}</p>
          {published.length === 0 ? (
            <>
              <p className="error">{t('contacts.dashboard.notice.noStatement')}</p>
              <div className="actions">
                <button type="button" onClick={() => setTab('disclosure')}>
                  {t('contacts.dashboard.notice.openDisclosure')}
                </button>
                <button type="button" onClick={() => setAsking(false)}>
                  {t('contacts.dashboard.notice.cancel')}
                </button>
              </div>
            </>
          ) : (
            <>
              <label htmlFor="nc-statement">{t('contacts.dashboard.notice.statement')}</label>
              <select id="nc-statement" value={chosen?.id ?? ''} onChange={(e) => setStatementId(e.target.value)}>
                {published.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t('contacts.dashboard.notice.statementOption', { version: s.version, at: formatDateTime(s.publishedAt && hlcIso(s.publishedAt), t.lang) })}
                  </option>
                ))}
              </select>
              <label htmlFor="nc-why">{t('contacts.dashboard.notice.why')}</label>
              <input id="nc-why" autoComplete="off" value={why} onChange={(e) => setWhy(e.target.value)} />
              <div className="actions">
                <button type="button" className="primary" onClick={() => void cover()}>
                  {t('contacts.dashboard.notice.confirm', { n: nf.format(unreachable) })}
                </button>
                <button type="button" onClick={() => setAsking(false)}>
                  {t('contacts.dashboard.notice.cancel')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {message && (
        <p className="ok" role="status">
          {t(message.key, message.params)}
        </p>
      )}
    </div>
  );
}
