/**
 * Notices to individuals (本人への通知, 規則10条): their own documents, versioned and approved
 * like statements, sent as letters and e-mails. They carry items 1, 2, 4, 5 and 9 of the
 * report — in words for the person, not the regulator's: no internal incident title, no
 * sentence about filing with a contractor. Sections quote the live facts through
 * {{placeholders}} so a changed count or phone number cannot leave a stale letter behind.
 */
import { RULES } from './rules';
import { sectionChecklist, sectionsFrom, staleQuotes, type CheckItem, type SectionSpec, type StatementSection } from './statement';
import type { Facts } from '../incident/model';
import type { FieldChange } from '../incident/report-diff';
import { docId, latestInForce, versionedDocProjection, type VersionedDoc } from './doc-versions';
import type { DisclosureEvent } from './events';

export const NOTICE_SECTION_KEYS = ['summary', 'items', 'cause', 'secondaryHarm', 'other'] as const;
export type NoticeSectionKey = (typeof NOTICE_SECTION_KEYS)[number];

/** Which item of 規則8条1項 each section carries (規則10条 asks for 1, 2, 4, 5 and 9). */
export const NOTICE_SECTION_ITEM: Record<NoticeSectionKey, number> = { summary: 1, items: 2, cause: 4, secondaryHarm: 5, other: 9 };

export const NOTICE_SECTIONS: readonly SectionSpec<NoticeSectionKey>[] = [
  {
    key: 'summary',
    quotes: ['discoveredAt'],
    template:
      '{{discoveredAt}}、弊社がお預かりしているお客様の個人情報の一部が、外部に流出した可能性があることが判明いたしました。お客様の情報も対象に含まれている可能性があるため、ご連絡を差し上げました。',
    templateEn:
      'On {{discoveredAt}} we found that some of the personal information our customers entrusted to us may have been leaked. Your information may be among it, which is why we are writing to you.',
    source: '規則10条; 規則8条1項1号',
  },
  {
    key: 'items',
    quotes: ['itemsLeaked', 'itemsNotLeaked'],
    template: '流出した可能性がある情報：{{itemsLeaked}}\nなお、{{itemsNotLeaked}}は含まれておりません。',
    templateEn: 'Information that may have been leaked: {{itemsLeaked}}\nThe following was not included: {{itemsNotLeaked}}.',
    source: '規則10条; 規則8条1項2号',
  },
  {
    key: 'cause',
    quotes: [],
    template: '原因につきましては現在調査を進めております。判明いたしましたら、速やかにお知らせいたします。',
    templateEn: 'We are investigating the cause and will tell you as soon as it is known.',
    source: '規則10条; 規則8条1項4号',
  },
  {
    key: 'secondaryHarm',
    quotes: [],
    template:
      '現時点で、本件による被害は確認されておりません。念のため、不審な電話・メール・郵便物にご注意いただき、身に覚えのない請求やカードのご利用がないかご確認をお願いいたします。',
    templateEn:
      'We know of no harm caused by this so far. As a precaution, please be wary of unexpected calls, e-mails and letters, and check for any charges or card payments you do not recognise.',
    source: '規則10条; 規則8条1項5号',
  },
  {
    key: 'other',
    quotes: ['deskPhone', 'deskHours'],
    template: '本件に関するお問い合わせは、専用窓口にて承ります。\n電話番号：{{deskPhone}}\n受付時間：{{deskHours}}',
    templateEn: 'For any questions about this matter, please contact our dedicated desk.\nPhone: {{deskPhone}}\nHours: {{deskHours}}',
    source: '規則10条; 規則8条1項9号',
  },
];

export function defaultNoticeSections(lang: 'ja' | 'en' = 'ja'): StatementSection[] {
  return sectionsFrom(NOTICE_SECTIONS, lang);
}

export function noticeChecklist(sections: readonly StatementSection[], facts: Facts, now?: number): CheckItem[] {
  return sectionChecklist(NOTICE_SECTIONS, sections, facts, now);
}

export type NoticeEvent = Extract<DisclosureEvent, { type: `disclosure.notice-${string}` }>;

export const noticeId = docId;

export const noticesProjection = versionedDocProjection('notice', 'notices');

/** The rule the notice follows, for the UI to cite beside it. */
export const NOTICE_RULE = RULES.appi.noticeToIndividuals;

/**
 * The notice in force (the one letters, e-mails and the public notice are made from) whose
 * quoted facts moved after it was approved: it still prints the approved values — an old
 * desk number, an old count — until a new version is approved. Empty when it is current.
 */
export function noticeStale(notices: Iterable<VersionedDoc>, current: Facts): { notice: VersionedDoc; changes: FieldChange<keyof Facts>[] } | null {
  const notice = latestInForce(notices);
  if (!notice?.factsSnapshot) return null;
  const changes = staleQuotes(notice.sections, notice.factsSnapshot, current);
  return changes.length > 0 ? { notice, changes } : null;
}
