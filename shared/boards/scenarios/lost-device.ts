/** A PC or USB stick lost or stolen outside the office (001's case study, 003). */
import type { ScenarioTemplate } from '../model';
import { common } from './common';

export const LOST_DEVICE: ScenarioTemplate = {
  id: 'lost-device',
  version: 1,
  name: 'PC・USBメモリの紛失・盗難',
  description:
    '社外でPCやUSBメモリなどを紛失・盗難し、保存されていた顧客情報が漏えいしたおそれがある場合。まだ被害が出ていなくても、後で見つかっても、対応と記録を最後まで行う。',
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq'),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final'),

    {
      key: 'interview-holder',
      phase: 'containment',
      title: '紛失した本人から経緯を聞き取る',
      dueAfterHours: 1,
      checklist: [
        '最後に使った日時と場所',
        '移動経路と立ち寄り先',
        '紛失に気づいた日時と状況',
        '盗難の可能性',
        '本人がすでに行ったこと（交通機関・店舗への問い合わせなど）',
      ],
      source: '003 step 1',
    },
    {
      key: 'remote-lock-wipe',
      phase: 'containment',
      title: '端末をリモートでロックし、データを消去する',
      notes: '実行した日時と結果を記録する。遠隔で消去できた場合も、事故として報告・記録の対象とする。',
      dueAfterHours: 1,
      checklist: [
        '遠隔ロックを実行する',
        '遠隔消去を実行し、完了の通知を確かめる',
        '紛失後に端末が起動・接続された記録を確認する',
      ],
      source: '004 §8-⑦',
    },
    {
      key: 'revoke-credentials',
      phase: 'containment',
      title: 'パスワードを変更し、アクセス権を止める',
      dueAfterHours: 1,
      checklist: [
        '端末に保存されていたパスワードを変更する',
        'VPN・リモートアクセスの権限を止める',
        'メール・クラウドサービスのログイン状態を解除する',
        '証明書・認証トークンを失効させる',
      ],
      source: '001 step 1',
    },
    {
      key: 'lost-property-report',
      phase: 'containment',
      title: '警察に遺失届を出す',
      notes: '盗難の場合は被害届を出す。',
      dueAfterHours: 4,
      checklist: ['届け出た警察署と受理番号を記録する', '立ち寄り先・交通機関の忘れ物窓口にも問い合わせる'],
      source: '004 §8-⑬',
    },

    {
      key: 'check-device-contents',
      phase: 'analysis',
      title: '紛失したPCの利用状況・保存データを確認する',
      notes: '会員情報を見られない端末でも、メールや資料から取引先の情報がわかることがある。隅々まで確認する。',
      dueAfterHours: 4,
      checklist: [
        'そのPCから会員情報をどこまで閲覧できたか',
        '保存されていたメール・資料と、含まれる顧客・取引先の情報',
        'ディスク暗号化の有無',
        'ログインパスワードが推測されやすいものでないか',
        'バックアップや同期先から保存されていたファイルを特定する',
      ],
      source: '001 step 1',
    },
    common('scope-data-items'),
    common('count-affected'),
    common('root-cause'),
    {
      key: 'if-found',
      phase: 'analysis',
      title: '端末が見つかったら、不正利用の有無を調べる',
      notes:
        '見つかっても「被害がなければ問題ない」で終わらせない。後で問題が出たときに対応が遅れ、炎上を招く。',
      dueAfterHours: null,
      checklist: [
        '見つかった日時・場所・状態を記録する',
        '不正なログインや操作の形跡を調べる',
        '調べた結果を続報と報告に反映する',
      ],
      source: '001 ケーススタディ',
    },

    {
      key: 'device-controls',
      phase: 'countermeasures',
      title: '端末と媒体の持ち出しルールを見直す',
      dueAfterHours: 720,
      checklist: [
        'すべての端末のディスクを暗号化する',
        '遠隔ロック・消去を導入する',
        '持ち出しの申請と台帳管理',
        'USBメモリなど外部媒体の利用を制限する',
        '個人情報を端末に保存しない運用にする',
      ],
      source: '003 再発防止 ポイント2',
    },
    common('recurrence-prevention'),
    common('improve-response'),

    common('open-counter'),
    common('prepare-faq'),
    common('notify-customers'),

    common('decide-disclosure'),
    common('draft-statement'),
    common('publish-statement'),
    common('follow-up', {
      addChecklist: ['端末が見つかった場合も、その事実と調査結果を知らせる'],
    }),
    common('record-history'),
  ],
};
