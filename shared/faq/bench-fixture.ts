/**
 * Deterministic large fixtures for the FAQ benchmark: a call centre's day after a big
 * leak (thousands of enquiries, a large FAQ), and the measurements that matter to an
 * operator on the phone — how long each keystroke of a search takes — and to the team
 * — how long grouping the whole log takes. Kept out of unit tests: timings there would
 * make tests flaky; the benchmark runner calls benchFaq.
 */
import type { JapaneseAnalyser } from './analyser';
import { groupQuestions } from './grouping';
import { createFaqIndex, searchFaq, type FaqSearchEntry } from './search';
import { seededRandom } from '../testing/seeded-random';

export { seededRandom };

const SERVICES = ['オンラインショップ', '会員サイト', 'スマホアプリ', 'ポイントカード', '定期便', 'ファンクラブ', '旅行予約', '保険の窓口', '通信講座', 'レンタル'];
const ITEMS = ['クレジットカード番号', 'パスワード', 'メールアドレス', '住所', '電話番号', '生年月日', '口座番号', '会員ID', '購入履歴', '配送先', 'ポイント残高', '氏名', 'セキュリティコード', 'ログイン履歴', '家族の情報'];
const ASKS: [string, string][] = [
  ['leaked', '{item}は漏えいしましたか'],
  ['leaked', '{item}も流出していますか'],
  ['leaked', '{item}が漏れたか知りたい'],
  ['change', '{item}を変更したほうがいいですか'],
  ['change', '{item}の変更は必要ですか'],
  ['stop', '{item}の利用を停止すべきですか'],
  ['misuse', '{item}が悪用されていないか心配です'],
  ['confirm', '{item}の確認方法を教えてください'],
];
const GENERAL = [
  'お詫びの品はありますか', '補償はありますか', '問い合わせ窓口の電話がつながらない', '窓口の受付時間を教えてください',
  'なぜ漏えいしたのですか', 'いつ発生したのですか', '何件漏れたのですか', '不審なメールが届きました', '退会したいです',
  '迷惑電話がかかってくる', '自分が対象か知りたい', '新聞社ですが取材をお願いしたい',
];
const ENDINGS = ['', '？', '。', 'ね', '…'];
const HALF = new Map(
  [...'ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンー'].map((c, i) => [
    c,
    'ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁｯﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｰ'[i]!,
  ]),
);

/** Katakana as some keyboards and old systems produce it: half-width, with separate voicing marks. */
export function toHalfWidthKatakana(text: string): string {
  let out = '';
  let afterKatakana = false;
  for (const c of text.normalize('NFD')) {
    const half = HALF.get(c);
    if (afterKatakana && (c === '\u3099' || c === '\u309a')) out += c === '\u3099' ? 'ﾞ' : 'ﾟ';
    else out += half ?? c;
    afterKatakana = half !== undefined;
  }
  // Voicing marks on hiragana stay combined: only katakana has a half-width form.
  return out.normalize('NFC');
}

