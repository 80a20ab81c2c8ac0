/**
 * Realistic enquiries after a leak, as operators type them (mixed width, kana and kanji
 * variants, particles or none), keyed by what they are really about. The grouping tests
 * and the tuning of the threshold use it; the topic is the expected group.
 */
export interface FixtureEnquiry {
  id: string;
  topic: string;
  text: string;
}

const RAW: [string, string][] = [
  ['affected', '私の情報は漏れていますか'],
  ['affected', '自分が対象か知りたい'],
  ['affected', '私は今回の対象者ですか'],
  ['affected', '自分の個人情報も流出したのでしょうか'],
  ['affected', '私のデータが含まれているか確認したい'],
  ['affected', 'わたしの情報も漏洩しましたか'],
  ['card', 'カード番号は漏れた？'],
  ['card', 'クレジットカード情報は漏えいしましたか'],
  ['card', 'カード情報も流出していますか'],
  ['card', 'ｸﾚｼﾞｯﾄｶｰﾄﾞの番号は漏れていませんか'],
  ['card', 'クレジットカードを止めるべき？'],
  ['card', 'カードを停止したほうがいいですか'],
  ['card', 'カードの利用停止は必要ですか'],
  ['card', 'クレジットカードは止めたほうがいい？'],
  ['apology', 'お詫びの品はありますか'],
  ['apology', 'お詫びの金券はもらえますか'],
  ['apology', 'おわびの品はいつ届きますか'],
  ['compensation', '補償はありますか'],
  ['compensation', '賠償してもらえるのでしょうか'],
  ['compensation', '損害の補償をしてほしい'],
  ['line-busy', '問い合わせ窓口の電話がつながらない'],
  ['line-busy', 'コールセンターに電話しても繋がりません'],
  ['line-busy', '窓口の電話が全然つながらない'],
  ['line-busy', '電話が何度かけてもつながらない'],
  ['desk-hours', '問合せ窓口の受付時間を教えてください'],
  ['desk-hours', '窓口は何時まで受付していますか'],
  ['cause', 'なぜ漏えいしたのか'],
  ['cause', '漏洩の原因は何ですか'],
  ['cause', 'どうして情報が流出したのですか'],
  ['cause', '流出の理由を説明してほしい'],
  ['cause', '不正アクセスの原因を教えて'],
  ['phishing', '不審なメールが届きました'],
  ['phishing', '怪しいメールが来たが関係ありますか'],
  ['phishing', '不審なメールが何通も来ている'],
  ['scam-call', '迷惑電話がかかってくるようになった'],
  ['scam-call', '詐欺の電話が来ないか心配'],
  ['password', 'パスワードを変更したほうがいいですか'],
  ['password', 'ﾊﾟｽﾜｰﾄﾞは変更すべき？'],
  ['password', 'パスワードの変更は必要ですか'],
  ['withdraw', '退会したいです'],
  ['withdraw', '退会の手続きを教えてください'],
  ['withdraw', '会員を退会して情報を削除してほしい'],
  ['when', 'いつ発生したのですか'],
  ['when', '漏えいはいつ起きたのですか'],
  ['when', 'いつから漏れていたのか'],
  ['count', '何件漏れたのですか'],
  ['count', '漏えいした件数を教えてください'],
  ['media', '新聞社ですが取材をお願いしたい'],
];

const BASE = Date.UTC(2026, 10, 20, 0, 0, 0);

/** One enquiry every 7 minutes from 2026-11-20 09:00 JST, in the order above. */
export const FIXTURE_ENQUIRIES: (FixtureEnquiry & { at: string })[] = RAW.map(([topic, text], i) => ({
  id: `q${String(i + 1).padStart(2, '0')}`,
  topic,
  text,
  at: new Date(BASE + i * 7 * 60_000).toISOString(),
}));
