/**
 * An employee or contractor's staff taking customer data out on purpose (000's
 * qualitative indicators, 003's points on punishment and detection, 004 §8-⑲).
 */
import type { ScenarioTemplate } from '../model';
import { common } from './common';
import { bilingualTask } from './sources';

export const INSIDER: ScenarioTemplate = {
  id: 'insider',
  version: 1,
  name: '従業員・委託先による持ち出し',
  description:
    '従業員や委託先の担当者が顧客情報を不正に持ち出した、またはそのおそれがある場合。証拠を保全し、警察に相談する。不正の目的によるおそれがあるため、本人が1人でも個人情報保護委員会への報告の対象になりうる。',
  en: {
    name: 'Data taken out by staff or a contractor',
    description:
      'An employee or a contractor’s staff took customer data out improperly, or may have. Preserve the evidence and consult the police. As an improper purpose is possible, even one person affected can mean a report to the PPC.',
  },
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq', {
      ja: { notes: '調査の対象者に知られないよう、情報を共有する範囲を必要な人に絞る。役割の分担は通常どおり方針指導、封じ込め、分析、対策、窓口、公表に分ける。' },
      en: { notes: 'Share information only with those who need it, so the people under investigation do not learn of it. Split the roles as usual: direction, containment, analysis, countermeasures, counter, statement.' },
    }),
    bilingualTask({
      key: 'police-consultation',
      phase: 'direction',
      dueAfterHours: 24,
      source: 'policeAndMinistry',
      ja: {
        title: '警察に相談する',
        notes: '証拠の保全の仕方もあわせて相談する。',
        checklist: ['管轄の警察署に相談する', '被害届・告訴の要否を確認する', '相談した日時と担当者を記録する'],
      },
      en: {
        title: 'Consult the police',
        notes: 'Ask them how to preserve the evidence too.',
        checklist: ['Consult the local police station', 'Ask whether to file a report or a complaint', 'Record when you consulted, and whom'],
      },
    }),
    bilingualTask({
      key: 'decide-sanctions',
      phase: 'direction',
      dueAfterHours: null,
      source: 'sanctions',
      ja: {
        title: '関与者への処分と法的措置を検討する',
        notes: '実害の有無、本人の悪意、情報の機密性を基準に判断する。処分だけでは再発は防げず、持ち出せた仕組みの見直しが欠かせない。',
        checklist: ['事実関係を確定してから判断する', '弁護士に相談する', '就業規則・委託契約の条項を確認する'],
      },
      en: {
        title: 'Consider sanctions and legal steps against those involved',
        notes: 'Judge by actual harm, intent and how confidential the data was. Sanctions alone do not prevent a recurrence: what let the data be taken out must change too.',
        checklist: ['Decide only once the facts are settled', 'Consult a lawyer', 'Check the work rules and the contractor agreement'],
      },
    }),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final', {
      dueAfterHours: 1440,
      ja: {
        notes:
          '持ち出しは不正の目的によるおそれに当たるため、知った日から60日以内。速報で空欄だった項目を埋め、すべての項目をそろえて提出する。日数の数え方は法務・専門家に確認する。',
      },
      en: {
        notes:
          'Taking data out counts as a possible improper purpose, so within 60 days of learning of it. Fill in what the preliminary report left blank and file it with every item complete. Check with legal or a specialist how the days are counted.',
      },
    }),

    bilingualTask({
      key: 'suspend-access',
      phase: 'containment',
      dueAfterHours: 4,
      source: 'factsBeforeSpeed',
      ja: {
        title: '関与が疑われる者のアクセス権を止める',
        checklist: ['業務システムとメールのアカウントを止める', 'VPNと入館証を止める', '貸与しているPC・媒体を回収する'],
      },
      en: {
        title: 'Cut off access for those suspected',
        checklist: ['Suspend their business-system and e-mail accounts', 'Suspend VPN access and building passes', 'Take back the laptops and media lent to them'],
      },
    }),
    bilingualTask({
      key: 'preserve-evidence',
      phase: 'containment',
      dueAfterHours: 4,
      source: 'policeAndMinistry',
      ja: {
        title: '証拠を保全する',
        notes: '調べる前に保全する。端末は電源を入れたり操作したりせず、専門家に任せる。',
        checklist: ['操作ログ・アクセスログ・メールの送信記録', '貸与PCと外部媒体', '入退室の記録と監視カメラの映像', '誰がいつ何を保全したかの記録'],
      },
      en: {
        title: 'Preserve the evidence',
        notes: 'Preserve before you investigate. Do not switch on or use the devices: leave them to specialists.',
        checklist: ['Activity logs, access logs, sent-mail records', 'The laptops and external media lent out', 'Entry records and CCTV footage', 'A record of who preserved what, and when'],
      },
    }),

    bilingualTask({
      key: 'investigate-exfiltration',
      phase: 'analysis',
      dueAfterHours: 336,
      source: 'rootCause',
      ja: {
        title: '持ち出しの手口と期間を特定する',
        notes: '社内で調べきれない部分は、専門の調査会社に依頼する。',
        checklist: ['持ち出した経路（媒体・メール・クラウドなど）', '持ち出した時期と回数', '持ち出したデータ', 'ほかに関わった者や指示した者の有無'],
      },
      en: {
        title: 'Establish how the data was taken out, and over what period',
        notes: 'What cannot be investigated in-house goes to a specialist firm.',
        checklist: ['The route out (media, e-mail, cloud …)', 'When, and how many times', 'Which data', 'Whether anyone else was involved or gave instructions'],
      },
    }),
    bilingualTask({
      key: 'trace-destination',
      phase: 'analysis',
      dueAfterHours: null,
      source: 'policeAndMinistry',
      ja: {
        title: '持ち出した情報の流出先を調べる',
        checklist: ['本人から聞き取る（弁護士の同席のもとで）', '名簿業者などへ流通していないか確かめる', '流通していれば利用の停止と削除を求める'],
      },
      en: {
        title: 'Trace where the data went',
        checklist: ['Question the person (with a lawyer present)', 'Check whether list brokers or others have it', 'If it is circulating, demand it is no longer used and is deleted'],
      },
    }),
    common('scope-data-items'),
    common('count-affected'),
    common('root-cause', {
      ja: { notes: 'なぜ持ち出せたのか、なぜ気づけなかったのかまで掘り下げる。' },
      en: { notes: 'Dig down to why the data could be taken out, and why nobody noticed.' },
    }),

    bilingualTask({
      key: 'restrict-handling',
      phase: 'countermeasures',
      dueAfterHours: 720,
      source: 'insiderCase',
      ja: {
        title: '個人データを扱う人・場所・媒体を絞る',
        checklist: ['扱う担当者を最小限にし、社員に限る', '扱う場所を分け、入退室を管理する', '外部媒体・私物端末の利用を制限する', '複数の企業による外部監査を受ける'],
      },
      en: {
        title: 'Narrow who handles personal data, where and on what',
        checklist: [
          'Keep handlers to a minimum, employees only',
          'Handle it in a separate room with controlled entry',
          'Restrict external media and personal devices',
          'Have outside audits by more than one firm',
        ],
      },
    }),
    bilingualTask({
      key: 'detect-exfiltration',
      phase: 'countermeasures',
      dueAfterHours: 720,
      source: 'metiDetect',
      ja: {
        title: '持ち出しを検知できる仕組みを整える',
        checklist: ['大量のダウンロードや印刷を検知する', '操作ログを定期的に確認する', 'ログを確認していることを社員に知らせる'],
      },
      en: {
        title: 'Put in place what detects data being taken out',
        checklist: ['Detect mass downloads and printing', 'Review activity logs regularly', 'Let staff know the logs are reviewed'],
      },
    }),
    common('recurrence-prevention'),
    common('improve-response'),

    common('open-counter'),
    common('prepare-faq'),
    common('notify-customers'),

    common('decide-disclosure'),
    common('draft-statement'),
    common('publish-statement'),
    common('follow-up'),
    common('record-history'),
  ],
};
