/** Personal data readable on a public wiki or shared page (000: the open handbook case). */
import type { ScenarioTemplate } from '../model';
import { common } from './common';
import { bilingualTask } from './sources';

export const PUBLIC_EXPOSURE: ScenarioTemplate = {
  id: 'public-exposure',
  version: 1,
  name: '公開ページでの個人情報の露出',
  description:
    'Wiki、クラウド上の文書、社外向けのポータルなど、インターネットから見られるページで個人情報が閲覧できる状態になっていた場合。すぐに非公開にし、閲覧された範囲と検索エンジンへの残り具合を確認する。',
  en: {
    name: 'Personal data exposed on a public page',
    description:
      'Personal data was readable on a page anyone on the internet could see — a wiki, a document in the cloud, an outward-facing portal. Take it down at once, then find out who saw it and what search engines still hold.',
  },
  builtin: true,
  tasks: [
    common('first-report', {
      source: 'exposedPage',
      ja: { notes: '発見した人は社内の専用チャンネルですぐに共有し、広報へ伝える。第一報は下の項目だけに絞り、わからない項目は「不明」と書く。' },
      en: { notes: 'Whoever finds it shares it at once in the internal incident channel and tells PR. Keep the first report to the items below and write “unknown” where you do not know.' },
    }),
    common('set-up-hq'),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final'),

    bilingualTask({
      key: 'unpublish-page',
      phase: 'containment',
      dueAfterHours: 1,
      source: 'exposedPage',
      ja: {
        title: 'ページを非公開にする',
        notes: '非公開にする前に、公開されていた状態を画面の保存などで記録しておく。',
        checklist: ['公開されていた状態を記録する', '公開設定と共有リンクを無効にする', '非公開にした日時を記録する', 'ログインしていない別の端末から見えないことを確かめる'],
      },
      en: {
        title: 'Take the page down',
        notes: 'Before taking it down, record how it looked (screenshots and the like).',
        checklist: ['Record the page as it was published', 'Turn off public access and share links', 'Record when it was taken down', 'Check from another device, not signed in, that it is gone'],
      },
    }),
    bilingualTask({
      key: 'check-other-pages',
      phase: 'containment',
      dueAfterHours: 24,
      source: 'exposedPage',
      ja: {
        title: 'ほかに公開状態のページがないか点検する',
        notes: '社外と共有するため一時的に公開したページが、そのまま公開され続けていた例がある。',
        checklist: ['同じ仕組みで公開しているページを一覧にする', '一時的に公開したページを確認する', '不要な公開を止める'],
      },
      en: {
        title: 'Check that no other page is public',
        notes: 'In one case a page made public for a while, to share it outside, simply stayed public.',
        checklist: ['List the pages published the same way', 'Check the pages made public temporarily', 'Stop whatever need not be public'],
      },
    }),
    bilingualTask({
      key: 'remove-caches',
      phase: 'containment',
      dueAfterHours: 24,
      source: 'exposedPage',
      ja: {
        title: '検索エンジンのキャッシュと転載の削除を依頼する',
        checklist: ['検索エンジンに削除を申請する', 'ウェブアーカイブなどの保存を確認し、削除を依頼する', 'SNSや掲示板への転載を確認する'],
      },
      en: {
        title: 'Ask search engines and others to remove copies',
        checklist: ['Ask the search engines to remove it', 'Check web archives and ask them to remove it', 'Look for copies on social media and message boards'],
      },
    }),

    bilingualTask({
      key: 'check-search-results',
      phase: 'analysis',
      dueAfterHours: 4,
      source: 'exposedPage',
      ja: {
        title: '検索結果に表示されていたかを確認する',
        checklist: ['主な検索エンジンでページ名や文書名を検索する', '検索でたどり着ける状態だったかを記録する'],
      },
      en: {
        title: 'Check whether it showed in search results',
        checklist: ['Search the main search engines for the page and document names', 'Record whether a search could lead to it'],
      },
    }),
    bilingualTask({
      key: 'check-access-logs',
      phase: 'analysis',
      dueAfterHours: 24,
      source: 'basicFlow',
      ja: {
        title: 'アクセスログで閲覧の有無と範囲を確認する',
        checklist: ['公開が始まった日時と公開されていた期間', '閲覧数とアクセス元', '検索エンジンのクローラーによる取得', 'ダウンロード・コピーの有無'],
      },
      en: {
        title: 'Check the access logs for who saw it and how much',
        checklist: ['When it became public and for how long', 'How many views, and from where', 'Whether search-engine crawlers fetched it', 'Whether it was downloaded or copied'],
      },
    }),
    common('scope-data-items'),
    common('count-affected'),
    common('root-cause', {
      ja: { notes: 'なぜ個人情報を含む文書が公開される場所に置かれたのか、公開範囲の確認はなぜ働かなかったのかまで掘り下げる。' },
      en: { notes: 'Dig down to why a document with personal data was put somewhere public, and why the check on who could see it did not work.' },
    }),

    bilingualTask({
      key: 'review-publishing-rules',
      phase: 'countermeasures',
      dueAfterHours: 720,
      source: 'exposedPage',
      ja: {
        title: '外部公開のルールと権限を見直す',
        checklist: ['公開前に個人情報が含まれていないか確かめる手順', '公開できる人を限る', '公開中のページを定期的に棚卸しする', '一時的な公開には期限を設ける'],
      },
      en: {
        title: 'Review the rules and permissions for publishing outside',
        checklist: [
          'A step to check for personal data before publishing',
          'Limit who can publish',
          'Review the public pages regularly',
          'Give temporary publication an end date',
        ],
      },
    }),
    common('recurrence-prevention'),
    common('improve-response'),

    common('open-counter'),
    common('prepare-faq'),
    common('notify-customers'),

    common('decide-disclosure', {
      ja: { notes: '公表するかどうかで意見が割れ、結論が出なかった例がある。公表判断基準の5つの視点と社内の指標に沿って決め、判断した人と理由を記録する。' },
      en: { notes: 'In one case opinions on publishing split and no conclusion was reached. Decide on the five viewpoints for disclosure and the company’s own indicators, and record who decided and why.' },
    }),
    common('draft-statement'),
    common('publish-statement'),
    common('follow-up'),
    common('record-history'),
  ],
};
