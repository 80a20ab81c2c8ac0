import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/workspace-store';
import { printPage } from '../platform/platform';
import { noticeTexts } from './notice-text';
import { noticeDocument } from '../outgoing/documents';
import { CopyText } from '../outgoing/CopyText';
import { useReleaseGate } from '../outgoing/ReleaseGate';

/**
 * Notices to individuals (規則10条): the letter and e-mail carry items 1, 2, 4, 5 and 9 of the
 * report, quoting the facts; the public notice covers those who cannot be reached (代替措置).
 */
export function NoticesPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const { letter, email, publicNotice } = noticeTexts(t, data);
  const gate = useReleaseGate(data);

  return (
    <div className="notices">
      <p className="hint no-print">{t('notices.lead')}</p>
      <article className="card letter-page" aria-labelledby="nt-letter">
        <div className="board-head no-print">
          <h2 id="nt-letter">{t('notices.letter')}</h2>
          <span className="spacer" />
          <button type="button" className="primary" onClick={gate.guard([noticeDocument(t, 'letter', letter)], () => void printPage(`${data.incident.title}-letter.pdf`.replace(/[\\/:*?"<>|\s]+/g, '_')))}>
            {t('notices.print')}
          </button>
        </div>
        <div className="address-block" aria-hidden="true">
          <p>{t('notices.postcode')}</p>
          <p>{t('notices.letterGreeting', { name: t('notices.customerPlaceholder') })}</p>
        </div>
        <pre className="notice-text">{letter}</pre>
      </article>
      <section className="card no-print" aria-labelledby="nt-email">
        <h2 id="nt-email">{t('notices.email')}</h2>
        <pre className="notice-text">{email}</pre>
        <CopyText text={email} label={t('outgoing.copyEmailText')} guard={(copy) => gate.guard([noticeDocument(t, 'email', email)], copy)} />
      </section>
      <section className="card no-print" aria-labelledby="nt-public">
        <h2 id="nt-public">{t('notices.publicNotice')}</h2>
        <pre className="notice-text">{publicNotice}</pre>
        <CopyText text={publicNotice} label={t('outgoing.copyPublicNotice')} guard={(copy) => gate.guard([noticeDocument(t, 'publicNotice', publicNotice)], copy)} />
      </section>
      {gate.dialog}
    </div>
  );
}
