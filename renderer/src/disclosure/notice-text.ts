/** The notice to individuals (規則10条) as text: used by the notices panel and the letter batches. */
import { draftPpcReport, noticeItems } from '../../../shared/disclosure/ppc-report';
import { DEFAULT_SETTINGS } from '../../../shared/disclosure/regulator';
import { renderTemplate } from '../../../shared/incident/render';
import type { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/workspace-store';
import { locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import { draftLabels } from './labels';

export interface NoticeTexts {
  letter: string;
  email: string;
  publicNotice: string;
}

export function noticeTexts(t: ReturnType<typeof useT>, data: Pick<OpenIncident, 'incident' | 'reports' | 'disclosure'>): NoticeTexts {
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
  return {
    letter: [t('notices.letterOpening'), '', body, '', desk, '', t('notices.letterClosing')].join('\n'),
    email: [t('notices.emailSubject'), '', t('notices.letterGreeting', { name: t('notices.customerPlaceholder') }), '', t('notices.letterOpening'), '', body, '', desk].join('\n'),
    publicNotice: [t('notices.publicNoticeLead'), '', body, '', desk, t('notices.publicNoticeCheck')].join('\n'),
  };
}
