/**
 * SQL injection on an EC site run by a contractor on an ASP (004 §8-⑪, §8-⑫), usually
 * found through a card company. 004 §8-⑮ is the same kind of case: HQ, containment,
 * two weeks of analysis, fixes and the counter, then the statement.
 */
import type { ScenarioTemplate } from '../model';
import { common } from './common';

export const UNAUTHORISED_ACCESS: ScenarioTemplate = {
  id: 'unauthorised-access',
  version: 1,
  name: '委託先が運営するサイトへの不正アクセス',
  description:
    '運営を外部に委託しているECサイトなどがSQLインジェクション等の不正アクセスを受け、クレジットカード情報を含む顧客情報が漏えいしたおそれがある場合。カード会社からの指摘で発覚することが多い。状況の把握と対策を済ませてから公表する。',
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq'),
    {
      key: 'contact-contractor',
      phase: 'direction',
      title: '委託先に事実確認と調査を指示する',
      notes:
        '委託先の「問題なさそう」という報告だけで判断しない。同じASPを使う他社が無事でも、自社の環境だけバージョンが古いことがある。',
      dueAfterHours: 4,
      checklist: [
        '委託先の責任者と連絡経路を決める',
        '自社が使うASP・パッケージのバージョンとカスタマイズの状況を確認させる',
        'ログとデータの保全を指示する',
        '契約上の報告義務と費用の負担を確認する',
      ],
      source: '004 §8-⑪, §8-⑫',
    },
    {
      key: 'police-and-ministry',
      phase: 'direction',
      title: '警察と監督官庁へ連絡する',
      notes:
        '取引先の企業が関わる場合は、監督官庁への連絡の順序を取引先と調整する。連絡した日時と相手を記録する。',
      dueAfterHours: 24,
      checklist: [
        '警察（サイバー犯罪の相談窓口）に通報する',
        '警察の求めに応じてアクセスログを提供する',
        '所管の省庁と窓口を確認し、連絡する',
      ],
      source: '004 §8-⑬',
    },
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final', {
      notes:
        '不正アクセスは不正の目的によるおそれに当たるため、知った日から60日以内。速報で空欄だった項目を埋め、すべての項目をそろえて提出する。日数の数え方は法務・専門家に確認する。',
      dueAfterHours: 1440,
    }),

    {
      key: 'take-site-offline',
      phase: 'containment',
      title: 'サイトを停止し、カード決済を止める',
      notes: '原因がわかるまで再開しない。停止をためらうと被害が広がり、発覚も遅れる。',
      dueAfterHours: 4,
      checklist: ['サイトを閉じ、メンテナンス表示に切り替える', 'カード決済を止める', '停止した日時を記録する'],
      source: '004 §8-⑫, §8-⑮',
    },
    {
      key: 'preserve-logs',
      phase: 'containment',
      title: 'ログとサーバーの状態を保全する',
      notes: '復旧作業より先に行う。ログが消えると原因も範囲も特定できない。',
      dueAfterHours: 4,
      checklist: [
        'Webサーバー・データベース・WAFのログ',
        '管理画面へのログイン記録',
        'サーバーのディスクイメージ',
        'ログの保存期間を確認し、期限が来る前に退避する',
      ],
      source: '004 §8-⑬',
    },
    {
      key: 'block-attack',
      phase: 'containment',
      title: '攻撃元を遮断し、管理者のパスワードを変更する',
      dueAfterHours: 24,
      checklist: [
        '攻撃元のIPアドレスを遮断する',
        '管理画面・データベースのパスワードを変更する',
        '不審なアカウント・ファイルを確認する（保全してから削除する）',
      ],
      source: '004 §8-⑮',
    },
    {
      key: 'card-companies',
      phase: 'containment',
      title: 'カード会社に連絡し、不正利用の監視を依頼する',
      dueAfterHours: 24,
      checklist: [
        '対象のカード会社・決済代行会社を洗い出す',
        '漏えいしたおそれのあるカード情報の範囲を伝える',
        '不正利用の状況を共有してもらう',
      ],
      source: '004 §8-⑫, §8-⑮',
    },

    {
      key: 'forensic-investigation',
      phase: 'analysis',
      title: '専門の調査会社にフォレンジック調査を依頼する',
      notes:
        '委託先の調査だけに頼らず、専門性の高い会社にセカンドオピニオンを求める。カード会社が推薦する調査会社で10日程度かかった例がある。',
      dueAfterHours: 72,
      checklist: [
        '侵入の経路と時期',
        '不正にアクセスされたデータと期間',
        'ほかに仕掛けられたもの（バックドアなど）の有無',
        '調査報告書を受け取る',
      ],
      source: '004 §8-⑫',
    },
    common('scope-data-items', { dueAfterHours: 72 }),
    common('count-affected', {
      notes:
        '分析・追跡には2週間程度かかることがある。件数は「確定」と「最大の可能性」の二つで持ち、最初に最大値を示す。',
      dueAfterHours: 336,
    }),
    common('root-cause'),

    {
      key: 'fix-vulnerability',
      phase: 'countermeasures',
      title: '脆弱性を修正し、再開前に診断を受ける',
      notes: '社内だけで足りなければ、協力会社に来てもらい体制を組む。再開は診断の結果を見て方針指導が決める。',
      dueAfterHours: null,
      checklist: [
        '脆弱性を修正する',
        'ASP・パッケージを最新のバージョンにする',
        '第三者による脆弱性診断を受ける',
        '再開を方針指導が判断する',
      ],
      source: '004 §8-⑪, §8-⑯',
    },
    common('recurrence-prevention', {
      addChecklist: ['委託先の管理（バージョンの更新、事故時の報告体制）を契約に盛り込む'],
    }),
    common('improve-response'),

    common('open-counter'),
    common('prepare-faq', {
      addChecklist: ['カード明細の確認と、カード再発行の案内'],
    }),
    common('notify-customers'),
    common('customer-survey'),

    common('decide-disclosure'),
    {
      key: 'coordinate-timing',
      phase: 'statement',
      title: '委託先・カード会社と公表の時期と内容を調整する',
      notes: '関係する会社より先に公表できない場合がある。公表の順序と、利用者への連絡の分担を事前に決める。',
      dueAfterHours: null,
      checklist: ['公表の日時と順序を合意する', '各社の公表内容をそろえる', '利用者への連絡の分担を決める'],
      source: '004 §8-⑬',
    },
    common('draft-statement'),
    common('publish-statement', {
      notes:
        '公表まで1か月程度かかった例では、窓口の設置と原因の解明を優先した。早く知らせることとの兼ね合いを、方針指導が判断する。',
      addChecklist: ['報道機関に詳しく説明し、正確な報道につなげる'],
      source: '004 §8-⑮, §8-⑰',
    }),
    common('follow-up'),
    common('record-history'),
  ],
};
