/** Mail or attachments with customer data sent to the wrong people, incl. To/CC instead of BCC (003). */
import type { ScenarioTemplate } from '../model';
import { common } from './common';

export const MISDIRECTED_EMAIL: ScenarioTemplate = {
  id: 'misdirected-email',
  version: 1,
  name: 'メールの誤送信',
  description:
    '顧客情報を含むメールや添付ファイルを誤った宛先に送った場合（一斉送信でBCCにし忘れ、メールアドレスが見えてしまった場合を含む）。受信者への削除の依頼と、その確認を最優先する。',
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq', {
      notes: '件数が少なければ少人数の体制でよい。ただし方針指導、窓口、公表の責任者は必ず決める。',
    }),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final'),

    {
      key: 'identify-sent-mail',
      phase: 'containment',
      title: '誤送信したメールを特定し、控えを保全する',
      dueAfterHours: 1,
      checklist: [
        '送信日時と送信者',
        '宛先（To・CC・BCC）の一覧',
        '件名・本文・添付ファイル',
        '送信サーバーのログを保全する',
      ],
      source: '003 step 1',
    },
    {
      key: 'request-deletion',
      phase: 'containment',
      title: '誤って届いた相手に連絡し、削除を依頼する',
      notes: 'まず電話でお詫びし、メールと添付ファイルの削除を依頼する。転送や保存をしていないかも確認する。',
      dueAfterHours: 1,
      checklist: [
        '受信者の連絡先を確認する',
        '電話でお詫びし、削除を依頼する',
        '開封・転送・保存・印刷の有無を確認する',
        '依頼した日時と相手を記録する',
      ],
      source: '003 step 1',
    },
    {
      key: 'disable-links',
      phase: 'containment',
      title: '添付ファイルの共有リンクとパスワードを無効にする',
      dueAfterHours: 1,
      checklist: [
        'ダウンロード用のリンクを無効にする',
        '別送したパスワードを変更する',
        '共有フォルダの権限を見直す',
      ],
      source: '003 step 1',
    },
    {
      key: 'confirm-deletion',
      phase: 'containment',
      title: '削除した旨の確認を書面かメールでもらう',
      notes: '全員の削除を確認できたかどうかは、報告と公表の判断材料になる。確認できない相手は一覧で管理する。',
      dueAfterHours: 24,
      checklist: [
        '削除確認の文面を用意する',
        '受信者全員から返信を受け取る',
        '返信がない相手に改めて連絡する',
      ],
      source: '003 step 1',
    },

    common('scope-data-items'),
    common('count-affected', {
      addChecklist: ['BCCのし忘れの場合は、見えてしまったアドレスの数と受信者の数を分けて数える'],
    }),
    common('root-cause', {
      notes: '送った本人の不注意だけで終わらせず、なぜ送信前に気づける仕組みがなかったのかまで掘り下げる。',
    }),

    {
      key: 'mail-controls',
      phase: 'countermeasures',
      title: '誤送信を防ぐ仕組みを導入する',
      dueAfterHours: 720,
      checklist: [
        '社外宛ての送信時に警告し、一時保留する',
        '一斉送信は配信ツールを使い、BCCに頼らない',
        '添付ファイルは共有リンクで送る',
        '重要なメールは送信前に別の人が確認する',
      ],
      source: '003 再発防止 ポイント2',
    },
    common('recurrence-prevention'),
    common('improve-response'),

    common('notify-customers', {
      title: '情報が送られてしまった本人へ連絡し、お詫びする',
      addChecklist: ['受信者から削除の確認を得たことも伝える'],
    }),
    common('open-counter'),
    common('prepare-faq'),

    common('decide-disclosure', { dueAfterHours: 24 }),
    common('draft-statement'),
    common('publish-statement'),
    common('record-history'),
  ],
};