function toHiraganaText(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

export interface BenchFixture {
  /** `topic` is what the enquiry is really about (item and ask, or the general question). */
  enquiries: { id: string; text: string; at: string; topic: string }[];
  entries: FaqSearchEntry[];
  /** What operators type: full queries, each searched at every keystroke. */
  queries: string[];
}

export function buildBenchFixture(sizes: { enquiries: number; entries: number }, seed = 20261120): BenchFixture {
  const random = seededRandom(seed);
  const entries: FaqSearchEntry[] = [];
  for (let i = 0; i < sizes.entries; i++) {
    const service = SERVICES[i % SERVICES.length]!;
    const item = ITEMS[Math.floor(i / SERVICES.length) % ITEMS.length]!;
    const [topic, ask] = ASKS[Math.floor(i / (SERVICES.length * ITEMS.length)) % ASKS.length]!;
    const round = Math.floor(i / (SERVICES.length * ITEMS.length * ASKS.length));
    const question = i % 25 === 24 ? GENERAL[(i / 25) % GENERAL.length | 0]! : `${service}の${ask.replace('{item}', item)}${round > 0 ? `（${round + 1}）` : ''}`;
    entries.push({
      id: `faq-${String(i).padStart(5, '0')}`,
      question,
      variants: random() < 0.3 ? [`${item}について`, toHiraganaText(item)] : [],
      answer: `${service}をご利用のお客様の${item}については、{{confirmedCount}}件を確認しております。${topic === 'change' ? '念のため変更をお勧めします。' : ''}窓口 {{deskPhone}}（{{deskHours}}）。`,
      category: item,
      state: random() < 0.9 ? 'approved' : 'draft',
    });
  }
  const start = Date.UTC(2026, 10, 20, 0, 0, 0);
  const enquiries: BenchFixture['enquiries'] = [];
  for (let i = 0; i < sizes.enquiries; i++) {
    let text: string;
    let topic: string;
    if (random() < 0.25) {
      text = topic = pick(random, GENERAL);
    } else {
      // Most callers do not say which service; those who do name one of a few.
      const [kind, ask] = pick(random, ASKS);
      const item = pick(random, ITEMS);
      topic = `${kind}:${item}`;
      text = `${random() < 0.3 ? `${pick(random, SERVICES.slice(0, 3))}の` : ''}${ask.replace('{item}', item)}`;
    }
    if (random() < 0.2) text = toHalfWidthKatakana(text);
    else if (random() < 0.1) text = text.replace(/の|は|を|が/g, '');
    enquiries.push({ id: `enq-${String(i).padStart(6, '0')}`, text: text + pick(random, ENDINGS), at: new Date(start + i * 4_000).toISOString(), topic });
  }
  const queries: string[] = [];
  for (let i = 0; i < 100; i++) {
    const item = pick(random, ITEMS);
    const r = random();
    if (r < 0.25) queries.push(item);
    else if (r < 0.45) queries.push(toHalfWidthKatakana(item));
    else if (r < 0.6) queries.push(toHiraganaText(item));
    else if (r < 0.8) queries.push(`${pick(random, SERVICES)} ${item}`);
    else queries.push(pick(random, GENERAL));
  }
  return { enquiries, entries, queries };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface BenchResult {
  enquiries: number;
  entries: number;
  indexBuildMs: number;
  keystrokes: number;
  keystrokeP50Ms: number;
  keystrokeP95Ms: number;
  keystrokeMaxMs: number;
  groupingMs: number;
  /** Grouping again with every enquiry's analysis cached: what the screen pays after one more arrives. */
  regroupMs: number;
  groups: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Builds the fixture, then times index build, every keystroke of every query, and grouping.
 * With an analyser, search and grouping are reading-aware (pass a fresh wrapper to start
 * with nothing cached).
 */
export function benchFaq(
  sizes: { enquiries: number; entries: number } = { enquiries: 10_000, entries: 1_000 },
  seed?: number,
  analyser: JapaneseAnalyser | null = null,
): BenchResult {
  const fixture = buildBenchFixture(sizes, seed);
  let t = performance.now();
  const index = createFaqIndex(fixture.entries, { analyser });
  const indexBuildMs = performance.now() - t;
  const latencies: number[] = [];
  for (const query of fixture.queries) {
    const chars = [...query];
    for (let n = 1; n <= chars.length; n++) {
      const typed = chars.slice(0, n).join('');
      t = performance.now();
      searchFaq(index, typed, { approvedOnly: true });
      latencies.push(performance.now() - t);
    }
  }
  latencies.sort((a, b) => a - b);
  t = performance.now();
  const groups = groupQuestions(fixture.enquiries, { analyser });
  const groupingMs = performance.now() - t;
  t = performance.now();
  groupQuestions(fixture.enquiries, { analyser });
  const regroupMs = performance.now() - t;
  return {
    enquiries: fixture.enquiries.length,
    entries: fixture.entries.length,
    indexBuildMs: round2(indexBuildMs),
    keystrokes: latencies.length,
    keystrokeP50Ms: round2(percentile(latencies, 50)),
    keystrokeP95Ms: round2(percentile(latencies, 95)),
    keystrokeMaxMs: round2(latencies.at(-1) ?? 0),
    groupingMs: round2(groupingMs),
    regroupMs: round2(regroupMs),
    groups: groups.length,
  };
}

/**
 * What the varied enquiries are about: 25 things a caller names (each in three wordings,
 * some in kana) × 12 kinds of question (each in five wordings) = 300 topics. Every pair of
 * things belongs to a different concept of the grouping lexicon, so a topic is a thing
 * and a question, not a word the lexicon folds.
 */
const THINGS: string[][] = [
  ['クレジットカード', 'クレカ', 'カード'], ['パスワード', 'ログインパスワード', 'ぱすわーど'], ['住所', '自宅の住所', 'じゅうしょ'],
  ['お詫びの品', '金券', '商品券'], ['お知らせの手紙', '封書', 'はがき'], ['照会番号', '問い合わせ番号', '受付番号'],
  ['子供の情報', '娘の情報', '息子の情報'], ['ダイレクトメール', 'DM', 'カタログ'], ['ポイント', 'ポイント残高', 'ためたポイント'],
  ['会員アカウント', 'アカウント', 'あかうんと'], ['購入履歴', '注文履歴', '買い物の履歴'], ['配送先', '届け先', '送り先'],
  ['保険証', '健康保険証', 'ほけんしょう'], ['運転免許証', '免許証', 'めんきょしょう'], ['勤務先', '職場', '勤め先'],
  ['スマホアプリ', 'アプリ', '公式アプリ'], ['ホームページ', '公式サイト', 'ウェブサイト'], ['ログイン履歴', 'ログインの記録', 'アクセス履歴'],
  ['家族の情報', '妻の情報', '夫の情報'], ['定期便', '定期購入', 'サブスク'], ['顔写真', 'プロフィール写真', '写真'],
  ['健康診断の結果', '診断結果', '健診データ'], ['旅行の予約', '予約情報', 'りょこうのよやく'], ['車のナンバー', '車両番号', 'ナンバープレート'],
  ['ペットの情報', 'ペットの名前', 'ぺっと'],
];
const QUESTIONS: [string, string[]][] = [
  ['leaked', ['{t}は漏れましたか', '{t}も流出していますか', '{t}が盗まれたか知りたい', '{t}まで漏洩したんですか', 'もしかして{t}も漏れてる？']],
  ['change', ['{t}を変更したほうがいいですか', '{t}は変えるべきでしょうか', '{t}の変更は必要ですか', '念のため{t}を変えたい', '{t}を新しくしたほうがいい？']],
  ['stop', ['{t}の利用を停止したい', '{t}を止めてください', '{t}をいったん止めたほうがいいですか', '{t}の停止はどうすればできますか', 'すぐに{t}を止めてほしい']],
  ['misuse', ['{t}が悪用されていないか心配です', '{t}を勝手に使われたらどうしよう', '{t}の不正利用が怖い', '{t}が悪用される可能性はありますか', '{t}を悪用されたらどうなるの']],
  ['confirm', ['{t}が対象か確認する方法は', '{t}が含まれているか調べてほしい', '{t}が該当するかどうか教えて', '{t}が対象者に入っているか知りたい', '{t}は該当していますか']],
  ['delete', ['{t}を削除してください', '{t}を消してほしい', '{t}のデータを消去して', '{t}を全部消してもらえますか', '{t}の削除を依頼したい']],
  ['when', ['{t}はいつ漏れたのですか', '{t}が流出した時期は', '{t}の漏えいはいつ分かったのですか', 'いつから{t}が漏れていたのか', '{t}がいつ流出したのか教えて']],
  ['why', ['なぜ{t}が漏れたのですか', '{t}が流出した原因は', 'どうして{t}が漏れたんですか', '{t}が漏れた理由を説明して', '{t}の漏えいの原因を知りたい']],
  ['compensation', ['{t}が漏れた補償はありますか', '{t}の件で賠償してほしい', '{t}について慰謝料は出ますか', '{t}が流出した分の補償を求めます', '{t}の被害は弁償してもらえますか']],
  ['not-arrived', ['{t}のことで連絡が届かない', '{t}の件の案内がまだ届いていません', '{t}について何も届かない', '{t}の通知がまだ来てない', '{t}の連絡が届いていないんですが']],
  ['count', ['{t}は何件漏れたのですか', '{t}が流出した件数は', '{t}の漏えいは何人分ですか', '{t}は全部で何件流出したの', '{t}の漏えい件数を教えて']],
  ['what-to-do', ['{t}が漏れたら何をすればいい', '{t}について気をつけることは', '{t}のことで注意すべき点は', '{t}が心配だけど何に注意すれば', '{t}の二次被害を防ぐには']],
];
const OPENINGS = ['', '', '', 'すみません、', 'あの、', 'オンラインショップの会員ですが、', 'お客様より：'];
const CLOSINGS = ['', '？', '。', '…', '！', 'ね', 'よ'];

/**
 * `n` enquiries over the 300 topics of THINGS × QUESTIONS, in varied wordings: a thing's
 * three names, a question's five forms, openings and endings, and a fifth in half-width
 * katakana, some without particles. Topic sizes are skewed (a few things and questions
 * are asked far more), as on a real day.
 */
export function buildVariedEnquiries(n: number, seed = 20261202): { id: string; text: string; at: string; topic: string }[] {
  const random = seededRandom(seed);
  // Skew: the k-th thing or question is drawn with weight 1/(k+1).
  const skewed = <T>(list: readonly T[]): T => {
    const total = list.reduce((s, _, k) => s + 1 / (k + 1), 0);
    let r = random() * total;
    for (let k = 0; k < list.length; k++) if ((r -= 1 / (k + 1)) <= 0) return list[k]!;
    return list.at(-1)!;
  };
  const start = Date.UTC(2026, 10, 20, 0, 0, 0);
  const out: { id: string; text: string; at: string; topic: string }[] = [];
  for (let i = 0; i < n; i++) {
    const names = skewed(THINGS);
    const [kind, forms] = skewed(QUESTIONS);
    let text = pick(random, OPENINGS) + pick(random, forms).replace('{t}', pick(random, names)) + pick(random, CLOSINGS);
    const r = random();
    if (r < 0.2) text = toHalfWidthKatakana(text);
    else if (r < 0.28) text = text.replace(/の|は|を|が/g, '');
    out.push({ id: `var-${String(i).padStart(6, '0')}`, text, at: new Date(start + i * 800).toISOString(), topic: `${kind}:${names[0]}` });
  }
  return out;
}
