/** A PC or USB stick lost or stolen outside the office (001's case study, 003). */
import type { ScenarioTemplate } from '../model';
import { common } from './common';
import { bilingualTask } from './sources';

export const LOST_DEVICE: ScenarioTemplate = {
  id: 'lost-device',
  version: 1,
  name: 'PC・USBメモリの紛失・盗難',
  description:
    '社外でPCやUSBメモリなどを紛失・盗難し、保存されていた顧客情報が漏えいしたおそれがある場合。まだ被害が出ていなくても、後で見つかっても、対応と記録を最後まで行う。',
  en: {
    name: 'Lost or stolen laptop or USB stick',
    description:
      'A laptop, USB stick or similar was lost or stolen outside the office, and the customer data on it may have leaked. Carry the response and the record through to the end, even if no harm is seen yet or the device turns up later.',
  },
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq'),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final'),

    bilingualTask({
      key: 'interview-holder',
      phase: 'containment',
      dueAfterHours: 1,
      source: 'factsFirst',
      ja: {
        title: '紛失した本人から経緯を聞き取る',
        checklist: ['最後に使った日時と場所', '移動経路と立ち寄り先', '紛失に気づいた日時と状況', '盗難の可能性', '本人がすでに行ったこと（交通機関・店舗への問い合わせなど）'],
      },
      en: {
        title: 'Hear from the person who lost it what happened',
        checklist: [
          'When and where it was last used',
          'The route taken and places visited',
          'When and how the loss was noticed',
          'Whether it may have been stolen',
          'What the person has already done (asked the transport company, shops …)',
        ],
      },
    }),
    bilingualTask({
      key: 'remote-lock-wipe',
      phase: 'containment',
      dueAfterHours: 1,
      source: 'lostLaptop',
      ja: {
        title: '端末をリモートでロックし、データを消去する',
        notes: '実行した日時と結果を記録する。遠隔で消去できた場合も、事故として報告・記録の対象とする。',
        checklist: ['遠隔ロックを実行する', '遠隔消去を実行し、完了の通知を確かめる', '紛失後に端末が起動・接続された記録を確認する'],
      },
      en: {
        title: 'Lock the device remotely and wipe its data',
        notes: 'Record when it was done and the result. Even when the remote wipe worked, the incident is still reported and recorded.',
        checklist: ['Lock it remotely', 'Wipe it remotely and check the confirmation arrives', 'Check for any sign the device was started or connected after the loss'],
      },
    }),
    bilingualTask({
      key: 'revoke-credentials',
      phase: 'containment',
      dueAfterHours: 1,
      source: 'lostLaptop',
      ja: {
        title: 'パスワードを変更し、アクセス権を止める',
        checklist: ['端末に保存されていたパスワードを変更する', 'VPN・リモートアクセスの権限を止める', 'メール・クラウドサービスのログイン状態を解除する', '証明書・認証トークンを失効させる'],
      },
      en: {
        title: 'Change passwords and cut off access',
        checklist: [
          'Change the passwords stored on the device',
          'Cut off VPN and remote access',
          'Sign the device out of e-mail and cloud services',
          'Revoke certificates and authentication tokens',
        ],
      },
    }),
    bilingualTask({
      key: 'lost-property-report',
      phase: 'containment',
      dueAfterHours: 4,
      source: 'policeAndMinistry',
      ja: {
        title: '警察に遺失届を出す',
        notes: '盗難の場合は被害届を出す。',
        checklist: ['届け出た警察署と受理番号を記録する', '立ち寄り先・交通機関の忘れ物窓口にも問い合わせる'],
      },
      en: {
        title: 'Report the loss to the police',
        notes: 'If it was stolen, report the theft.',
        checklist: ['Record the police station and the report number', 'Ask the lost-property desks of the places visited and the transport companies too'],
      },
    }),

    bilingualTask({
      key: 'check-device-contents',
      phase: 'analysis',
      dueAfterHours: 4,
      source: 'lostLaptop',
      ja: {
        title: '紛失したPCの利用状況・保存データを確認する',
        notes: '会員情報を見られない端末でも、メールや資料から取引先の情報がわかることがある。隅々まで確認する。',
        checklist: [
          'そのPCから会員情報をどこまで閲覧できたか',
          '保存されていたメール・資料と、含まれる顧客・取引先の情報',
          'ディスク暗号化の有無',
          'ログインパスワードが推測されやすいものでないか',
          'バックアップや同期先から保存されていたファイルを特定する',
        ],
      },
      en: {
        title: 'Find out how the lost laptop was used and what was on it',
        notes: 'Even a device with no access to member data may reveal client information through mail and documents. Check every corner.',
        checklist: [
          'How much member data the laptop could reach',
          'Mail and documents stored on it, and the customer and client data in them',
          'Whether the disk was encrypted',
          'Whether the login password was easy to guess',
          'Identify the stored files from backups or sync',
        ],
      },
    }),
    common('scope-data-items'),
    common('count-affected'),
    common('root-cause'),
    bilingualTask({
      key: 'if-found',
      phase: 'analysis',
      dueAfterHours: null,
      source: 'lostLaptop',
      ja: {
        title: '端末が見つかったら、不正利用の有無を調べる',
        notes: '見つかっても「被害がなければ問題ない」で終わらせない。後で問題が出たときに対応が遅れ、炎上を招く。',
        checklist: ['見つかった日時・場所・状態を記録する', '不正なログインや操作の形跡を調べる', '調べた結果を続報と報告に反映する'],
      },
      en: {
        title: 'If the device turns up, check whether it was misused',
        notes: 'Finding it does not end the matter with “no harm, no problem”. If trouble shows later, the response comes too late and the fire spreads.',
        checklist: ['Record when, where and in what state it was found', 'Look for signs of unauthorised logins or use', 'Put the findings into the follow-ups and reports'],
      },
    }),

    bilingualTask({
      key: 'device-controls',
      phase: 'countermeasures',
      dueAfterHours: 720,
      source: 'metiTakeOut',
      ja: {
        title: '端末と媒体の持ち出しルールを見直す',
        checklist: ['すべての端末のディスクを暗号化する', '遠隔ロック・消去を導入する', '持ち出しの申請と台帳管理', 'USBメモリなど外部媒体の利用を制限する', '個人情報を端末に保存しない運用にする'],
      },
      en: {
        title: 'Review the rules for taking devices and media out',
        checklist: [
          'Encrypt the disk of every device',
          'Introduce remote lock and wipe',
          'Require a request and a register for taking devices out',
          'Restrict USB sticks and other external media',
          'Work so that personal data is not stored on devices',
        ],
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
    common('follow-up', {
      ja: { addChecklist: ['端末が見つかった場合も、その事実と調査結果を知らせる'] },
      en: { addChecklist: ['If the device turns up, say so and what the check found'] },
    }),
    common('record-history'),
  ],
};
