/**
 * Where each built-in task comes from, in plain words for the task dialog, in both
 * languages. The team never sees the project's document numbers; the comment on each
 * entry keeps the passage (seeds/000–004) for whoever maintains the templates.
 */
import type { TaskTranslation, TemplateTask } from '../model';

export interface Source {
  ja: string;
  en: string;
}

export const SOURCES = {
  /** 004 §8-⑥ */
  stagedReports: {
    ja: '他社の事例: 報告を2段階に分け、第一報は必要な最低限の情報に絞る',
    en: 'Another company’s practice: report in two stages, the first with only the minimum',
  },
  /** 004 §8-⑮ */
  hqRoles: {
    ja: '他社の事例: 対策本部で、方針指導・封じ込め・分析・対策・窓口・公表に役割を分けた',
    en: 'Another company’s response: the HQ split the work into direction, containment, analysis, countermeasures, counter and statement',
  },
  /** 000 基本対応フロー */
  basicFlow: {
    ja: 'ある会社が公開しているインシデント対応の基本の流れ（発見、事実確認、方針決定、対応、記録）',
    en: 'A company’s published basic incident flow (discovery, fact check, policy, response, record)',
  },
  /** 003 step 3 */
  regulatorDuty: {
    ja: '個人情報保護法の報告義務（個人情報保護委員会への速報と確報）',
    en: 'The reporting duty under the Act on the Protection of Personal Information (preliminary and final reports to the PPC)',
  },
  /** 002 */
  benesseItems: {
    ja: '大規模漏えいの事例: 漏えいしていない項目も明記して不安を抑えた',
    en: 'A large leak case: stating what was not leaked as well calmed customers',
  },
  /** 002 */
  benesseCounts: {
    ja: '大規模漏えいの事例: 件数を確定と最大の二つで示した',
    en: 'A large leak case: counts given as confirmed and as the maximum possible',
  },
  /** 003 step 2 */
  rootCause: {
    ja: '事故対応の手引き: 「なぜ持ち出せたのか」まで原因を掘り下げる',
    en: 'Incident guidance: dig down to why the data could be taken out at all',
  },
  /** 003 step 1 */
  factsFirst: {
    ja: '事故対応の手引き: まず事実関係を確かめ、被害が広がるのを止める',
    en: 'Incident guidance: establish the facts first and stop the damage spreading',
  },
  /** 003 再発防止, 004 §8-⑦ */
  metiHandbook: {
    ja: '経済産業省「秘密情報の保護ハンドブック」の5つのポイント',
    en: 'The five points of METI’s handbook on protecting confidential information',
  },
  /** 003 再発防止 ポイント2 */
  metiTakeOut: {
    ja: '経済産業省「秘密情報の保護ハンドブック」: 情報の持ち出しを制御する',
    en: 'METI’s handbook on protecting confidential information: control how data leaves',
  },
  /** 003 再発防止 ポイント3 */
  metiDetect: {
    ja: '経済産業省「秘密情報の保護ハンドブック」: 漏えいを見つかりやすくする',
    en: 'METI’s handbook on protecting confidential information: make leaks easy to detect',
  },
  /** 003 社員への処罰 */
  sanctions: {
    ja: '事故対応の手引き: 処分だけでは再発は防げない',
    en: 'Incident guidance: sanctions alone do not prevent a recurrence',
  },
  /** 004 §8-② */
  drills: {
    ja: '他社の事例: 漏えい事故に備えて訓練を行う',
    en: 'Another company’s practice: drills for a data leak',
  },
  /** 004 §8-⑭, §8-⑳ */
  callCentre: {
    ja: '他社の事例: コールセンターを立ち上げ、問い合わせと苦情に対応した',
    en: 'Another company’s response: a call centre for enquiries and complaints',
  },
  /** 001 step 4 */
  oneVoice: {
    ja: '紛失事故の事例: 対応者ごとに回答が違うと二次炎上を招く',
    en: 'A lost-laptop case: different answers from different people start a second fire',
  },
  /** 004 §8-⑩ */
  enquiryLog: {
    ja: '他社の事例: 問い合わせを蓄積し、顧客が知りたいことと伝えるべきことを整理した',
    en: 'Another company’s response: logged enquiries to learn what customers wanted to know',
  },
  /** 004 §8-⑨ */
  postEmailPhone: {
    ja: '他社の事例: 郵送、メール、電話の順に手段を切り替えて全員に連絡した',
    en: 'Another company’s response: post, then e-mail, then phone, until everyone was reached',
  },
  /** 004 §8-⑱ */
  survey: {
    ja: '他社の事例: アンケートや掲示板で顧客の声を聞き、信頼の回復に努めた',
    en: 'Another company’s response: a survey and a message board to hear customers and regain trust',
  },
  /** 004 §8-⑥, 000 調査・判断の基準 */
  disclosureCriteria: {
    ja: '公表を判断する5つの視点と、社内の定性的・定量的な指標',
    en: 'The five viewpoints for deciding on disclosure, and the company’s own indicators',
  },
  /** 001 step 3, 002 */
  statementShape: {
    ja: 'お詫びとお知らせの一般的な構成',
    en: 'The usual shape of an apology and notice',
  },
  /** 001 step 3, 004 §8-⑮ */
  readyBeforePublishing: {
    ja: '他社の事例: 窓口の準備と状況の把握を済ませてから公表した',
    en: 'Another company’s response: published once the counter was ready and the facts were known',
  },
  /** 001 step 4 */
  followUps: {
    ja: '紛失事故の事例: 確認できた事実は続報として順次発表する',
    en: 'A lost-laptop case: publish confirmed facts as follow-ups',
  },
  /** 000 基本3ステップ */
  historyItems: {
    ja: 'ある会社が公開しているインシデント対応履歴の項目',
    en: 'The columns of a company’s published incident history',
  },
  /** 001 */
  lostLaptop: {
    ja: '紛失事故の事例: 外出中に社用PCを紛失した場合の対応',
    en: 'A lost-laptop case: a company PC lost on a sales visit',
  },
  /** 004 §8-⑬ */
  policeAndMinistry: {
    ja: '他社の事例: 原因の究明にすぐ着手し、顧客・警察・監督官庁へ連絡した',
    en: 'Another company’s response: started on the cause at once and told customers, the police and the ministry',
  },
  /** 004 §8-⑬ */
  clientCompanies: {
    ja: '他社の事例: 取引先の企業と調整し、それぞれに説明資料を用意した',
    en: 'Another company’s response: agreed with client companies and prepared an explanation for each',
  },
  /** 004 §8-⑪, §8-⑫ */
  contractorSite: {
    ja: '他社の事例: 同じASPでも自社の環境だけ古いことがあり、委託先の調査だけに頼らなかった',
    en: 'Another company’s response: the same hosted platform can be outdated for one customer only; they did not rely on the contractor’s check alone',
  },
  /** 004 §8-⑫ */
  secondOpinion: {
    ja: '他社の事例: 費用がかかっても専門性の高い会社にセカンドオピニオンを求めた',
    en: 'Another company’s response: paid for a second opinion from specialists',
  },
  /** 004 §8-⑮ */
  factsBeforeSpeed: {
    ja: '他社の事例: 早いお知らせより、状況の把握と対策を優先して混乱を防いだ',
    en: 'Another company’s response: put understanding and fixing before speed, and avoided confusion',
  },
  /** 004 §8-⑯ */
  outsideHelp: {
    ja: '他社の事例: 外部の協力会社を活用して速やかに対応した',
    en: 'Another company’s response: brought in outside partners to move quickly',
  },
  /** 004 §8-⑰ */
  accurateReporting: {
    ja: '他社の事例: 報道機関に詳しく説明し、正確に報道してもらった',
    en: 'Another company’s response: briefed the press in detail so the reporting was accurate',
  },
  /** 000 インシデント対応履歴 */
  exposedPage: {
    ja: 'ある会社が公開している対応履歴: 社外向けのページで個人情報が閲覧できた事例',
    en: 'A company’s published incident history: personal data readable on an outward-facing page',
  },
  /** 004 §8-⑲ */
  insiderCase: {
    ja: '他社の事例: 持ち出しの後、扱う人と場所を絞り、外部監査を受けた',
    en: 'Another company’s response after an insider leak: fewer people and places handle the data, outside audits',
  },
  /** 004 §8-③ */
  fileSharing: {
    ja: '他社の事例: 共有ソフトでの流出で、専門家に検索を依頼し「専門家でも見つけにくくなった」ことを示して説明した',
    en: 'Another company’s response to a file-sharing leak: specialists searched for the files, and the company showed that even they now struggled to find them',
  },
} as const satisfies Record<string, Source>;

export type SourceKey = keyof typeof SOURCES;

/** The words of one task in one language. */
export interface TaskWords {
  title: string;
  notes?: string;
  checklist: string[];
}

/** A template task written in both languages at once, so neither can be left out. */
export function bilingualTask(def: {
  key: string;
  phase: TemplateTask['phase'];
  dueAfterHours: number | null;
  source: SourceKey;
  ja: TaskWords;
  en: TaskWords;
}): TemplateTask {
  const source = SOURCES[def.source];
  const en: TaskTranslation = { title: def.en.title, ...(def.en.notes === undefined ? {} : { notes: def.en.notes }), checklist: [...def.en.checklist], source: source.en };
  return {
    key: def.key,
    phase: def.phase,
    title: def.ja.title,
    ...(def.ja.notes === undefined ? {} : { notes: def.ja.notes }),
    dueAfterHours: def.dueAfterHours,
    checklist: [...def.ja.checklist],
    source: source.ja,
    en,
  };
}
