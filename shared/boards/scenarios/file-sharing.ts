/**
 * Files leaked through Winny/Share-type file sharing (004 §8-③). A leaked file cannot be
 * taken back; what can be shown is that even specialists now struggle to find it.
 */
import type { ScenarioTemplate } from '../model';
import { common } from './common';

export const FILE_SHARING: ScenarioTemplate = {
  id: 'file-sharing',
  version: 1,
  name: 'ファイル共有ソフトによる流出',
  description:
    'Winny・Shareなどのファイル共有ソフトを通じて、個人情報を含むファイルがネットワーク上に流出した場合。流出したファイルは完全には回収できないため、専門家に検索と監視を依頼し、リスクが下がったことを示して説明する。',
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq'),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final'),

    {
      key: 'isolate-pc',
      phase: 'containment',
      title: '流出元のPCをネットワークから切り離す',
      notes: '調査のため、電源は切らず、操作もしない。',
      dueAfterHours: 1,
      checklist: [
        'LANケーブルと無線の接続を切る',
        '共有ソフトの稼働状況と共有フォルダを記録する',
        'PCを保管し、持ち主と使っていた人を特定する',
      ],
      source: '004 §8-③',
    },
    {
      key: 'check-all-pcs',
      phase: 'containment',
      title: '社内の全端末で共有ソフトの有無を点検する',
      dueAfterHours: 72,
      checklist: [
        '業務PCに入っているソフトを調べる',
        '業務データを持ち帰った私物PCがないか確認する',
        '見つかった端末もネットワークから切り離す',
      ],
      source: '004 §8-③',
    },
    {
      key: 'request-removal',
      phase: 'containment',
      title: '転載先の掲示板やサイトに削除を依頼する',
      dueAfterHours: 72,
      checklist: [
        'ファイル名や中身が書き込まれた掲示板・サイトを探す',
        '運営者に削除を依頼する',
        '依頼した日時と結果を記録する',
      ],
      source: '004 §8-③',
    },

    {
      key: 'search-network',
      phase: 'analysis',
      title: '専門家に依頼して、ネットワーク上の流出ファイルを検索する',
      notes:
        '一度流出したファイルは完全には消せない。検索にかかる時間の推移を記録し、見つけにくくなったことをリスクが下がった根拠にする。',
      dueAfterHours: 24,
      checklist: [
        '検索と監視を専門家に委託する',
        '流出ファイルの広がり具合を確認する',
        '検索にかかる時間を定期的に記録する',
      ],
      source: '004 §8-③',
    },
    {
      key: 'monitor-network',
      phase: 'analysis',
      title: '1か月間、ネットワーク上の流通を監視する',
      dueAfterHours: 720,
      checklist: [
        '検索時間の推移を定期的に報告してもらう',
        '新たな流通が見つかれば削除を依頼する',
        '監視を終える時期を方針指導が判断する',
      ],
      source: '004 §8-③',
    },
    common('scope-data-items', {
      addChecklist: ['共有フォルダにあったファイルを一覧にし、それぞれの中身を確認する'],
    }),
    common('count-affected'),
    common('root-cause', {
      notes: 'なぜ業務データが共有ソフトの入ったPCにあったのか、なぜそのソフトを入れられたのかまで掘り下げる。',
    }),

    {
      key: 'software-controls',
      phase: 'countermeasures',
      title: '共有ソフトの利用と業務データの持ち帰りを禁止する',
      dueAfterHours: 720,
      checklist: [
        '業務PCに入れられるソフトを制限する',
        '共有ソフトの通信を検知して遮断する',
        '私物PCでの業務データの利用を禁止する',
        '社員に周知し、教育する',
      ],
      source: '003 再発防止 ポイント2',
    },
    common('recurrence-prevention'),
    common('improve-response'),

    common('open-counter'),
    common('prepare-faq'),
    common('notify-customers', {
      notes:
        '該当するすべての方にお詫びの手紙を送る。届かない方にはメール、メールも届かなければ電話と手段を切り替え、それでも連絡がつかない方にはWebサイトへの掲載で対応する。',
      source: '004 §8-③, §8-⑨',
    }),
    {
      key: 'explain-risk-reduction',
      phase: 'counter',
      title: '監視の結果をもとに、リスクが下がったことを説明する',
      notes: '「見つかる可能性がなくなった」とは言えない。専門家でも特定が難しくなったことを示して説明する。',
      dueAfterHours: null,
      checklist: [
        '監視結果の報告書を受け取る',
        '説明の文面を作り、承認を得る',
        '窓口と対象の方へ伝える',
      ],
      source: '004 §8-③',
    },

    common('decide-disclosure'),
    common('draft-statement'),
    common('publish-statement'),
    common('follow-up'),
    common('record-history'),
  ],
};
