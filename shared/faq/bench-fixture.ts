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

/** mulberry32: tiny, seeded, the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
