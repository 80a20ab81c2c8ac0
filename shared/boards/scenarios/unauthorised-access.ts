/**
 * SQL injection on an EC site run by a contractor on an ASP (004 §8-⑪, §8-⑫), usually
 * found through a card company. 004 §8-⑮ is the same kind of case: HQ, containment,
 * two weeks of analysis, fixes and the counter, then the statement.
 */
import type { ScenarioTemplate } from '../model';
import { common } from './common';
import { bilingualTask } from './sources';

export const UNAUTHORISED_ACCESS: ScenarioTemplate = {
  id: 'unauthorised-access',
  version: 1,
  name: '委託先が運営するサイトへの不正アクセス',
  description:
    '運営を外部に委託しているECサイトなどがSQLインジェクション等の不正アクセスを受け、クレジットカード情報を含む顧客情報が漏えいしたおそれがある場合。カード会社からの指摘で発覚することが多い。状況の把握と対策を済ませてから公表する。',
  en: {
    name: 'Unauthorised access to a site run by a contractor',
    description:
      'An online shop or similar site run by a contractor was attacked (SQL injection or other unauthorised access), and customer data including card details may have leaked. It is often found through a card company. Understand the situation and fix it before publishing.',
  },
  builtin: true,
  tasks: [
    common('first-report'),
    common('set-up-hq'),
    bilingualTask({
      key: 'contact-contractor',
      phase: 'direction',
      dueAfterHours: 4,
      source: 'contractorSite',
      ja: {
        title: '委託先に事実確認と調査を指示する',
        notes: '委託先の「問題なさそう」という報告だけで判断しない。同じASPを使う他社が無事でも、自社の環境だけバージョンが古いことがある。',
        checklist: [
          '委託先の責任者と連絡経路を決める',
          '自社が使うASP・パッケージのバージョンとカスタマイズの状況を確認させる',
          'ログとデータの保全を指示する',
          '契約上の報告義務と費用の負担を確認する',
        ],
      },
      en: {
        title: 'Have the contractor establish the facts and investigate',
        notes: 'Do not decide on the contractor’s “looks fine” alone. Other users of the same hosted platform may be safe while your installation runs an older version.',
        checklist: [
          'Agree the contractor’s lead and how to reach them',
          'Have them check the version and customisation of the platform or package you use',
          'Instruct them to preserve logs and data',
          'Check the contract’s reporting duties and who bears the costs',
        ],
      },
    }),
    bilingualTask({
      key: 'police-and-ministry',
      phase: 'direction',
      dueAfterHours: 24,
      source: 'policeAndMinistry',
      ja: {
        title: '警察と監督官庁へ連絡する',
        notes: '取引先の企業が関わる場合は、監督官庁への連絡の順序を取引先と調整する。連絡した日時と相手を記録する。',
        checklist: ['警察（サイバー犯罪の相談窓口）に通報する', '警察の求めに応じてアクセスログを提供する', '所管の省庁と窓口を確認し、連絡する'],
      },
      en: {
        title: 'Contact the police and the supervising ministry',
        notes: 'With client companies involved, agree with them the order of contacting the ministry. Record when you called and whom.',
        checklist: ['Report it to the police (cybercrime desk)', 'Provide access logs when the police ask', 'Find the ministry in charge and its desk, and contact it'],
      },
    }),
    common('decide-policy'),
    common('ppc-preliminary'),
    common('ppc-final', {
      dueAfterHours: 1440,
      ja: {
        notes:
          '不正アクセスは不正の目的によるおそれに当たるため、知った日から60日以内。速報で空欄だった項目を埋め、すべての項目をそろえて提出する。日数の数え方は法務・専門家に確認する。',
      },
      en: {
        notes:
          'Unauthorised access counts as a possible improper purpose, so within 60 days of learning of it. Fill in what the preliminary report left blank and file it with every item complete. Check with legal or a specialist how the days are counted.',
      },
    }),

    bilingualTask({
      key: 'take-site-offline',
      phase: 'containment',
      dueAfterHours: 4,
      source: 'factsBeforeSpeed',
      ja: {
        title: 'サイトを停止し、カード決済を止める',
        notes: '原因がわかるまで再開しない。停止をためらうと被害が広がり、発覚も遅れる。',
        checklist: ['サイトを閉じ、メンテナンス表示に切り替える', 'カード決済を止める', '停止した日時を記録する'],
      },
      en: {
        title: 'Take the site offline and stop card payments',
        notes: 'Do not reopen until the cause is known. Hesitating to stop spreads the harm and delays finding it.',
        checklist: ['Close the site and show a maintenance page', 'Stop card payments', 'Record when it was stopped'],
      },
    }),
    bilingualTask({
      key: 'preserve-logs',
      phase: 'containment',
      dueAfterHours: 4,
      source: 'policeAndMinistry',
      ja: {
        title: 'ログとサーバーの状態を保全する',
        notes: '復旧作業より先に行う。ログが消えると原因も範囲も特定できない。',
        checklist: ['Webサーバー・データベース・WAFのログ', '管理画面へのログイン記録', 'サーバーのディスクイメージ', 'ログの保存期間を確認し、期限が来る前に退避する'],
      },
      en: {
        title: 'Preserve the logs and the servers’ state',
        notes: 'Before any recovery work: once logs are gone, neither cause nor scope can be established.',
        checklist: ['Web server, database and WAF logs', 'Admin-screen login records', 'Disk images of the servers', 'Check how long logs are kept and copy them out before they expire'],
      },
    }),
    bilingualTask({
      key: 'block-attack',
      phase: 'containment',
      dueAfterHours: 24,
      source: 'factsBeforeSpeed',
      ja: {
        title: '攻撃元を遮断し、管理者のパスワードを変更する',
        checklist: ['攻撃元のIPアドレスを遮断する', '管理画面・データベースのパスワードを変更する', '不審なアカウント・ファイルを確認する（保全してから削除する）'],
      },
      en: {
        title: 'Block the attacker and change the admin passwords',
        checklist: [
          'Block the attacking IP addresses',
          'Change the admin-screen and database passwords',
          'Check for suspicious accounts and files (preserve them, then remove them)',
        ],
      },
    }),
    bilingualTask({
      key: 'card-companies',
      phase: 'containment',
      dueAfterHours: 24,
      source: 'factsBeforeSpeed',
      ja: {
        title: 'カード会社に連絡し、不正利用の監視を依頼する',
        checklist: ['対象のカード会社・決済代行会社を洗い出す', '漏えいしたおそれのあるカード情報の範囲を伝える', '不正利用の状況を共有してもらう'],
      },
      en: {
        title: 'Contact the card companies and ask them to watch for fraud',
        checklist: ['List the card companies and payment providers involved', 'Tell them which card data may have leaked', 'Ask them to share what fraudulent use they see'],
      },
    }),

    bilingualTask({
      key: 'forensic-investigation',
      phase: 'analysis',
      dueAfterHours: 72,
      source: 'secondOpinion',
      ja: {
        title: '専門の調査会社にフォレンジック調査を依頼する',
        notes: '委託先の調査だけに頼らず、専門性の高い会社にセカンドオピニオンを求める。カード会社が推薦する調査会社で10日程度かかった例がある。',
        checklist: ['侵入の経路と時期', '不正にアクセスされたデータと期間', 'ほかに仕掛けられたもの（バックドアなど）の有無', '調査報告書を受け取る'],
      },
      en: {
        title: 'Commission a forensic investigation from specialists',
        notes: 'Do not rely on the contractor’s own check alone: get a second opinion from specialists. One investigation by a firm the card company recommended took about ten days.',
        checklist: ['How and when they got in', 'Which data was accessed, over what period', 'Anything else left behind (back doors …)', 'Receive the investigation report'],
      },
    }),
    common('scope-data-items', { dueAfterHours: 72 }),
    common('count-affected', {
      dueAfterHours: 336,
      ja: { notes: '分析・追跡には2週間程度かかることがある。件数は「確定」と「最大の可能性」の二つで持ち、最初に最大値を示す。' },
      en: { notes: 'Analysis can take about two weeks. Keep two counts, confirmed and the maximum possible, and give the maximum from the start.' },
    }),
    common('root-cause'),

    bilingualTask({
      key: 'fix-vulnerability',
      phase: 'countermeasures',
      dueAfterHours: null,
      source: 'outsideHelp',
      ja: {
        title: '脆弱性を修正し、再開前に診断を受ける',
        notes: '社内だけで足りなければ、協力会社に来てもらい体制を組む。再開は診断の結果を見て方針指導が決める。',
        checklist: ['脆弱性を修正する', 'ASP・パッケージを最新のバージョンにする', '第三者による脆弱性診断を受ける', '再開を方針指導が判断する'],
      },
      en: {
        title: 'Fix the vulnerability and have it tested before reopening',
        notes: 'If in-house staff are not enough, bring in partners. Direction decides on reopening once the test results are in.',
        checklist: ['Fix the vulnerability', 'Bring the platform or package to the latest version', 'Have a third party test for vulnerabilities', 'Direction decides on reopening'],
      },
    }),
    common('recurrence-prevention', {
      ja: { addChecklist: ['委託先の管理（バージョンの更新、事故時の報告体制）を契約に盛り込む'] },
      en: { addChecklist: ['Write contractor management (version updates, incident reporting) into the contract'] },
    }),
    common('improve-response'),

    common('open-counter'),
    common('prepare-faq', {
      ja: { addChecklist: ['カード明細の確認と、カード再発行の案内'] },
      en: { addChecklist: ['How to check card statements and get a card reissued'] },
    }),
    common('notify-customers'),
    common('customer-survey'),

    common('decide-disclosure'),
    bilingualTask({
      key: 'coordinate-timing',
      phase: 'statement',
      dueAfterHours: null,
      source: 'clientCompanies',
      ja: {
        title: '委託先・カード会社と公表の時期と内容を調整する',
        notes: '関係する会社より先に公表できない場合がある。公表の順序と、利用者への連絡の分担を事前に決める。',
        checklist: ['公表の日時と順序を合意する', '各社の公表内容をそろえる', '利用者への連絡の分担を決める'],
      },
      en: {
        title: 'Agree timing and content with the contractor and card companies',
        notes: 'You may not be able to publish before the other companies involved. Agree beforehand the order of publishing and who contacts which users.',
        checklist: ['Agree the date, time and order of publishing', 'Align what each company publishes', 'Split who contacts which users'],
      },
    }),
    common('draft-statement'),
    common('publish-statement', {
      source: 'accurateReporting',
      ja: {
        notes: '公表まで1か月程度かかった例では、窓口の設置と原因の解明を優先した。早く知らせることとの兼ね合いを、方針指導が判断する。',
        addChecklist: ['報道機関に詳しく説明し、正確な報道につなげる'],
      },
      en: {
        notes: 'In one case publishing took about a month: the counter and the cause came first. Direction weighs this against telling people early.',
        addChecklist: ['Brief the press in detail so the reporting is accurate'],
      },
    }),
    common('follow-up'),
    common('record-history'),
  ],
};
