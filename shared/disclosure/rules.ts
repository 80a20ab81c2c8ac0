/**
 * Every legal rule the disclosure features apply, in one versioned object: when the law
 * changes (an APPI amendment was promulgated in 2026-07 and is not yet in force) this is
 * the one place to edit, and `version` tells which rules a saved assessment used.
 *
 * Sources: the Act on the Protection of Personal Information (個人情報の保護に関する法律, APPI,
 * as amended and in force since 2022-04-01) and its Enforcement Rules (個人情報の保護に関する
 * 法律施行規則, 7条, 8条1項, 10条 and the reporting deadlines), the Personal Information
 * Protection Commission's guidelines and leak report form, and the EU GDPR (Art. 33, 34).
 * Where the rule text gives no article number none is invented: the citation names the
 * instrument and the topic.
 * Everything here is guidance for the response team, not legal advice: the UI shows the
 * disclaimer wherever a rule drives a conclusion.
 */
import type { DataItem } from '../incident/model';

export const RULES = {
  version: '2022-04-01+2024-04',
  asOf: '2026-11-22',
  disclaimer: {
    guidanceOnly: true,
    notLegalAdvice: true,
    /** Dictionary key of the sentence the UI shows beside every conclusion. */
    code: 'rules.guidance-not-legal-advice',
  },
  pendingAmendment: { promulgated: '2026-07', inForce: false },
  sources: [
    { id: 'appi-rule-7', citation: '個人情報保護法施行規則7条', topic: 'reportable-cases' },
    { id: 'appi-rule-8-1', citation: '個人情報保護法施行規則8条1項', topic: 'report-contents' },
    { id: 'appi-rule-10', citation: '個人情報保護法施行規則10条', topic: 'notice-to-individuals' },
    { id: 'appi-deadlines', citation: '個人情報保護法施行規則（速報・確報の期限）', topic: 'deadlines' },
    { id: 'ppc-guideline', citation: '個人情報保護委員会ガイドライン（速報の目安）', topic: 'preliminary-target' },
    { id: 'ppc-form', citation: '個人情報保護委員会 漏えい等報告フォーム', topic: 'filing' },
    { id: 'gdpr-33', citation: 'GDPR Art. 33', topic: 'supervisory-authority' },
    { id: 'gdpr-34', citation: 'GDPR Art. 34', topic: 'data-subjects' },
  ],
  appi: {
    /** A leak that "may have happened" (おそれ) is reportable as much as a confirmed one. */
    includesPossibleLeak: true,
    reportableCases: [
      {
        case: 1,
        key: 'sensitive',
        term: '要配慮個人情報',
        items: ['sensitive'] satisfies DataItem[],
        minPeople: 1,
        source: '個人情報保護法施行規則7条1号',
      },
      {
        case: 2,
        key: 'financial-harm',
        term: '財産的被害',
        // Card numbers and bank data are the items that signal it; net-banking credentials
        // have no item of their own and come in through the financial-harm assessment.
        items: ['creditCard', 'bankAccount'] satisfies DataItem[],
        minPeople: 1,
        source: '個人情報保護法施行規則7条2号',
      },
      {
        case: 3,
        key: 'improper-purpose',
        term: '不正の目的',
        examples: [
          { key: 'unauthorised-access', since: null },
          { key: 'insider', since: null },
          { key: 'web-skimming', since: '2024-04' },
        ],
        minPeople: 1,
        source: '個人情報保護法施行規則7条3号',
      },
      {
        case: 4,
        key: 'over-threshold',
        term: '千人を超える',
        threshold: 1000,
        /** Strictly more than the threshold: exactly 1,000 people is not case 4. */
        comparison: 'greater-than',
        /** The maximum possible count counts, not only the confirmed one (おそれ). */
        countBasis: 'max-of-confirmed-and-maximum',
        source: '個人情報保護法施行規則7条4号',
      },
    ],
    exemptions: [
      { key: 'encrypted', term: '高度な暗号化', source: '個人情報保護法施行規則7条' },
      { key: 'recovered', term: '閲覧される前に全て回収', source: '個人情報保護法施行規則7条' },
    ],
    contractor: {
      bothReport: true,
      jointFilingAllowed: true,
      /** A contractor that notified its client is released from its own report. */
      releasedWhenClientNotified: true,
      source: '個人情報保護法施行規則7条',
    },
    deadlines: {
      clockStarts: 'learned',
      /** The sources do not settle the first day or holidays: deadlines.ts documents ours. */
      countingSettled: false,
      preliminary: {
        rule: 'promptly',
        term: '速やかに',
        targetDays: { min: 3, max: 5 },
        source: '個人情報保護法施行規則（速報・確報の期限）',
        targetSource: '個人情報保護委員会ガイドライン（速報の目安）',
      },
      final: { days: 30, source: '個人情報保護法施行規則（速報・確報の期限）' },
      finalImproperPurpose: { days: 60, appliesToCase: 3, source: '個人情報保護法施行規則（速報・確報の期限）' },
      noticeToIndividuals: { rule: 'promptly', term: '速やかに', source: '個人情報保護法施行規則10条' },
    },
    report: {
      items: [
        { item: 1, key: 'summary', term: '概要', source: '個人情報保護法施行規則8条1項1号' },
        { item: 2, key: 'dataItems', term: '漏えい等が発生し、又は発生したおそれがある個人データの項目', source: '個人情報保護法施行規則8条1項2号' },
        { item: 3, key: 'people', term: '本人の数', source: '個人情報保護法施行規則8条1項3号' },
        { item: 4, key: 'cause', term: '原因', source: '個人情報保護法施行規則8条1項4号' },
        { item: 5, key: 'secondaryHarm', term: '二次被害又はそのおそれの有無及びその内容', source: '個人情報保護法施行規則8条1項5号' },
        { item: 6, key: 'individualResponse', term: '本人への対応の実施状況', source: '個人情報保護法施行規則8条1項6号' },
        { item: 7, key: 'publication', term: '公表の実施状況', source: '個人情報保護法施行規則8条1項7号' },
        { item: 8, key: 'prevention', term: '再発防止のための措置', source: '個人情報保護法施行規則8条1項8号' },
        { item: 9, key: 'other', term: 'その他参考となる事項', source: '個人情報保護法施行規則8条1項9号' },
      ],
      /** The preliminary report carries only what is known when it is filed. */
      preliminaryMayBeIncomplete: true,
      form: {
        channel: 'ppc-online-form',
        /** Asked first; a delegated industry files with its ministry instead of the PPC. */
        preQuestions: ['myNumberInvolved', 'organisationKind', 'delegatedToMinistry'],
        reporter: 'company',
        source: '個人情報保護委員会 漏えい等報告フォーム',
      },
    },
    noticeToIndividuals: {
      items: [1, 2, 4, 5, 9],
      fixedFormat: false,
      means: ['post', 'email', 'phone'],
      /** A phone notice leaves no paper trail, so its date and time are recorded. */
      phoneNeedsRecord: true,
      alternativeMeasure: {
        key: 'public-notice-and-enquiry-line',
        term: '代替措置',
        when: 'notice-difficult',
        requires: ['publication', 'public-enquiry-line'],
        source: '個人情報保護法施行規則10条',
      },
      source: '個人情報保護法施行規則10条',
    },
  },
  gdpr: {
    supervisoryAuthority: {
      hours: 72,
      clockStarts: 'aware',
      lateNeedsReasons: true,
      phasedDetailsAllowed: true,
      source: 'GDPR Art. 33(1)',
      contents: [
        { key: 'nature', includes: ['categories', 'approxPeople', 'approxRecords'], source: 'GDPR Art. 33(3)' },
        { key: 'dpoContact', source: 'GDPR Art. 33(3)' },
        { key: 'consequences', source: 'GDPR Art. 33(3)' },
        { key: 'measures', source: 'GDPR Art. 33(3)' },
      ],
    },
    dataSubjects: {
      rule: 'without-undue-delay',
      when: 'high-risk',
      plainLanguage: true,
      sameContentsAs: ['dpoContact', 'consequences', 'measures'],
      exemptions: [
        { key: 'encrypted', source: 'GDPR Art. 34' },
        { key: 'risk-no-longer-likely', source: 'GDPR Art. 34' },
        { key: 'disproportionate-effort', then: 'public-communication', source: 'GDPR Art. 34' },
      ],
      source: 'GDPR Art. 34',
    },
  },
} as const;

export type Rules = typeof RULES;
export type ReportableCase = Rules['appi']['reportableCases'][number]['case'];
export type AppiExemption = Rules['appi']['exemptions'][number]['key'];
export type PpcItemKey = Rules['appi']['report']['items'][number]['key'];
export type PpcItemNumber = Rules['appi']['report']['items'][number]['item'];

export function caseRule<C extends ReportableCase>(c: C): Extract<Rules['appi']['reportableCases'][number], { case: C }> {
  return RULES.appi.reportableCases.find((r) => r.case === c) as Extract<Rules['appi']['reportableCases'][number], { case: C }>;
}

export function ppcItemRule(key: PpcItemKey): Rules['appi']['report']['items'][number] {
  return RULES.appi.report.items.find((r) => r.key === key)!;
}
