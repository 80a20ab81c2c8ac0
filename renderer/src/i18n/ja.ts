/** Japanese, the default language. Every string the UI shows lives here and in en.ts. */
import { jaGifts } from './ja-gifts';
import { jaDisclosure } from './ja-disclosure';
import { jaContacts } from './ja-contacts';
import { jaFaq } from './ja-faq';
import { jaIncident } from './ja-incident';
import { jaEvents } from './ja-events';
import { jaOutgoing } from './ja-outgoing';
import { jaSync } from './ja-sync';
import { jaErrors } from './ja-errors';
import { jaRoles } from './ja-roles';
import { jaAccess } from './ja-access';
import { jaIntake } from './ja-intake';
import { jaMembership } from './ja-membership';
import { jaDirectory } from './ja-directory';
import { jaAlerts } from './ja-alerts';
import { jaReminders } from './ja-reminders';
import { jaLetters } from './ja-letters';
import { jaNayose } from './ja-nayose';
import { jaScenarioTasks } from './ja-scenario-tasks';
import { jaKpi } from './ja-kpi';
import { jaTalk } from './ja-talk';
import { jaCallbacks } from './ja-callbacks';
import { jaFaqbook } from './ja-faqbook';
import { jaVendorlog } from './ja-vendorlog';
import { jaExec } from './ja-exec';

