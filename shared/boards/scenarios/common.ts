/**
 * Tasks every leak needs whatever its cause: the first report, the HQ, the regulator, the
 * enquiry counter, the statement, the record. Kept in one place so a correction (a
 * regulator deadline, a checklist item) reaches every scenario at once; each scenario
 * adds what is specific to it and may adjust wording or due times — in both languages.
 */
import type { TemplateTask } from '../model';
import { bilingualTask, SOURCES, type SourceKey } from './sources';

const COMMON_TASKS = {
  'first-report': bilingualTask({
    key: 'first-report',
    phase: 'direction',
    dueAfterHours: 1,
    source: 'stagedReports',
    ja: {
      title: '第一報をまとめて責任者に報告する',
      notes: '第一報は下の項目だけに絞り、わからない項目は「不明」と書く。詳しい経緯や原因は第二報以降で報告する。',
      checklist: [
        '誰が、どこで発見したか',
        '発見した日時',
        '発生した日時（わかれば）',
        '漏えいした（おそれのある）情報の内容',
        '件数（確定と最大の見込み）',
        '現時点までの対応',
      ],
    },
    en: {
      title: 'Write the first report and send it to the person in charge',
      notes: 'Keep the first report to the items below and write “unknown” where you do not know. The full course of events and the cause go in the second and later reports.',
      checklist: [
        'Who found it, and where',
        'When it was found',
        'When it happened (if known)',
        'What data leaked (or may have leaked)',
        'How many records (confirmed, and the maximum possible)',
        'What has been done so far',
      ],
    },
  }),
  'set-up-hq': bilingualTask({
    key: 'set-up-hq',
    phase: 'direction',
    dueAfterHours: 4,
    source: 'hqRoles',
    ja: {
      title: '対策本部を設置し、役割を分担する',
      notes: '役員と経営企画が方針指導と公表、システム部門が封じ込め・分析・対策改善、業務部門が窓口を担い、残りの全員が顧客対応を支える。',
      checklist: [
        '本部長と各フェーズの責任者を決める',
        'メンバーの連絡先と集まる場所（在宅の場合は連絡手段）を共有する',
        '定例の報告時刻を決める',
        '社外への説明の窓口を一本にする',
      ],
    },
    en: {
      title: 'Set up the response HQ and split the roles',
      notes: 'Executives and corporate planning take direction and the statement, IT takes containment, analysis and countermeasures, the business side runs the counter, and everyone else supports customer contact.',
      checklist: [
        'Name the head of the HQ and a lead for each phase',
        'Share members’ contact details and where to meet (or how to reach each other from home)',
        'Set fixed times for status reports',
        'Have one single point of contact for outside enquiries',
      ],
    },
  }),
  'decide-policy': bilingualTask({
    key: 'decide-policy',
    phase: 'direction',
    dueAfterHours: 24,
    source: 'basicFlow',
    ja: {
      title: '対応方針を決める',
      notes: '早く知らせることと、正確に把握してから知らせることは両立しにくい。どちらを優先するかを決め、その理由を記録する。',
      checklist: ['顧客への連絡と公表を、いつ、どの順で行うか', '外部の専門家・協力会社に頼む範囲', '必要な人員と費用の見込み', '判断した人と日時を記録する'],
    },
    en: {
      title: 'Decide how to respond',
      notes: 'Telling people fast and telling them once the facts are certain rarely go together. Decide which comes first and record why.',
      checklist: [
        'When, and in what order, to contact customers and to publish',
        'What to hand to outside specialists and partners',
        'The people and the budget it will take',
        'Record who decided and when',
      ],
    },
  }),
  'ppc-preliminary': bilingualTask({
    key: 'ppc-preliminary',
    phase: 'direction',
    dueAfterHours: 72,
    source: 'regulatorDuty',
    ja: {
      title: '個人情報保護委員会へ速報する',
      notes:
        '漏えいの「おそれ」の段階でも報告の対象になりうる。速やかに（目安は知った時点から3〜5日）、その時点でわかっている事項だけで報告する。対象に当たらない場合は、判断の根拠を記録して完了とする。提出は委員会の漏えい等報告フォームから（業種によっては所管の省庁へ）。',
      checklist: [
        '要配慮個人情報が含まれるか',
        '財産的被害のおそれ（カード番号、ネットバンキングの認証情報など）があるか',
        '不正の目的によるおそれ（不正アクセス、持ち出しなど）があるか',
        '本人の数が1,000人を超えるか',
        '報告が不要となる事情（高度な暗号化、閲覧される前の回収）があるか',
        '委託先・委託元がある場合は、双方の報告（共同での報告も可）を調整する',
        'EU在住の顧客がいれば、GDPRの報告（72時間以内）も確認する',
      ],
    },
    en: {
      title: 'Send the preliminary report to the PPC',
      notes:
        'A possible leak can already have to be reported. Report promptly (as a guide, within 3–5 days of learning of it) with only what is known at that point. If the case does not have to be reported, record why and close the task. File through the PPC’s leak report form (or to the ministry in charge, in some industries).',
      checklist: [
        'Is special-care personal information involved?',
        'Is there a risk of financial harm (card numbers, online-banking credentials …)?',
        'Could it have been done for an improper purpose (unauthorised access, data taken out …)?',
        'Are more than 1,000 people affected?',
        'Does anything remove the duty (strong encryption, recovered before anyone saw it)?',
        'With a contractor or client involved, agree on both reports (a joint report is allowed)',
        'With customers living in the EU, check the GDPR notification too (within 72 hours)',
      ],
    },
  }),
  'ppc-final': bilingualTask({
    key: 'ppc-final',
    phase: 'direction',
    dueAfterHours: 720,
    source: 'regulatorDuty',
    ja: {
      title: '個人情報保護委員会へ確報する',
      notes:
        '知った日から30日以内（不正の目的によるおそれがある場合は60日以内）。速報で空欄だった項目を埋め、すべての項目をそろえて提出する。日数の数え方は法務・専門家に確認する。',
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
    },
    en: {
      title: 'Send the final report to the PPC',
      notes:
        'Within 30 days of learning of it (60 days where an improper purpose is possible). Fill in what the preliminary report left blank and file it with every item complete. Check with legal or a specialist how the days are counted.',
      checklist: [
        'Summary',
        'Items of personal data leaked',
        'Number of people',
        'Cause',
        'Secondary harm, or its risk, and what it is',
        'What has been done for the people affected',
        'Publication so far',
        'Measures to prevent a recurrence',
        'Anything else of use',
      ],
    },
  }),
  'scope-data-items': bilingualTask({
    key: 'scope-data-items',
    phase: 'analysis',
    dueAfterHours: 24,
    source: 'benesseItems',
    ja: {
      title: '漏えいした項目と、漏えいしていない項目を確定する',
      notes: 'クレジットカード番号や口座番号など、聞かれなくても顧客が知りたい項目は「含まれていない」ことも明記する。',
      checklist: ['氏名・住所・電話番号・生年月日・性別・メールアドレス', 'クレジットカード情報・口座番号の有無', '要配慮個人情報・マイナンバーの有無', '漏えいしていない項目を一覧にする'],
    },
    en: {
      title: 'Settle which data items leaked and which did not',
      notes: 'Say plainly when items customers want to know about without asking — card numbers, bank accounts — were not included.',
      checklist: [
        'Name, address, phone, date of birth, gender, e-mail address',
        'Card data or bank account numbers: yes or no',
        'Special-care information or My Number: yes or no',
        'List the items that did not leak',
      ],
    },
  }),
  'count-affected': bilingualTask({
    key: 'count-affected',
    phase: 'analysis',
    dueAfterHours: 72,
    source: 'benesseCounts',
    ja: {
      title: '対象者と件数（確定・最大）を確定する',
      notes: '件数は「確定」と「最大の可能性」の二つで持つ。最初に最大値を示しておけば、後で件数が増えて不信を招くことを避けられる。',
      checklist: ['確定件数と最大件数を分けて数える', '重複を除いた人数を出す', '対象となるサービス・顧客層を特定する', '連絡用の対象者リスト（住所・メール・電話）を作る'],
    },
    en: {
      title: 'Settle who is affected and how many (confirmed and maximum)',
      notes: 'Keep two counts: confirmed and the maximum possible. Giving the maximum from the start means the number never has to grow later and cost trust.',
      checklist: [
        'Count confirmed and maximum separately',
        'Count people, without duplicates',
        'Identify the services and customer groups affected',
        'Build the contact list (address, e-mail, phone)',
      ],
    },
  }),
  'root-cause': bilingualTask({
    key: 'root-cause',
    phase: 'analysis',
    dueAfterHours: 336,
    source: 'rootCause',
    ja: {
      title: '根本原因を究明する',
      notes: '「なぜ本人が紛失・誤操作したか」だけでなく、「なぜ個人情報を持ち出せたのか」「なぜそこに保存されていたのか」まで掘り下げる。',
      checklist: ['直接の原因', '仕組み・ルールの不備', '同じ原因で起こりうる他の事故', '第二報に原因を記載する'],
    },
    en: {
      title: 'Find the root cause',
      notes: 'Not only “why did the person lose it or make the mistake” but “why could the data be taken out at all” and “why was it stored there”.',
      checklist: ['The direct cause', 'Gaps in systems and rules', 'Other incidents the same cause could lead to', 'State the cause in the second report'],
    },
  }),
  'recurrence-prevention': bilingualTask({
    key: 'recurrence-prevention',
    phase: 'countermeasures',
    dueAfterHours: 720,
    source: 'metiHandbook',
    ja: {
      title: '再発防止策を策定する',
      notes: '現場で策定し、事務局の添削を経て経営会議に報告する。経済産業省「秘密情報の保護ハンドブック」の5つのポイントで点検する。',
      checklist: [
        '近寄りにくくする（扱える人を絞る）',
        '持ち出しを制御する',
        '意図的な漏えいを見つかりやすくする',
        '重要な情報であること、漏えいした場合の影響を社員に伝える',
        '社員の声を経営に反映し、仕事への意欲を高める',
        '経営会議へ報告する',
      ],
    },
    en: {
      title: 'Draw up the measures against a recurrence',
      notes: 'Written in the field, reviewed by the secretariat and reported to the management meeting. Check them against the five points of METI’s handbook on protecting confidential information.',
      checklist: [
        'Keep people away from the data (fewer people can handle it)',
        'Control how data is taken out',
        'Make deliberate leaks easy to detect',
        'Tell staff the data matters and what a leak would do',
        'Let staff’s voices shape management and raise their motivation',
        'Report to the management meeting',
      ],
    },
  }),
  'improve-response': bilingualTask({
    key: 'improve-response',
    phase: 'countermeasures',
    dueAfterHours: null,
    source: 'drills',
    ja: {
      title: '対応の進め方を振り返り、手順を改善する',
      notes: '今回の対応で迷った点、遅れた点を記録し、対応手順とこのテンプレートに反映する。訓練の題材にもする。',
      checklist: ['時系列で対応を振り返る', '遅れた判断とその理由を挙げる', '対応手順・緊急連絡表・テンプレートを更新する', '訓練の計画に反映する'],
    },
    en: {
      title: 'Look back on the response and improve the procedure',
      notes: 'Record where the team hesitated or was late, and fold it into the procedure and this template. Use it for drills too.',
      checklist: [
        'Go through the response in time order',
        'List the decisions that came late, and why',
        'Update the procedure, the emergency contact list and the templates',
        'Feed it into the drill plan',
      ],
    },
  }),
  'open-counter': bilingualTask({
    key: 'open-counter',
    phase: 'counter',
    dueAfterHours: 72,
    source: 'callCentre',
    ja: {
      title: '問い合わせ窓口を設置する',
      notes: '公表の前に窓口の体制を整える。電話とメールの両方を用意し、受付時間は土日も含めて決める。',
      checklist: ['専用の電話番号とメールアドレスを用意する', '受付時間と当番表を決める', '問い合わせの記録方法を決める', '件数が多い場合はコールセンターへの委託を検討する'],
    },
    en: {
      title: 'Open the enquiry counter',
      notes: 'Have the counter staffed before anything is published. Offer both phone and e-mail, and set opening hours including weekends.',
      checklist: [
        'Set up a dedicated phone number and e-mail address',
        'Decide opening hours and the rota',
        'Decide how enquiries are logged',
        'With many enquiries, consider an outside call centre',
      ],
    },
  }),
  'prepare-faq': bilingualTask({
    key: 'prepare-faq',
    phase: 'counter',
    dueAfterHours: 72,
    source: 'oneVoice',
    ja: {
      title: '想定問答を作り、回答をそろえる',
      notes: '対応者ごとに回答が違うと二次炎上を招く。確定した事実だけを書き、変わったら全員に知らせる。',
      checklist: ['何が起きたか、自分が対象かどうかの確かめ方', '漏えいした項目と漏えいしていない項目', '二次被害を防ぐためにお願いすること', '今後の連絡と続報の予定', '方針指導の承認を得てから使う'],
    },
    en: {
      title: 'Write the FAQ so everyone gives the same answers',
      notes: 'Different answers from different people start a second fire. Write only confirmed facts and tell everyone when they change.',
      checklist: [
        'What happened, and how people can tell whether they are affected',
        'Which items leaked and which did not',
        'What we ask people to do to avoid secondary harm',
        'What contact and follow-ups to expect',
        'Use it only once direction has approved it',
      ],
    },
  }),
  'log-enquiries': bilingualTask({
    key: 'log-enquiries',
    phase: 'counter',
    dueAfterHours: null,
    source: 'enquiryLog',
    ja: {
      title: '問い合わせを記録し、想定問答に反映する',
      notes: '顧客が何を知りたいかは、問い合わせを集めて初めてわかる。',
      checklist: ['すべての問い合わせを記録する（経路・内容・回答・対応者）', '多い質問をまとめる', '新しい回答を承認に回す'],
    },
    en: {
      title: 'Log the enquiries and feed them into the FAQ',
      notes: 'What customers want to know only shows once their enquiries are collected.',
      checklist: ['Log every enquiry (channel, question, answer, who answered)', 'Group the frequent questions', 'Send new answers for approval'],
    },
  }),
  'notify-customers': bilingualTask({
    key: 'notify-customers',
    phase: 'counter',
    dueAfterHours: null,
    source: 'postEmailPhone',
    ja: {
      title: '対象のお客さまへ個別に連絡する',
      notes:
        '郵送で届かなければメール、メールも届かなければ電話と手段を切り替え、それでも連絡がつかない方にはWebサイトへの掲載で対応する。本人への通知は状況に応じて速やかに行う。',
      checklist: [
        'お知らせの文面を確定する',
        '書面を郵送する',
        '宛先不明で戻った方へメールを送る',
        'メールが届かなかった方へ電話する（日時を記録する）',
        '連絡がつかない方にはWebサイトへの掲載で対応する',
      ],
    },
    en: {
      title: 'Contact each affected customer',
      notes:
        'If a letter does not arrive, use e-mail; if e-mail does not arrive, phone; whoever still cannot be reached is covered by a notice on the website. Notify the people affected promptly, as the situation allows.',
      checklist: [
        'Settle the wording of the notice',
        'Send the letters by post',
        'E-mail those whose letters came back undeliverable',
        'Phone those whose e-mail bounced (record date and time)',
        'Cover whoever cannot be reached with a notice on the website',
      ],
    },
  }),
  'customer-survey': bilingualTask({
    key: 'customer-survey',
    phase: 'counter',
    dueAfterHours: null,
    source: 'survey',
    ja: {
      title: '事後アンケートで顧客の声を聞く',
      notes: '寄せられた声には一つずつでなくてもよいので、ある程度まとめて回答を公開する。',
      checklist: ['アンケートを設置する', '寄せられた声を分類する', 'まとめて回答を公開する'],
    },
    en: {
      title: 'Hear customers afterwards with a survey',
      notes: 'Answers need not be one by one: publish replies to what was said, grouped.',
      checklist: ['Set up the survey', 'Sort what people said', 'Publish grouped replies'],
    },
  }),
  'decide-disclosure': bilingualTask({
    key: 'decide-disclosure',
    phase: 'statement',
    dueAfterHours: 48,
    source: 'disclosureCriteria',
    ja: {
      title: '公表の要否と方法を決める',
      notes: '公表判断基準の5つの視点と、社内の定性的・定量的な指標で判断し、判断した人と理由を記録する。',
      checklist: [
        '管理主体は誰か',
        '漏えいの形態',
        '漏えいした内容',
        '漏えいした情報の量',
        '被害の大きさ',
        '経営への影響・社会的影響',
        '公表の手段（コーポレートサイト、プレスリリース、ブログ・動画、記者会見）',
      ],
    },
    en: {
      title: 'Decide whether and how to publish',
      notes: 'Decide on the five viewpoints for disclosure and the company’s own qualitative and quantitative indicators; record who decided and why.',
      checklist: [
        'Who held the data',
        'How it leaked',
        'What leaked',
        'How much leaked',
        'How much harm',
        'Impact on the business and on society',
        'How to publish (corporate site, press release, blog or video, press conference)',
      ],
    },
  }),
  'draft-statement': bilingualTask({
    key: 'draft-statement',
    phase: 'statement',
    dueAfterHours: 72,
    source: 'statementShape',
    ja: {
      title: '公表文を作成する',
      notes: '誰が読んでもわかる言葉で、まず事実を書く。細かい経緯は後からでよい。',
      checklist: ['何が起きたか', '漏えいした項目と、漏えいしていない項目', '件数（確定・最大）', '対象となるお客さま・サービス', '実施した対応と今後の対応', '問い合わせ窓口', 'お詫び'],
    },
    en: {
      title: 'Draft the statement',
      notes: 'Facts first, in words anyone can follow. The detailed course of events can come later.',
      checklist: [
        'What happened',
        'Which items leaked and which did not',
        'How many (confirmed and maximum)',
        'Which customers and services are affected',
        'What has been done and what comes next',
        'The enquiry counter',
        'The apology',
      ],
    },
  }),
  'publish-statement': bilingualTask({
    key: 'publish-statement',
    phase: 'statement',
    dueAfterHours: null,
    source: 'readyBeforePublishing',
    ja: {
      title: 'お知らせを公表する',
      notes: '窓口の準備ができてから公表する。公表と同時に社内にも知らせ、全員が同じ説明をする。',
      checklist: ['方針指導の承認を得る', '窓口の準備ができていることを確かめる', '決めた手段で掲載・配信する', '社内へ周知する'],
    },
    en: {
      title: 'Publish the notice',
      notes: 'Publish once the counter is ready. Tell staff at the same moment so everyone explains it the same way.',
      checklist: ['Get direction’s approval', 'Check the counter is ready', 'Publish through the channels decided', 'Tell staff'],
    },
  }),
  'follow-up': bilingualTask({
    key: 'follow-up',
    phase: 'statement',
    dueAfterHours: null,
    source: 'followUps',
    ja: {
      title: '続報を出す',
      notes: '確認できた事実は、確認のうえ続報として順次発表する。前回から変わった点を明記する。',
      checklist: ['前回からの変更点をまとめる', '想定問答と窓口の回答を更新する', '方針指導の承認を得て掲載する'],
    },
    en: {
      title: 'Publish follow-ups',
      notes: 'Publish facts as they are confirmed, as follow-ups. Say what changed since the last one.',
      checklist: ['Sum up what changed since the last statement', 'Update the FAQ and the counter’s answers', 'Publish with direction’s approval'],
    },
  }),
  'record-history': bilingualTask({
    key: 'record-history',
    phase: 'statement',
    dueAfterHours: null,
    source: 'historyItems',
    ja: {
      title: '対応履歴に記録し、事案を締めくくる',
      notes: '対応履歴DBの項目で記録する。',
      checklist: ['発見日', '対応完了日', '種別', 'タイトル', '概要'],
    },
    en: {
      title: 'Record it in the incident history and close the case',
      notes: 'Record it with the columns of the incident history.',
      checklist: ['Date found', 'Date closed', 'Kind', 'Title', 'Summary'],
    },
  }),
} satisfies Record<string, TemplateTask>;

