/** Mail or attachments with customer data sent to the wrong people, incl. To/CC instead of BCC (003). */
import type { ScenarioTemplate } from '../model';
import { common } from './common';
import { bilingualTask } from './sources';

export const MISDIRECTED_EMAIL: ScenarioTemplate = {
  id: 'misdirected-email',
  version: 1,
  name: 'メールの誤送信',
  description:
    '顧客情報を含むメールや添付ファイルを誤った宛先に送った場合（一斉送信でBCCにし忘れ、メールアドレスが見えてしまった場合を含む）。受信者への削除の依頼と、その確認を最優先する。',
  en: {
    name: 'E-mail sent to the wrong people',
    description:
      'Mail or attachments with customer data went to the wrong recipients (including a mass mailing without BCC that showed everyone’s address). Asking the recipients to delete it, and confirming they did, comes first.',
  },
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq', {
      ja: { notes: '件数が少なければ少人数の体制でよい。ただし方針指導、窓口、公表の責任者は必ず決める。' },
      en: { notes: 'With few records a small team will do, but always name the leads for direction, the counter and the statement.' },
    }),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final'),

    bilingualTask({
      key: 'identify-sent-mail',
      phase: 'containment',
      dueAfterHours: 1,
      source: 'factsFirst',
      ja: {
        title: '誤送信したメールを特定し、控えを保全する',
        checklist: ['送信日時と送信者', '宛先（To・CC・BCC）の一覧', '件名・本文・添付ファイル', '送信サーバーのログを保全する'],
      },
      en: {
        title: 'Identify the mail sent in error and keep a copy',
        checklist: ['When it was sent, and by whom', 'Every recipient (To, CC, BCC)', 'Subject, body and attachments', 'Preserve the mail server’s logs'],
      },
    }),
    bilingualTask({
      key: 'request-deletion',
      phase: 'containment',
      dueAfterHours: 1,
      source: 'factsFirst',
      ja: {
        title: '誤って届いた相手に連絡し、削除を依頼する',
        notes: 'まず電話でお詫びし、メールと添付ファイルの削除を依頼する。転送や保存をしていないかも確認する。',
        checklist: ['受信者の連絡先を確認する', '電話でお詫びし、削除を依頼する', '開封・転送・保存・印刷の有無を確認する', '依頼した日時と相手を記録する'],
      },
      en: {
        title: 'Contact the wrong recipients and ask them to delete it',
        notes: 'Apologise by phone first and ask them to delete the mail and its attachments. Ask whether they forwarded or saved it.',
        checklist: [
          'Find the recipients’ contact details',
          'Apologise by phone and ask for deletion',
          'Ask whether it was opened, forwarded, saved or printed',
          'Record when you asked, and whom',
        ],
      },
    }),
    bilingualTask({
      key: 'disable-links',
      phase: 'containment',
      dueAfterHours: 1,
      source: 'factsFirst',
      ja: {
        title: '添付ファイルの共有リンクとパスワードを無効にする',
        checklist: ['ダウンロード用のリンクを無効にする', '別送したパスワードを変更する', '共有フォルダの権限を見直す'],
      },
      en: {
        title: 'Disable the attachments’ share links and passwords',
        checklist: ['Disable the download links', 'Change the password sent separately', 'Review the shared folder’s permissions'],
      },
    }),
    bilingualTask({
      key: 'confirm-deletion',
      phase: 'containment',
      dueAfterHours: 24,
      source: 'factsFirst',
      ja: {
        title: '削除した旨の確認を書面かメールでもらう',
        notes: '全員の削除を確認できたかどうかは、報告と公表の判断材料になる。確認できない相手は一覧で管理する。',
        checklist: ['削除確認の文面を用意する', '受信者全員から返信を受け取る', '返信がない相手に改めて連絡する'],
      },
      en: {
        title: 'Get written or e-mailed confirmation of the deletion',
        notes: 'Whether every deletion is confirmed weighs on the report and on publishing. Keep a list of those not yet confirmed.',
        checklist: ['Prepare the confirmation wording', 'Get a reply from every recipient', 'Contact again those who have not replied'],
      },
    }),

    common('scope-data-items'),
    common('count-affected', {
      ja: { addChecklist: ['BCCのし忘れの場合は、見えてしまったアドレスの数と受信者の数を分けて数える'] },
      en: { addChecklist: ['For a mailing without BCC, count the addresses exposed and the recipients separately'] },
    }),
    common('root-cause', {
      ja: { notes: '送った本人の不注意だけで終わらせず、なぜ送信前に気づける仕組みがなかったのかまで掘り下げる。' },
      en: { notes: 'Do not stop at the sender’s carelessness: ask why nothing was in place to catch it before it was sent.' },
    }),

    bilingualTask({
      key: 'mail-controls',
      phase: 'countermeasures',
      dueAfterHours: 720,
      source: 'metiTakeOut',
      ja: {
        title: '誤送信を防ぐ仕組みを導入する',
        checklist: ['社外宛ての送信時に警告し、一時保留する', '一斉送信は配信ツールを使い、BCCに頼らない', '添付ファイルは共有リンクで送る', '重要なメールは送信前に別の人が確認する'],
      },
      en: {
        title: 'Put safeguards against misdirected mail in place',
        checklist: [
          'Warn and hold mail to outside addresses before it goes',
          'Send mass mailings with a mailing tool, not BCC',
          'Send attachments as share links',
          'Have someone else check important mail before it is sent',
        ],
      },
    }),
    common('recurrence-prevention'),
    common('improve-response'),

    common('notify-customers', {
      ja: { title: '情報が送られてしまった本人へ連絡し、お詫びする', addChecklist: ['受信者から削除の確認を得たことも伝える'] },
      en: { title: 'Contact and apologise to the people whose data was sent', addChecklist: ['Tell them the recipients confirmed the deletion'] },
    }),
    common('open-counter'),
    common('prepare-faq'),

    common('decide-disclosure', { dueAfterHours: 24 }),
    common('draft-statement'),
    common('publish-statement'),
    common('record-history'),
  ],
};
