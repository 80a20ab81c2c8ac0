/**
 * Deterministic customer lists for the benchmark and the end-to-end tests: row i is a
 * pure function of (seed, i), so a test can ask for any row's values without keeping
 * the file. Bytes are produced directly in Shift_JIS (each dictionary word encoded once)
 * because encoding a 100 MB string character by character would dominate the run.
 */
import { encodeCsv } from '../shared/export/csv';

const FAMILY: [string, string][] = [
  ['山田', 'ヤマダ'], ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山本', 'ヤマモト'],
  ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'], ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'], ['石川', 'イシカワ'],
  ['鳳凰院', 'ホウオウイン'], ['勅使河原', 'テシガワラ'], ['東海林', 'ショウジ'], ['小鳥遊', 'タカナシ'],
];
const GIVEN: [string, string][] = [
  ['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['美咲', 'ミサキ'], ['翔太', 'ショウタ'], ['陽菜', 'ヒナ'], ['大輔', 'ダイスケ'],
  ['結衣', 'ユイ'], ['健太', 'ケンタ'], ['さくら', 'サクラ'], ['蓮', 'レン'], ['凛', 'リン'], ['悠真', 'ユウマ'],
  ['恵美子', 'エミコ'], ['誠', 'マコト'], ['由美', 'ユミ'], ['浩二', 'コウジ'], ['凶真郎', 'キョウシンロウ'], ['瑠璃子', 'ルリコ'],
];
const PLACES = [
  '東京都千代田区外神田', '東京都新宿区西新宿', '大阪府大阪市北区梅田', '愛知県名古屋市中村区名駅', '北海道札幌市中央区北一条西',
  '福岡県福岡市博多区博多駅前', '神奈川県横浜市西区みなとみらい', '京都府京都市下京区四条通', '宮城県仙台市青葉区一番町',
  '広島県広島市中区紙屋町', '沖縄県那覇市久茂地', '岡山県岡山市北区駅元町',
];
const SEGMENTS = ['通販', 'アプリ会員', '店舗会員'];
export const FIXTURE_HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号', 'サービス', '最終購入日'];

export interface FixtureRow {
  customerNo: string;
  name: string;
  kana: string;
  postcode: string;
  address: string;
  email: string;
  phone: string;
  segment: string;
  lastPurchase: string;
}

function rand(seed: number, i: number, salt: number): number {
  let t = (seed ^ Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: T[], r: number) => list[Math.floor(r * list.length)]!;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Row i's values before they are joined into texts (the chunk writer copies them as they are). */
function rowParts(i: number, seed: number) {
  const [fam, famKana] = pick(FAMILY, rand(seed, i, 1));
  const [giv, givKana] = pick(GIVEN, rand(seed, i, 2));
  const r = rand(seed, i, 3);
  return {
    fam, giv, famKana, givKana,
    customerNo: `K${pad(i + 1, 9)}`,
    postcode: `${pad(100 + Math.floor(r * 800), 3)}-${pad(Math.floor(rand(seed, i, 4) * 10000), 4)}`,
    place: pick(PLACES, rand(seed, i, 5)),
    chome: String(1 + Math.floor(r * 9)),
    ban: String(1 + (i % 40)),
    go: String(1 + (i % 23)),
    email: i % 11 === 10 ? '' : `c${i.toString(36)}.${seed}@mail${i % 7}.example.jp`,
    phone: i % 17 === 16 ? '' : `0${[90, 80, 70][i % 3]}-${pad(Math.floor(i / 10000) % 10000, 4)}-${pad(i % 10000, 4)}`,
    segment: pick(SEGMENTS, rand(seed, i, 6)),
    lastPurchase: `2026/${1 + (i % 12)}/${1 + (i % 28)}`,
  };
}

/** Row i of the list (0-based). Every 11th customer has no e-mail, every 17th no phone. */
export function fixtureRow(i: number, seed = 1): FixtureRow {
  const p = rowParts(i, seed);
  return {
    customerNo: p.customerNo,
    name: `${p.fam} ${p.giv}`,
    kana: `${p.famKana} ${p.givKana}`,
    postcode: p.postcode,
    address: `${p.place}${p.chome}丁目${p.ban}番${p.go}号`,
    email: p.email,
    phone: p.phone,
    segment: p.segment,
    lastPurchase: p.lastPurchase,
  };
}

const caches = { shift_jis: new Map<string, Uint8Array>(), 'utf-8': new Map<string, Uint8Array>() };
const utf8 = new TextEncoder();
function wordBytes(text: string, encoding: 'shift_jis' | 'utf-8'): Uint8Array {
  const cache = caches[encoding];
  let b = cache.get(text);
  if (!b) cache.set(text, (b = encoding === 'shift_jis' ? encodeCsv(text, 'shift_jis') : utf8.encode(text)));
  return b;
}

/**
 * Shift_JIS (or UTF-8) bytes of rows [from, to), header first when from = 0; CRLF as Excel
 * writes. Written straight into one buffer: ASCII fields byte by byte, Japanese words from a
 * cache of their encoded bytes (a 20M-row list is generated in minutes, not tens of them).
 */
export function fixtureChunk(from: number, to: number, seed = 1, encoding: 'shift_jis' | 'utf-8' = 'shift_jis'): Uint8Array {
  let out = new Uint8Array(Math.max(256, (to - from) * 160));
  let o = 0;
  const room = (n: number) => {
    if (o + n <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, o + n));
    bigger.set(out.subarray(0, o));
    out = bigger;
  };
  const ascii = (text: string) => {
    room(text.length);
    for (let k = 0; k < text.length; k++) out[o++] = text.charCodeAt(k);
  };
  const word = (text: string) => {
    const b = wordBytes(text, encoding);
    room(b.length);
    out.set(b, o);
    o += b.length;
  };
  const byte = (b: number) => {
    room(1);
    out[o++] = b;
  };
  const COMMA = 0x2c;
  const SPACE = wordBytes(' ', encoding);
  const crlf = () => {
    byte(0x0d);
    byte(0x0a);
  };
  if (from === 0) {
    word(FIXTURE_HEADER.join(','));
    crlf();
  }
  for (let i = from; i < to; i++) {
    const p = rowParts(i, seed);
    ascii(p.customerNo); byte(COMMA);
    word(p.fam); room(SPACE.length); out.set(SPACE, o); o += SPACE.length; word(p.giv); byte(COMMA);
    word(p.famKana); room(SPACE.length); out.set(SPACE, o); o += SPACE.length; word(p.givKana); byte(COMMA);
    ascii(p.postcode); byte(COMMA);
    word(p.place); ascii(p.chome); word('丁目'); ascii(p.ban); word('番'); ascii(p.go); word('号'); byte(COMMA);
    ascii(p.email); byte(COMMA);
    ascii(p.phone); byte(COMMA);
    word(p.segment); byte(COMMA);
    ascii(p.lastPurchase);
    crlf();
  }
  return out.slice(0, o);
}

/** The whole list as chunks of 10k rows (a Blob can be built from them without copying). */
export function fixtureChunks(rows: number, seed = 1, encoding: 'shift_jis' | 'utf-8' = 'shift_jis'): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let from = 0; from < rows; from += 10_000) out.push(fixtureChunk(from, Math.min(rows, from + 10_000), seed, encoding));
  return out;
}
