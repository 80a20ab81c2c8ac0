/**
 * An employee or contractor's staff taking customer data out on purpose (000's
 * qualitative indicators, 003's points on punishment and detection, 004 §8-⑲).
 */
import type { ScenarioTemplate } from '../model';
import { common } from './common';

export const INSIDER: ScenarioTemplate = {
  id: 'insider',
  version: 1,
  name: '従業員・委託先による持ち出し',
  description:
    '従業員や委託先の担当者が顧客情報を不正に持ち出した、またはそのおそれがある場合。証拠を保全し、警察に相談する。不正の目的によるおそれがあるため、本人が1人でも個人情報保護委員会への報告の対象になりうる。',
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq', {
      notes:
        '調査の対象者に知られないよう、情報を共有する範囲を必要な人に絞る。役割の分担は通常どおり方針指導、封じ込め、分析、対策、窓口、公表に分ける。',
    }),
    {
      key: 'police-consultation',
      phase: 'direction',
      title: '警察に相談する',
      notes: '証拠の保全の仕方もあわせて相談する。',
      dueAfterHours: 24,
      checklist: ['管轄の警察署に相談する', '被害届・告訴の要否を確認する', '相談した日時と担当者を記録する'],
      source: '004 §8-⑬',
    },
    {
      key: 'decide-sanctions',
      phase: 'direction',
      title: '関与者への処分と法的措置を検討する',
      notes:
        '実害の有無、本人の悪意、情報の機密性を基準に判断する。処分だけでは再発は防げず、持ち出せた仕組みの見直しが欠かせない。',
      dueAfterHours: null,
      checklist: [
        '事実関係を確定してから判断する',
        '弁護士に相談する',
        '就業規則・委託契約の条項を確認する',
      ],
      source: '003 社員への処罰',
    },
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final', {
      notes:
        '持ち出しは不正の目的によるおそれに当たるため、知った日から60日以内。速報で空欄だった項目を埋め、すべての項目をそろえて提出する。日数の数え方は法務・専門家に確認する。',
      dueAfterHours: 1440,
    }),

    {
      key: 'suspend-access',
      phase: 'containment',
      title: '関与が疑われる者のアクセス権を止める',
      dueAfterHours: 4,
      checklist: [
        '業務システムとメールのアカウントを止める',
        'VPNと入館証を止める',
        '貸与しているPC・媒体を回収する',
      ],
      source: '004 §8-⑮',
    },
    {
      key: 'preserve-evidence',
      phase: 'containment',
      title: '証拠を保全する',
      notes: '調べる前に保全する。端末は電源を入れたり操作したりせず、専門家に任せる。',
      dueAfterHours: 4,
      checklist: [
        '操作ログ・アクセスログ・メールの送信記録',
        '貸与PCと外部媒体',
        '入退室の記録と監視カメラの映像',
        '誰がいつ何を保全したかの記録',
      ],
      source: '004 §8-⑬, §8-⑲',
    },

    {
      key: 'investigate-exfiltration',
      phase: 'analysis',
      title: '持ち出しの手口と期間を特定する',
      notes: '社内で調べきれない部分は、専門の調査会社に依頼する。',
      dueAfterHours: 336,
      checklist: [
        '持ち出した経路（媒体・メール・クラウドなど）',
        '持ち出した時期と回数',
        '持ち出したデータ',
        'ほかに関わった者や指示した者の有無',
      ],
      source: '003 step 2; 004 §8-⑫',
    },
    {
      key: 'trace-destination',
      phase: 'analysis',
      title: '持ち出した情報の流出先を調べる',
      dueAfterHours: null,
      checklist: [
        '本人から聞き取る（弁護士の同席のもとで）',
        '名簿業者などへ流通していないか確かめる',
        '流通していれば利用の停止と削除を求める',
      ],
      source: '004 §8-⑬',
    },
    common('scope-data-items'),
    common('count-affected'),
    common('root-cause', {
      notes: 'なぜ持ち出せたのか、なぜ気づけなかったのかまで掘り下げる。',
    }),

    {
      key: 'restrict-handling',
      phase: 'countermeasures',
      title: '個人データを扱う人・場所・媒体を絞る',
      dueAfterHours: 720,
      checklist: [
        '扱う担当者を最小限にし、社員に限る',
        '扱う場所を分け、入退室を管理する',
        '外部媒体・私物端末の利用を制限する',
        '複数の企業による外部監査を受ける',
      ],
      source: '004 §8-⑲',
    },
    {
      key: 'detect-exfiltration',
      phase: 'countermeasures',
      title: '持ち出しを検知できる仕組みを整える',
      dueAfterHours: 720,
      checklist: [
        '大量のダウンロードや印刷を検知する',
        '操作ログを定期的に確認する',
        'ログを確認していることを社員に知らせる',
      ],
      source: '003 再発防止 ポイント3',
    },
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
