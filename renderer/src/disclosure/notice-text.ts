/**
 * The notice to individuals as text, for the letter batches of the contact tracker: the
 * version in force (approved), else the latest draft — which then says it is a draft —
 * else the default wording, so a batch never prints words nobody wrote.
 */
import { latestInForce, type VersionedDoc } from '../../../shared/disclosure/doc-versions';
import { defaultNoticeSections } from '../../../shared/disclosure/notice';
import type { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { noticeEmailText, noticeLetterText, publicNoticeText } from './documents';

export interface NoticeTexts {
  /** The language the notice is written in (the letters' HTML says so, whatever the screen's language). */
  lang: VersionedDoc['lang'];
  letter: string;
  email: string;
  publicNotice: string;
}

export function noticeTexts(t: ReturnType<typeof useT>, data: Pick<OpenIncident, 'incident' | 'notices' | 'company'>, now = Date.now()): NoticeTexts {
  const notice: VersionedDoc = latestInForce(data.notices) ??
    data.notices[data.notices.length - 1] ?? {
      id: `${data.incident.id}:0`,
      incidentId: data.incident.id,
      version: 0,
      lang: t.lang,
      sections: defaultNoticeSections(t.lang),
      state: 'draft',
      factsSnapshot: null,
      approverId: null,
      approvedBy: null,
      approvedAt: null,
      publishedAt: null,
      publishedBy: null,
      publishedSections: null,
      approvals: [],
      createdAt: '',
      createdBy: '',
      updatedAt: '',
      stamps: {},
      order: [],
    };
  const input = { notice, facts: data.incident.facts, company: data.company, title: data.incident.title, now };
  return { lang: notice.lang, letter: noticeLetterText(input), email: noticeEmailText(input), publicNotice: publicNoticeText(input) };
}
