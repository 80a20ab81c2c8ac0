/**
 * A labelled set for measuring grouping quality: enquiries as callers say them and
 * operators (or a web form, or an old phone's half-width keyboard) type them, after a
 * leak of a shop's member data. Each is labelled with the one FAQ answer it needs: two
 * enquiries belong together exactly when they share a topic.
 *
 * Written before the reading-aware analysis was tuned, from what callers ask (DOMAIN.md
 * part 4, the 004 case notes), not from what the code matches: kanji, all hiragana, all
 * katakana and half-width, polite and blunt, with the words callers really use for the
 * same thing (流出・漏れ・盗まれた, 金券・商品券・お詫びの品, 退会・やめたい・削除).
 * Do not edit it to make a score go up; add a second set instead.
 */
export interface LabelledEnquiry {
  id: string;
  topic: string;
  text: string;
  at: string;
}

const RAW: Record<string, string[]> = {
  // "Was my data leaked?" — the question every caller starts with.
  affected: [
    '私の個人情報は漏れたのでしょうか',
    'わたしのこじんじょうほうはもれたの？',
    'ﾜﾀｼﾉｺｼﾞﾝｼﾞｮｳﾎｳﾊﾓﾚﾏｼﾀｶ',
    '自分のデータも流出したのか教えてほしい',
    'うちの情報も盗まれたんですか',
    'ワタシノジョウホウモリュウシュツシテイマスカ',
    '私も漏洩の対象者に入っていますか',
    '自分が被害に遭っているか確認したい',
    'じぶんのじょうほうもろうえいしてますか',
    '会員なんですが私の情報は大丈夫でしょうか',
    '母の個人情報も流出していないか心配です',
    'わたしもたいしょうになってますか',
  ],
  // Which items: address, phone, date of birth…
  items: [
    '漏れたのはどの情報ですか',
    '住所や電話番号も漏れているのでしょうか',
    'どんな項目が流出したのか具体的に知りたい',
    '生年月日も含まれていますか',
    'ﾅﾆｶﾞﾓﾚﾀﾉｶｵｼｴﾃｸﾀﾞｻｲ',
    'なにがもれたのかおしえて',
    '流出した項目の一覧はありますか',
    'メールアドレスと住所は漏れましたか',
    '漏えいした内容を詳しく説明してください',
    '電話番号まで盗まれたってこと？',
  ],
  // Credit card: leaked? should I stop or reissue it?
  card: [
    'クレジットカードの番号は漏れましたか',
    'ｸﾚｼﾞｯﾄｶｰﾄﾞﾊﾄﾒﾀﾎｳｶﾞｲｲﾃﾞｽｶ',
    'カード情報も流出しているのか',
    'くれじっとかーどはとめたほうがいいですか',
    'カードを再発行したほうがいいでしょうか',
    'クレカの番号も盗まれたんですか',
    'カード会社に連絡すべきですか',
    'セキュリティコードも漏れていますか',
    'カードの不正利用が心配です',
    'クレジットカードを止めるべきか迷っています',
    'ｶｰﾄﾞﾊﾞﾝｺﾞｳﾓﾓﾚﾀﾉ？',
  ],
  // Password: change it?
  password: [
    'パスワードは変えたほうがいいですか',
    'ﾊﾟｽﾜｰﾄﾞﾍﾝｺｳｼﾀﾎｳｶﾞｲｲ？',
    'ぱすわーどのへんこうはひつようですか',
    'パスワードも漏れたのでしょうか',
    'ログインのパスワードを変更すべきか',
    '他のサイトでも同じパスワードを使っているが大丈夫か',
    'パスワードの変え方がわからない',
    'ﾊﾟｽﾜｰﾄﾞﾓﾘｭｳｼｭﾂｼﾀﾉ？',
    'パスワードを変更しろという案内が来たが本当か',
    'パスワードの再設定はどこからできますか',
  ],
  // The apology gift: voucher, gift card, something by way of apology.
  gift: [
    'お詫びの品はありますか',
    '金券はもらえるのでしょうか',
    '商品券が送られてくると聞いたのですが',
    'おわびのしなはいつとどきますか',
    'ｼｮｳﾋﾝｹﾝﾊｲﾂﾄﾄﾞｸﾉ？',
    'お詫びの金券がまだ届いていません',
    'QUOカードはいつ届きますか',
    'お詫びとして何かもらえるのか',
    'おわびのきんけんはもらえますか',
    '商品券はどうやって受け取るのですか',
    'ギフト券が届かない',
  ],
  // Compensation, damages.
  compensation: [
    '補償はありますか',
    '損害賠償を請求したい',
    'ほしょうはしてもらえるんですか',
    '慰謝料は払ってもらえますか',
    '被害が出たら弁償してくれるのか',
    'ﾎｼｮｳﾊﾄﾞｳﾅﾙﾉ',
    '賠償金はいくらですか',
    '補償の内容を教えてください',
    'ばいしょうしてほしい',
    '精神的苦痛に対する補償を求めます',
  ],
  // Leave the service, delete my data, I want out.
  withdraw: [
    '退会したいです',
    'もうやめたいのですが',
    '会員情報を削除してください',
    'たいかいのてつづきをおしえて',
    'ﾀｲｶｲｼﾀｲ',
    '登録を削除してほしい',
    'こんな会社の会員はもう辞めたい',
    '退会すれば私の情報は消えますか',
    'アカウントを削除する方法は',
    'ｶｲｲﾝｦﾔﾒﾀｲ',
    '解約して個人情報を消してほしい',
  ],
  // Why did it happen?
  cause: [
    'なぜ漏えいしたのですか',
    '漏洩の原因は何ですか',
    'どうして流出したんですか',
    'ﾅﾝﾃﾞﾓﾚﾀﾉ',
    'げんいんはなんですか',
    '不正アクセスの原因を説明してほしい',
    'なんで情報が盗まれたのか理由を知りたい',
    '原因はもう分かっているのですか',
    'どういう経緯で漏れたのですか',
    'ハッキングされた理由を教えて',
  ],
  // When did it happen, why so late?
  when: [
    'いつ漏れたのですか',
    '流出はいつ起きたのでしょうか',
    'いつからいつまでの情報が対象ですか',
    '発覚したのはいつですか',
    'ｲﾂﾓﾚﾀﾝﾃﾞｽｶ',
    'いつはっせいしたの',
    'なぜ公表がこんなに遅れたのか',
    '発表まで時間がかかったのはなぜですか',
    '漏えいの発生時期を教えてください',
    'いつ分かったんですか',
  ],
  // How many people?
  count: [
    '何件漏れたのですか',
    '流出した件数を教えてください',
    'なんにんぶんもれたの',
    '被害者は何人いるのですか',
    'ﾅﾝｹﾝﾓﾚﾀﾉ',
    '漏洩の規模はどのくらいですか',
    '全部で何名の情報が流出したのか',
    '対象の人数は',
    'けんすうをおしえてください',
  ],
  // Suspicious e-mail or SMS.
  phishing: [
    '不審なメールが届きました',
    '怪しいメールが来たのですが関係ありますか',
    'ﾍﾝﾅﾒｰﾙｶﾞｷﾀ',
    'へんなめーるがとどいた',
    '身に覚えのないSMSが来ました',
    'フィッシングメールが増えた気がする',
    'メールのリンクを開いてしまいました',
    '御社を名乗るメールは本物ですか',
    '迷惑メールが急に増えた',
    '不審なショートメッセージが届いた',
  ],
  // Suspicious phone calls.
  'scam-call': [
    '知らない番号から電話がかかってくる',
    '迷惑電話が増えました',
    '御社を名乗る電話があったが本当か',
    'ﾍﾝﾅﾃﾞﾝﾜｶﾞｷﾀ',
    'あやしいでんわがかかってきた',
    '詐欺の電話が来ないか心配',
    '非通知の電話が何度もある',
    'セールスの電話がしつこい',
    '不審な電話への対処法を教えて',
  ],
  // The enquiry line: cannot get through.
  'line-busy': [
    '電話がつながらない',
    '問い合わせ窓口に何度かけても繋がりません',
    'でんわがぜんぜんつながらない',
    'ｺｰﾙｾﾝﾀｰﾆﾂﾅｶﾞﾗﾅｲ',
    'コールセンターがずっと話し中です',
    '窓口の電話が混んでいて通じない',
    '一時間待ってもオペレーターに繋がらない',
    '電話が全く通じないのはどういうことだ',
    'かけても話し中ばかり',
  ],
  // Opening hours of the desk.
  hours: [
    '窓口の受付時間を教えてください',
    '何時まで電話を受け付けていますか',
    '土日も対応していますか',
    'ｳｹﾂｹｼﾞｶﾝﾊ？',
    'まどぐちはなんじまで',
    '夜でも問い合わせできますか',
    '祝日は窓口が開いていますか',
    'コールセンターの営業時間は',
    '受付は何時からですか',
  ],
  // A letter or notice arrived: is it genuine, why did I get it?
  letter: [
    'お知らせの手紙が届いたが本物ですか',
    '封書が届いたけど何のことかわからない',
    'はがきが来たんですが詐欺じゃないですか',
    'ｵｼﾗｾｶﾞﾄﾄﾞｲﾀｹﾄﾞﾎﾝﾓﾉ？',
    'おてがみがとどいたけどほんものですか',
    '届いた通知の内容がよく分からない',
    '郵便で案内が来たが信用していいのか',
    'お詫び状が届いた理由を知りたい',
    '家族宛てに通知が届きました',
  ],
  // Stop sending me mail, stop using my data.
  'stop-use': [
    'ダイレクトメールを止めてほしい',
    '私の情報をもう使わないでください',
    'DMの送付を停止して',
    'ﾒｰﾙﾏｶﾞｼﾞﾝﾉﾊｲｼﾝｦﾄﾒﾃ',
    'めるまがをとめてください',
    '広告メールの配信を止めてもらえますか',
    '個人情報の利用を停止してほしい',
    '今後一切連絡しないでほしい',
    'カタログを送らないでください',
  ],
  // What should I do now?
  'what-to-do': [
    '私は何をすればいいですか',
    '今後気をつけることはありますか',
    'なにをしたらいいのかわからない',
    'ﾄﾞｳｼﾀﾗｲｲﾉ？',
    '被害を防ぐために自分でできることは',
    '二次被害にあわないためにはどうすれば',
    '注意すべき点を教えてください',
    'とりあえず何か手続きが必要ですか',
    '警察に届けたほうがいいですか',
  ],
  // Press.
  media: [
    '新聞社ですが取材をお願いしたい',
    'テレビ局の者ですがコメントをいただけますか',
    '記者会見の予定はありますか',
    '報道関係の問い合わせ窓口はどこですか',
    '雑誌の取材で詳しく伺いたい',
    'ｼｭｻﾞｲﾉｵﾈｶﾞｲ',
    '広報の担当者につないでください',
    'ニュースサイトの記者です',
  ],
  // What are you doing so it does not happen again?
  prevention: [
    '再発防止策はどうなっていますか',
    '今後の対策を教えてください',
    'さいはつぼうしはどうするの',
    'ｺﾝｺﾞﾉﾀｲｻｸﾊ？',
    'セキュリティは強化したのですか',
    '同じことが起きないようにしてほしい',
    'もう二度と起きないと言い切れるのか',
    'どんな対策をとったのか説明して',
  ],
};

