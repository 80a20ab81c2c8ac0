/**
 * Files leaked through Winny/Share-type file sharing (004 §8-③). A leaked file cannot be
 * taken back; what can be shown is that even specialists now struggle to find it.
 */
import type { ScenarioTemplate } from '../model';
import { common } from './common';
import { bilingualTask } from './sources';

export const FILE_SHARING: ScenarioTemplate = {
  id: 'file-sharing',
  version: 1,
  name: 'ファイル共有ソフトによる流出',
  description:
    'Winny・Shareなどのファイル共有ソフトを通じて、個人情報を含むファイルがネットワーク上に流出した場合。流出したファイルは完全には回収できないため、専門家に検索と監視を依頼し、リスクが下がったことを示して説明する。',
  en: {
    name: 'Files leaked through file-sharing software',
    description:
      'Files with personal data spread over a file-sharing network (Winny, Share and the like). A leaked file can never be fully recovered, so specialists search for it and watch the network, and the company explains, with their results, that the risk has fallen.',
  },
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq'),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final'),

    bilingualTask({
      key: 'isolate-pc',
      phase: 'containment',
      dueAfterHours: 1,
      source: 'fileSharing',
      ja: {
        title: '流出元のPCをネットワークから切り離す',
        notes: '調査のため、電源は切らず、操作もしない。',
        checklist: ['LANケーブルと無線の接続を切る', '共有ソフトの稼働状況と共有フォルダを記録する', 'PCを保管し、持ち主と使っていた人を特定する'],
      },
      en: {
        title: 'Disconnect the source PC from the network',
        notes: 'For the investigation, leave it switched on and do not use it.',
        checklist: ['Unplug the network cable and turn off wireless', 'Record the sharing software’s state and its shared folders', 'Keep the PC safe and identify its owner and users'],
      },
    }),
    bilingualTask({
      key: 'check-all-pcs',
      phase: 'containment',
      dueAfterHours: 72,
      source: 'fileSharing',
      ja: {
        title: '社内の全端末で共有ソフトの有無を点検する',
        checklist: ['業務PCに入っているソフトを調べる', '業務データを持ち帰った私物PCがないか確認する', '見つかった端末もネットワークから切り離す'],
      },
      en: {
        title: 'Check every company device for file-sharing software',
        checklist: ['Check the software installed on work PCs', 'Check for personal PCs holding work data taken home', 'Disconnect any device found'],
      },
    }),
    bilingualTask({
      key: 'request-removal',
      phase: 'containment',
      dueAfterHours: 72,
      source: 'fileSharing',
      ja: {
        title: '転載先の掲示板やサイトに削除を依頼する',
        checklist: ['ファイル名や中身が書き込まれた掲示板・サイトを探す', '運営者に削除を依頼する', '依頼した日時と結果を記録する'],
      },
      en: {
        title: 'Ask the boards and sites that reposted it to remove it',
        checklist: ['Find the boards and sites where file names or contents were posted', 'Ask their operators to remove them', 'Record when you asked and the result'],
      },
    }),

    bilingualTask({
      key: 'search-network',
      phase: 'analysis',
      dueAfterHours: 24,
      source: 'fileSharing',
      ja: {
        title: '専門家に依頼して、ネットワーク上の流出ファイルを検索する',
        notes: '一度流出したファイルは完全には消せない。検索にかかる時間の推移を記録し、見つけにくくなったことをリスクが下がった根拠にする。',
        checklist: ['検索と監視を専門家に委託する', '流出ファイルの広がり具合を確認する', '検索にかかる時間を定期的に記録する'],
      },
      en: {
        title: 'Have specialists search the network for the leaked files',
        notes: 'A leaked file can never be fully erased. Record how long searches take over time: files getting harder to find is the evidence that the risk has fallen.',
        checklist: ['Hand searching and monitoring to specialists', 'Find out how far the files have spread', 'Record regularly how long a search takes'],
      },
    }),
    bilingualTask({
      key: 'monitor-network',
      phase: 'analysis',
      dueAfterHours: 720,
      source: 'fileSharing',
      ja: {
        title: '1か月間、ネットワーク上の流通を監視する',
        checklist: ['検索時間の推移を定期的に報告してもらう', '新たな流通が見つかれば削除を依頼する', '監視を終える時期を方針指導が判断する'],
      },
      en: {
        title: 'Watch the network for a month',
        checklist: ['Get regular reports on search times', 'Ask for removal of any new copies found', 'Direction decides when monitoring ends'],
      },
    }),
    common('scope-data-items', {
      ja: { addChecklist: ['共有フォルダにあったファイルを一覧にし、それぞれの中身を確認する'] },
      en: { addChecklist: ['List the files in the shared folder and check what each contains'] },
    }),
    common('count-affected'),
    common('root-cause', {
      ja: { notes: 'なぜ業務データが共有ソフトの入ったPCにあったのか、なぜそのソフトを入れられたのかまで掘り下げる。' },
      en: { notes: 'Dig down to why work data was on a PC with file-sharing software, and why that software could be installed.' },
    }),

    bilingualTask({
      key: 'software-controls',
      phase: 'countermeasures',
      dueAfterHours: 720,
      source: 'metiTakeOut',
      ja: {
        title: '共有ソフトの利用と業務データの持ち帰りを禁止する',
        checklist: ['業務PCに入れられるソフトを制限する', '共有ソフトの通信を検知して遮断する', '私物PCでの業務データの利用を禁止する', '社員に周知し、教育する'],
      },
      en: {
        title: 'Ban file-sharing software and taking work data home',
        checklist: ['Restrict the software allowed on work PCs', 'Detect and block file-sharing traffic', 'Ban work data on personal PCs', 'Tell and train staff'],
      },
    }),
    common('recurrence-prevention'),
    common('improve-response'),

    common('open-counter'),
    common('prepare-faq'),
    common('notify-customers', {
      ja: {
        notes:
          '該当するすべての方にお詫びの手紙を送る。届かない方にはメール、メールも届かなければ電話と手段を切り替え、それでも連絡がつかない方にはWebサイトへの掲載で対応する。',
      },
      en: {
        notes:
          'Send a letter of apology to everyone affected. If it does not arrive, use e-mail; if e-mail does not arrive, phone; whoever still cannot be reached is covered by a notice on the website.',
      },
    }),
    bilingualTask({
      key: 'explain-risk-reduction',
      phase: 'counter',
      dueAfterHours: null,
      source: 'fileSharing',
      ja: {
        title: '監視の結果をもとに、リスクが下がったことを説明する',
        notes: '「見つかる可能性がなくなった」とは言えない。専門家でも特定が難しくなったことを示して説明する。',
        checklist: ['監視結果の報告書を受け取る', '説明の文面を作り、承認を得る', '窓口と対象の方へ伝える'],
      },
      en: {
        title: 'Explain, from the monitoring results, that the risk has fallen',
        notes: 'Nobody can say the files will never be found. Explain by showing that even specialists now struggle to find them.',
        checklist: ['Receive the monitoring report', 'Write the explanation and get it approved', 'Tell the counter and the people affected'],
      },
    }),

    common('decide-disclosure'),
    common('draft-statement'),
    common('publish-statement'),
    common('follow-up'),
    common('record-history'),
  ],
};
