import { draftPpcReport, noticeItems } from '../../../shared/disclosure/ppc-report';
import { DEFAULT_SETTINGS } from '../../../shared/disclosure/regulator';
import { renderTemplate } from '../../../shared/incident/render';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/workspace-store';
import { printPage } from '../platform/platform';
import { locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import { draftLabels } from './labels';

/**
 * Notices to individuals (規則10条): the letter and e-mail carry items 1, 2, 4, 5 and 9 of the
 * report, quoting the facts; the public notice covers those who cannot be reached (代替措置).
 */
export function NoticesPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const settings = data.disclosure?.settings ?? DEFAULT_SETTINGS;
  const latest = [...data.reports].reverse();
  const draft = draftPpcReport({
    incident: data.incident,
    labels: draftLabels(t.dict, t.lang),
    stage: 'preliminary',
    cause: latest.find((r) => r.fields.cause.trim() !== '')?.fields.cause ?? '',
    rootCause: '',
    secondaryHarm: t('notices.watchFor'),
    individualResponse: '',
    publication: '',
    prevention: '',
    other: '',
    contractor: settings.contractor,
    contractorName: settings.contractorName,
  });
  const items = noticeItems(draft).filter((i) => i.value.trim() !== '');
  const desk = renderTemplate(t.dict.notices.deskLine, { title: data.incident.title, facts: data.incident.facts }, { labels: renderLabels(t.dict), locale: locale(t.lang) }).text;
  const body = items.map((i) => `■ ${t(`ppc.items.${i.key}`).replace(/^\d+\.\s*/, '')}\n${i.value}`).join('\n\n');
  const letter = [t('notices.letterOpening'), '', body, '', desk, '', t('notices.letterClosing')].join('\n');
  const email = [t('notices.emailSubject'), '', t('notices.letterGreeting', { name: t('notices.customerPlaceholder') }), '', t('notices.letterOpening'), '', body, '', desk].join('\n');
  const publicNotice = [t('notices.publicNoticeLead'), '', body, '', desk, t('notices.publicNoticeCheck')].join('\n');

  return (
    <div className="notices">
      <p className="hint no-print">{t('notices.lead')}</p>
      <article className="card letter-page" aria-labelledby="nt-letter">
        <div className="board-head no-print">
          <h2 id="nt-letter">{t('notices.letter')}</h2>
          <span className="spacer" />
          <button type="button" className="primary" onClick={() => void printPage(`${data.incident.title}-letter.pdf`.replace(/[\\/:*?"<>|\s]+/g, '_'))}>
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
      </section>
      <section className="card no-print" aria-labelledby="nt-public">
        <h2 id="nt-public">{t('notices.publicNotice')}</h2>
        <pre className="notice-text">{publicNotice}</pre>
      </section>
    </div>
  );
}
