/** Personal data readable on a public wiki or shared page (000: the open handbook case). */
import type { ScenarioTemplate } from '../model';
import { common } from './common';

export const PUBLIC_EXPOSURE: ScenarioTemplate = {
  id: 'public-exposure',
  version: 1,
  name: '公開ページでの個人情報の露出',
  description:
    'Wiki、クラウド上の文書、社外向けのポータルなど、インターネットから見られるページで個人情報が閲覧できる状態になっていた場合。すぐに非公開にし、閲覧された範囲と検索エンジンへの残り具合を確認する。',
  builtin: true,
  tasks: [
    common('first-report', {
      notes:
        '発見した人は社内の専用チャンネルですぐに共有し、広報へ伝える。第一報は下の項目だけに絞り、わからない項目は「不明」と書く。',
      source: '000 具体的なアクション; 004 §8-⑥',
    }),
    common('set-up-hq'),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final'),

    {
      key: 'unpublish-page',
      phase: 'containment',
      title: 'ページを非公開にする',
      notes: '非公開にする前に、公開されていた状態を画面の保存などで記録しておく。',
      dueAfterHours: 1,
      checklist: [
        '公開されていた状態を記録する',
        '公開設定と共有リンクを無効にする',
        '非公開にした日時を記録する',
        'ログインしていない別の端末から見えないことを確かめる',
      ],
      source: '000 インシデント対応履歴',
    },
    {
      key: 'check-other-pages',
      phase: 'containment',
      title: 'ほかに公開状態のページがないか点検する',
      notes: '社外と共有するため一時的に公開したページが、そのまま公開され続けていた例がある。',
      dueAfterHours: 24,
      checklist: [
        '同じ仕組みで公開しているページを一覧にする',
        '一時的に公開したページを確認する',
        '不要な公開を止める',
      ],
      source: '000 インシデント対応履歴',
    },
    {
      key: 'remove-caches',
      phase: 'containment',
      title: '検索エンジンのキャッシュと転載の削除を依頼する',
      dueAfterHours: 24,
      checklist: [
        '検索エンジンに削除を申請する',
        'ウェブアーカイブなどの保存を確認し、削除を依頼する',
        'SNSや掲示板への転載を確認する',
      ],
      source: '000 インシデント対応履歴',
    },

    {
      key: 'check-search-results',
      phase: 'analysis',
      title: '検索結果に表示されていたかを確認する',
      dueAfterHours: 4,
      checklist: [
        '主な検索エンジンでページ名や文書名を検索する',
        '検索でたどり着ける状態だったかを記録する',
      ],
      source: '000 インシデント対応履歴',
    },
    {
      key: 'check-access-logs',
      phase: 'analysis',
      title: 'アクセスログで閲覧の有無と範囲を確認する',
      dueAfterHours: 24,
      checklist: [
        '公開が始まった日時と公開されていた期間',
        '閲覧数とアクセス元',
        '検索エンジンのクローラーによる取得',
        'ダウンロード・コピーの有無',
      ],
      source: '000 基本対応フロー',
    },
    common('scope-data-items'),
    common('count-affected'),
    common('root-cause', {
      notes:
        'なぜ個人情報を含む文書が公開される場所に置かれたのか、公開範囲の確認はなぜ働かなかったのかまで掘り下げる。',
    }),

    {
      key: 'review-publishing-rules',
      phase: 'countermeasures',
      title: '外部公開のルールと権限を見直す',
      dueAfterHours: 720,
      checklist: [
        '公開前に個人情報が含まれていないか確かめる手順',
        '公開できる人を限る',
        '公開中のページを定期的に棚卸しする',
        '一時的な公開には期限を設ける',
      ],
      source: '000 顕在化した課題',
    },
    common('recurrence-prevention'),
    common('improve-response'),

    common('open-counter'),
    common('prepare-faq'),
    common('notify-customers'),

    common('decide-disclosure', {
      notes:
        '公表するかどうかで意見が割れ、結論が出なかった例がある。公表判断基準の5つの視点と社内の指標に沿って決め、判断した人と理由を記録する。',
    }),
    common('draft-statement'),
    common('publish-statement'),
    common('follow-up'),
    common('record-history'),
  ],
};