const BASE = Date.UTC(2026, 10, 20, 0, 0, 0);

/**
 * Interleaved by topic (one of each in turn), one every 3 minutes from 2026-11-20 09:00
 * JST, so arrival order mixes topics as a real day does.
 */
export const LABELLED_ENQUIRIES: LabelledEnquiry[] = (() => {
  const lists = Object.entries(RAW);
  const out: LabelledEnquiry[] = [];
  const longest = Math.max(...lists.map(([, l]) => l.length));
  for (let i = 0; i < longest; i++) {
    for (const [topic, list] of lists) {
      const text = list[i];
      if (text === undefined) continue;
      const n = out.length;
      out.push({ id: `L${String(n + 1).padStart(3, '0')}`, topic, text, at: new Date(BASE + n * 3 * 60_000).toISOString() });
    }
  }
  return out;
})();

/**
 * Pairwise precision, recall and F1 of a grouping against the labels: a pair of enquiries
 * is a true positive when both are in one group and share a topic. The measure issue 15
 * states its targets in.
 */
export function pairwiseScores(groups: readonly { memberIds: readonly string[] }[], labelled: readonly { id: string; topic: string }[]): { precision: number; recall: number; f1: number; groups: number } {
  const topic = new Map(labelled.map((e) => [e.id, e.topic]));
  let tp = 0;
  let predicted = 0;
  for (const g of groups) {
    const ids = g.memberIds.filter((id) => topic.has(id));
    predicted += (ids.length * (ids.length - 1)) / 2;
    // Pairs within one topic, counted per topic: linear, so 100k enquiries score in a blink.
    const inGroup = new Map<string, number>();
    for (const id of ids) inGroup.set(topic.get(id)!, (inGroup.get(topic.get(id)!) ?? 0) + 1);
    for (const n of inGroup.values()) tp += (n * (n - 1)) / 2;
  }
  const sizes = new Map<string, number>();
  for (const e of labelled) sizes.set(e.topic, (sizes.get(e.topic) ?? 0) + 1);
  let actual = 0;
  for (const n of sizes.values()) actual += (n * (n - 1)) / 2;
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = actual === 0 ? 1 : tp / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, groups: groups.length };
}
