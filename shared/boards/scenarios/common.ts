/**
 * Tasks every leak needs whatever its cause: the first report, the HQ, the regulator, the
 * enquiry counter, the statement, the record. Kept in one place so a correction (a
 * regulator deadline, a checklist item) reaches every scenario at once; each scenario
 * adds what is specific to it and may adjust wording or due times.
 */
import type { TemplateTask } from '../model';

const COMMON_TASKS = {
  'first-report': {
    key: 'first-report',
    phase: 'direction',
    title: '第一報をまとめて責任者に報告する',
    notes:
      '第一報は下の項目だけに絞り、わからない項目は「不明」と書く。詳しい経緯や原因は第二報以降で報告する。',
    dueAfterHours: 1,
    checklist: [
      '誰が、どこで発見したか',
      '発見した日時',
      '発生した日時（わかれば）',
      '漏えいした（おそれのある）情報の内容',
      '件数（確定と最大の見込み）',
      '現時点までの対応',
    ],
    source: '004 §8-⑥; 003 step 1',
  },
  'set-up-hq': {
    key: 'set-up-hq',
    phase: 'direction',
    title: '対策本部を設置し、役割を分担する',
    notes:
      '役員と経営企画が方針指導と公表、システム部門が封じ込め・分析・対策改善、業務部門が窓口を担い、残りの全員が顧客対応を支える。',
    dueAfterHours: 4,
    checklist: [
      '本部長と各フェーズの責任者を決める',
      'メンバーの連絡先と集まる場所（在宅の場合は連絡手段）を共有する',
      '定例の報告時刻を決める',
      '社外への説明の窓口を一本にする',
    ],
    source: '004 §8-⑮; 001 step 2',
  },
  'decide-policy': {
    key: 'decide-policy',
    phase: 'direction',
    title: '対応方針を決める',
    notes:
      '早く知らせることと、正確に把握してから知らせることは両立しにくい。どちらを優先するかを決め、その理由を記録する。',
    dueAfterHours: 24,
    checklist: [
      '顧客への連絡と公表を、いつ、どの順で行うか',
      '外部の専門家・協力会社に頼む範囲',
      '必要な人員と費用の見込み',
      '判断した人と日時を記録する',
    ],
    source: '000 基本対応フロー; 004 §8-⑮',
  },
  'ppc-preliminary': {
    key: 'ppc-preliminary',
    phase: 'direction',
    title: '個人情報保護委員会へ速報する',
    notes:
      '漏えいの「おそれ」の段階でも報告の対象になりうる。速やかに（目安は知った時点から3〜5日）、その時点でわかっている事項だけで報告する。対象に当たらない場合は、判断の根拠を記録して完了とする。提出は委員会の漏えい等報告フォームから（業種によっては所管の省庁へ）。',
    dueAfterHours: 72,
    checklist: [
      '要配慮個人情報が含まれるか',
      '財産的被害のおそれ（カード番号、ネットバンキングの認証情報など）があるか',
      '不正の目的によるおそれ（不正アクセス、持ち出しなど）があるか',
      '本人の数が1,000人を超えるか',
      '報告が不要となる事情（高度な暗号化、閲覧される前の回収）があるか',
      '委託先・委託元がある場合は、双方の報告（共同での報告も可）を調整する',
      'EU在住の顧客がいれば、GDPRの報告（72時間以内）も確認する',
    ],
    source: '003 step 3',
  },
  'ppc-final': {
    key: 'ppc-final',
    phase: 'direction',
    title: '個人情報保護委員会へ確報する',
    notes:
      '知った日から30日以内（不正の目的によるおそれがある場合は60日以内）。速報で空欄だった項目を埋め、すべての項目をそろえて提出する。日数の数え方は法務・専門家に確認する。',
    dueAfterHours: 720,
    checklist: [
      '概要',
      '漏えい等した個人データの項目',
      '本人の数',
      '原因',
      '二次被害またはそのおそれの有無と内容',
      '本人への対応の実施状況',
      '公表の実施状況',
      '再発防止のための措置',
      'その他参考となる事項',
    ],
    source: '003 step 3',
  },
  'scope-data-items': {
    key: 'scope-data-items',
    phase: 'analysis',
    title: '漏えいした項目と、漏えいしていない項目を確定する',
    notes:
      'クレジットカード番号や口座番号など、聞かれなくても顧客が知りたい項目は「含まれていない」ことも明記する。',
    dueAfterHours: 24,
    checklist: [
      '氏名・住所・電話番号・生年月日・性別・メールアドレス',
      'クレジットカード情報・口座番号の有無',
      '要配慮個人情報・マイナンバーの有無',
      '漏えいしていない項目を一覧にする',
    ],
    source: '002; 003 step 1',
  },
  'count-affected': {
    key: 'count-affected',
    phase: 'analysis',
    title: '対象者と件数（確定・最大）を確定する',
    notes:
      '件数は「確定」と「最大の可能性」の二つで持つ。最初に最大値を示しておけば、後で件数が増えて不信を招くことを避けられる。',
    dueAfterHours: 72,
    checklist: [
      '確定件数と最大件数を分けて数える',
      '重複を除いた人数を出す',
      '対象となるサービス・顧客層を特定する',
      '連絡用の対象者リスト（住所・メール・電話）を作る',
    ],
    source: '002; 004 §8-⑨',
  },
  'root-cause': {
    key: 'root-cause',
    phase: 'analysis',
    title: '根本原因を究明する',
    notes:
      '「なぜ本人が紛失・誤操作したか」だけでなく、「なぜ個人情報を持ち出せたのか」「なぜそこに保存されていたのか」まで掘り下げる。',
    dueAfterHours: 336,
    checklist: ['直接の原因', '仕組み・ルールの不備', '同じ原因で起こりうる他の事故', '第二報に原因を記載する'],
    source: '003 step 2',
  },
  'recurrence-prevention': {
    key: 'recurrence-prevention',
    phase: 'countermeasures',
    title: '再発防止策を策定する',
    notes:
      '現場で策定し、事務局の添削を経て経営会議に報告する（004 §8-⑦）。経済産業省「秘密情報の保護ハンドブック」の5つのポイントで点検する。',
    dueAfterHours: 720,
    checklist: [
      '近寄りにくくする（扱える人を絞る）',
      '持ち出しを制御する',
      '意図的な漏えいを見つかりやすくする',
      '重要な情報であること、漏えいした場合の影響を社員に伝える',
      '社員の声を経営に反映し、仕事への意欲を高める',
      '経営会議へ報告する',
    ],
    source: '003 再発防止; 004 §8-⑦',
  },
  'improve-response': {
    key: 'improve-response',
    phase: 'countermeasures',
    title: '対応の進め方を振り返り、手順を改善する',
    notes: '今回の対応で迷った点、遅れた点を記録し、対応手順とこのテンプレートに反映する。訓練の題材にもする。',
    dueAfterHours: null,
    checklist: [
      '時系列で対応を振り返る',
      '遅れた判断とその理由を挙げる',
      '対応手順・緊急連絡表・テンプレートを更新する',
      '訓練の計画に反映する',
    ],
    source: '000 基本対応フロー; 004 §8-②',
  },
  'open-counter': {
    key: 'open-counter',
    phase: 'counter',
    title: '問い合わせ窓口を設置する',
    notes: '公表の前に窓口の体制を整える。電話とメールの両方を用意し、受付時間は土日も含めて決める。',
    dueAfterHours: 72,
    checklist: [
      '専用の電話番号とメールアドレスを用意する',
      '受付時間と当番表を決める',
      '問い合わせの記録方法を決める',
      '件数が多い場合はコールセンターへの委託を検討する',
    ],
    source: '004 §8-⑮, §8-⑭, §8-⑳',
  },
  'prepare-faq': {
    key: 'prepare-faq',
    phase: 'counter',
    title: '想定問答を作り、回答をそろえる',
    notes:
      '対応者ごとに回答が違うと二次炎上を招く。確定した事実だけを書き、変わったら全員に知らせる。',
    dueAfterHours: 72,
    checklist: [
      '何が起きたか、自分が対象かどうかの確かめ方',
      '漏えいした項目と漏えいしていない項目',
      '二次被害を防ぐためにお願いすること',
      '今後の連絡と続報の予定',
      '方針指導の承認を得てから使う',
    ],
    source: '001 step 4; 004 §8-⑩',
  },
  'log-enquiries': {
    key: 'log-enquiries',
    phase: 'counter',
    title: '問い合わせを記録し、想定問答に反映する',
    notes: '顧客が何を知りたいかは、問い合わせを集めて初めてわかる。',
    dueAfterHours: null,
    checklist: [
      'すべての問い合わせを記録する（経路・内容・回答・対応者）',
      '多い質問をまとめる',
      '新しい回答を承認に回す',
    ],
    source: '004 §8-⑩',
  },
  'notify-customers': {
    key: 'notify-customers',
    phase: 'counter',
    title: '対象のお客さまへ個別に連絡する',
    notes:
      '郵送で届かなければメール、メールも届かなければ電話と手段を切り替え、それでも連絡がつかない方にはWebサイトへの掲載で対応する。本人への通知は状況に応じて速やかに行う。',
    dueAfterHours: null,
    checklist: [
      'お知らせの文面を確定する',
      '書面を郵送する',
      '宛先不明で戻った方へメールを送る',
      'メールが届かなかった方へ電話する（日時を記録する）',
      '連絡がつかない方にはWebサイトへの掲載で対応する',
    ],
    source: '004 §8-⑨',
  },
  'customer-survey': {
    key: 'customer-survey',
    phase: 'counter',
    title: '事後アンケートで顧客の声を聞く',
    notes: '寄せられた声には一つずつでなくてもよいので、ある程度まとめて回答を公開する。',
    dueAfterHours: null,
    checklist: ['アンケートを設置する', '寄せられた声を分類する', 'まとめて回答を公開する'],
    source: '004 §8-⑱',
  },
  'decide-disclosure': {
    key: 'decide-disclosure',
    phase: 'statement',
    title: '公表の要否と方法を決める',
    notes: '公表判断基準の5つの視点と、社内の定性的・定量的な指標で判断し、判断した人と理由を記録する。',
    dueAfterHours: 48,
    checklist: [
      '管理主体は誰か',
      '漏えいの形態',
      '漏えいした内容',
      '漏えいした情報の量',
      '被害の大きさ',
      '経営への影響・社会的影響',
      '公表の手段（コーポレートサイト、プレスリリース、ブログ・動画、記者会見）',
    ],
    source: '004 §8-⑥; 000 調査・判断の基準',
  },
  'draft-statement': {
    key: 'draft-statement',
    phase: 'statement',
    title: '公表文を作成する',
    notes: '誰が読んでもわかる言葉で、まず事実を書く。細かい経緯は後からでよい。',
    dueAfterHours: 72,
    checklist: [
      '何が起きたか',
      '漏えいした項目と、漏えいしていない項目',
      '件数（確定・最大）',
      '対象となるお客さま・サービス',
      '実施した対応と今後の対応',
      '問い合わせ窓口',
      'お詫び',
    ],
    source: '001 step 3; 002',
  },
  'publish-statement': {
    key: 'publish-statement',
    phase: 'statement',
    title: 'お知らせを公表する',
    notes: '窓口の準備ができてから公表する。公表と同時に社内にも知らせ、全員が同じ説明をする。',
    dueAfterHours: null,
    checklist: [
      '方針指導の承認を得る',
      '窓口の準備ができていることを確かめる',
      '決めた手段で掲載・配信する',
      '社内へ周知する',
    ],
    source: '001 step 3; 004 §8-⑮',
  },
  'follow-up': {
    key: 'follow-up',
    phase: 'statement',
    title: '続報を出す',
    notes: '確認できた事実は、確認のうえ続報として順次発表する。前回から変わった点を明記する。',
    dueAfterHours: null,
    checklist: ['前回からの変更点をまとめる', '想定問答と窓口の回答を更新する', '方針指導の承認を得て掲載する'],
    source: '001 step 4',
  },
  'record-history': {
    key: 'record-history',
    phase: 'statement',
    title: '対応履歴に記録し、事案を締めくくる',
    notes: '対応履歴DBの項目で記録する。',
    dueAfterHours: null,
    checklist: ['発見日', '対応完了日', '種別', 'タイトル', '概要'],
    source: '000 基本3ステップ',
  },
} satisfies Record<string, TemplateTask>;

export type CommonTaskKey = keyof typeof COMMON_TASKS;

export interface CommonTaskChanges {
  title?: string;
  notes?: string;
  dueAfterHours?: number | null;
  source?: string;
  /** Replaces the common checklist. */
  checklist?: string[];
  /** Appended to the (common or replaced) checklist. */
  addChecklist?: string[];
}

/** A fresh copy of a common task, so no two templates share an array. */
export function common(key: CommonTaskKey, changes: CommonTaskChanges = {}): TemplateTask {
  const { addChecklist = [], checklist, ...rest } = changes;
  const base: TemplateTask = COMMON_TASKS[key];
  return { ...base, ...rest, checklist: [...(checklist ?? base.checklist), ...addChecklist] };
}