export const ja = {
  ...jaIncident,
  ...jaDisclosure,
  ...jaFaq,
  ...jaContacts,
  ...jaSync,
  ...jaEvents,
  ...jaOutgoing,
  ...jaErrors,
  ...jaRoles,
  ...jaAccess,
  ...jaIntake,
  ...jaMembership,
  ...jaDirectory,
  ...jaAlerts,
  ...jaReminders,
  ...jaLetters,
  ...jaGifts,
  ...jaNayose,
  ...jaScenarioTasks,
  ...jaKpi,
  ...jaTalk,
  ...jaCallbacks,
  ...jaFaqbook,
  ...jaVendorlog,
  ...jaExec,
  app: {
    name: '本部',
    subtitle: 'Honbu — 個人情報漏えい対策本部',
    loading: '読み込み中…',
  },
  lang: {
    label: '表示言語',
    ja: '日本語',
    en: 'English',
    switchTo: 'English に切り替え',
  },
  setup: {
    title: 'ワークスペースを作成',
    lead: 'このノートPCに対策本部のワークスペースを作ります。データはすべてパスフレーズで暗号化して保存されます。',
    warning: 'パスフレーズを忘れるとデータは復元できません。紙に書いて金庫に保管するなど、安全な方法で控えてください。',
    erasedElsewhere: 'このワークスペースは、別のウィンドウで消去されました。',
    name: 'あなたの氏名',
    nameHint: '記録の「誰が」に使われます。',
    passphrase: 'パスフレーズ',
    passphraseHint: '{min}文字以上。単語をいくつか組み合わせると覚えやすく強くなります。',
    confirm: 'パスフレーズ（確認）',
    create: 'ワークスペースを作成',
    creating: '作成中…（鍵を生成しています）',
    mismatch: '確認用のパスフレーズが一致しません。',
    weak: 'パスフレーズが弱すぎます。もっと長く、推測されにくいものにしてください。',
    nameRequired: '氏名を入力してください。',
  },
  strength: {
    label: 'パスフレーズの強さ',
    levels: ['とても弱い', '弱い', 'ふつう', '強い', 'とても強い'],
    hints: {
      'too-short': '短すぎます。',
      common: 'よく使われるパスワードが含まれています。',
      repetitive: '同じ文字や連続した文字が多すぎます。',
      'add-variety': '大文字・数字・記号・日本語を混ぜるか、もっと長くしてください。',
    },
  },
  unlock: {
    title: 'ワークスペースのロックを解除',
    lead: 'パスフレーズを入力してください。',
    passphrase: 'パスフレーズ',
    submit: 'ロックを解除',
    working: '確認中…',
    wrong: 'パスフレーズが違います。データは開かれていません。もう一度入力してください。',
    lockedIdle: '一定時間操作がなかったため、ロックしました。',
    locked: 'ロックしました。',
    forgot: {
      summary: 'パスフレーズを忘れた場合',
      cannot: 'パスフレーズがないと、このPCのデータは誰にも開けません。パスフレーズを元に戻す方法はありません。',
      team: 'チームで対応している場合は、チームの責任者に新しい招待を頼んでください。このPCのワークスペースを消去してから、その招待で参加し直すと、チームの記録はほかのPCから戻ってきます。',
      title: 'このPCのワークスペースを消去する',
      lead: 'このPCにしかない記録（まだ送られていない記録や、チームに参加していないワークスペースの記録）は失われ、元に戻せません。チームのほかのPCのデータには影響しません。',
      wipe: 'ワークスペースを消去する',
    },
  },
  shell: {
    nav: 'メインメニュー',
    incidents: 'インシデント',
    templates: 'テンプレート',
    directory: '緊急連絡表',
    settings: '設定',
    inbox: '通報受付箱',
    'my-work': '私の対応',
    about: 'Honbu について',
    lock: 'ロック',
    lockTitle: 'ワークスペースをロック（データを閉じる）',
    signedInAs: '{name} として作業中',
  },
  incidents: {
    title: 'インシデント一覧',
    emptyTitle: 'まだインシデントは登録されていません',
    emptyLead: '漏えいの疑いを見つけたら、まず第一報を登録してください。分かっていることだけで構いません。',
    createFirst: '第一報を登録する',
    comingSoon: '第一報の入力画面はこの版にはまだありません。',
  },
  settings: {
    title: '設定',
    contents: 'この画面の項目',
    language: '表示言語',
    idle: '自動ロック',
    idleLabel: '操作がないときに自動でロックするまでの時間',
    idleMinutes: '{n} 分',
    saved: '保存しました。',
    profile: 'あなたのプロフィール',
    profileLead: '対策本部の名簿と、記録の「誰が」に使われます。連絡先は暗号化して保存されます。',
    name: '氏名',
    roles: '担当',
    phone: '電話番号（緊急連絡先）',
    email: 'メールアドレス',
    location: '勤務場所（在宅の場合は住所）',
    saveProfile: 'プロフィールを保存',
    passphrase: 'パスフレーズの変更',
    passphraseLead: 'データの再暗号化は不要です。すぐに終わります。',
    current: '現在のパスフレーズ',
    next: '新しいパスフレーズ',
    confirm: '新しいパスフレーズ（確認）',
    change: 'パスフレーズを変更',
    changed: 'パスフレーズを変更しました。次回から新しいパスフレーズで解除してください。',
    wrongCurrent: '現在のパスフレーズが違います。何も変更していません。',
    invalid: {
      required: '{field}を入力してください。',
      'too-long': '{field}が長すぎます。',
      invalid: '{field}の形式が正しくありません。',
    },
  },
  roles: {
    direction: '方針指導',
    containment: '封じ込め',
    analysis: '分析・追跡',
    countermeasures: '対策改善',
    counter: '窓口',
    statement: '公表',
  },
  about: {
    title: 'Honbu（本部）について',
    lead: '個人情報漏えい事故の対策本部のためのデスクトップアプリです。',
    version: 'バージョン',
    runtime: '実行環境',
    web: 'ブラウザ版（Electron なし）',
    dataPath: 'データの保存場所',
    dataPathWeb: 'このブラウザのプロファイル内（IndexedDB）',
    encryption:
      'データは Argon2id で導出した鍵と AES-256-GCM で暗号化して保存されます。顧客の氏名・電話番号・メールアドレス・住所が平文でディスクに書かれることはありません。',
    close: '閉じる',
  },
  common: {
    close: '閉じる',
    cancel: 'キャンセル',
    save: '保存',
    error: 'エラーが発生しました: {message}',
  },
} as const;