export type CommonTaskKey = keyof typeof COMMON_TASKS;

/** A change to a common task's words; a scenario gives it in both languages. */
export interface WordChanges {
  title?: string;
  notes?: string;
  /** Replaces the common checklist. */
  checklist?: string[];
  /** Appended to the (common or replaced) checklist. */
  addChecklist?: string[];
}

export interface CommonTaskChanges {
  dueAfterHours?: number | null;
  source?: SourceKey;
  ja?: WordChanges;
  en?: WordChanges;
}

function applyWords<W extends { title: string; notes?: string; checklist: string[] }>(base: W, changes: WordChanges = {}): W {
  const { addChecklist = [], checklist, ...rest } = changes;
  return { ...base, ...rest, checklist: [...(checklist ?? base.checklist), ...addChecklist] };
}

/** A fresh copy of a common task, so no two templates share an array. */
export function common(key: CommonTaskKey, changes: CommonTaskChanges = {}): TemplateTask {
  const base: TemplateTask = COMMON_TASKS[key];
  const source = changes.source ? SOURCES[changes.source] : null;
  const ja = applyWords(base, changes.ja);
  const en = applyWords(base.en!, changes.en);
  return {
    ...ja,
    ...(changes.dueAfterHours !== undefined ? { dueAfterHours: changes.dueAfterHours } : {}),
    source: source?.ja ?? base.source,
    en: { ...en, source: source?.en ?? base.en!.source },
  };
}
