/**
 * The Japanese address split a printing vendor's mail-merge expects: 都道府県, 市区町村,
 * 町域・番地, 建物名・部屋番号 (decision 026). Offline and small: the 47 prefectures, the
 * 20 designated cities (their wards follow), municipality names in which 市/町/村/区/郡
 * occurs before the end (四日市市, 十日町市, 東村山市, 余市郡 …: the only ones a suffix rule cuts
 * wrongly), and the postcode's first three digits for a missing prefecture. No npm package
 * does this offline in a browser worker (see the decision record).
 *
 * Never drops a character: the four fields, joined, are the input with only the whitespace at
 * the cuts left out. When unsure (no prefecture, no municipality found, a cut that looks wrong),
 * everything after the prefecture goes to 町域・番地 and the row is flagged for review.
 */

export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県',
  '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県',
  '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県',
  '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県',
  '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

/** Designated cities (政令指定都市): a ward (区) follows the city. */
const DESIGNATED = new Set([
  '札幌市', '仙台市', 'さいたま市', '千葉市', '横浜市', '川崎市', '相模原市', '新潟市', '静岡市', '浜松市',
  '名古屋市', '京都市', '大阪市', '堺市', '神戸市', '岡山市', '広島市', '北九州市', '福岡市', '熊本市',
]);

/**
 * Municipalities and districts (郡) whose name holds 市, 町, 村, 区 or 郡 before its end, so the
 * shortest-suffix rule would cut them short (or, for 郡山市 / 大和郡山市, take them for a 郡).
 * Matched first, longest first.
 */
const TRICKY = [
  // 市 inside the name
  '四日市市', '廿日市市', '野々市市', '市川市', '市原市', '上市町', '市川三郷町', '市貝町', '市川町', '余市町',
  // 町 inside the name
  '町田市', '大町市', '十日町市', '大町町',
  // 村 inside the name
  '村山市', '東村山市', '武蔵村山市', '村上市', '羽村市', '田村市', '大村市', '村田町', '玉村町',
  // 郡 that hold 村 or 市, and cities that hold 郡
  '西村山郡', '北村山郡', '東村山郡', '余市郡', '田村郡', '郡山市', '大和郡山市', '郡上市', '小郡市',
];

const TRICKY_SORTED = [...TRICKY].sort((a, b) => b.length - a.length);

/** 3-digit postcode prefixes → prefecture index; ranges that cross a border are left out. */
const POSTCODE_RANGES: readonly [number, number, number][] = [
  [1, 9, 0], [10, 19, 4], [20, 29, 2], [30, 39, 1], [40, 99, 0],
  [100, 208, 12], [210, 259, 13], [260, 299, 11], [300, 319, 7], [320, 329, 8],
  [330, 369, 10], [370, 379, 9], [380, 399, 19], [400, 409, 18], [410, 439, 21],
  [440, 497, 22], [499, 499, 22], [500, 509, 20], [510, 518, 23], [520, 529, 24],
  [530, 599, 26], [600, 629, 25], [630, 639, 28], [640, 649, 29], [650, 679, 27],
  [680, 689, 30], [690, 699, 31], [700, 719, 32], [720, 739, 33], [740, 759, 34],
  [760, 769, 36], [770, 779, 35], [780, 789, 38], [790, 799, 37], [800, 839, 39],
  [840, 849, 40], [850, 859, 41], [860, 869, 42], [870, 879, 43], [880, 889, 44],
  [890, 899, 45], [900, 909, 46], [910, 919, 17], [920, 929, 16], [930, 939, 15],
  [940, 959, 14], [960, 979, 6], [980, 989, 3], [990, 999, 5],
];

export interface AddressSplit {
  postcode: string;
  prefecture: string;
  city: string;
  town: string;
  building: string;
  /** Set when the split is unsure and a person should look at the row before printing. */
  review: boolean;
  /** The prefecture came from the postcode, not from the address. */
  prefectureFromPostcode: boolean;
}

/** 7 ASCII digits from a postcode as typed (〒, full-width digits, any dash), or '' when it is not 7 digits. */
export function postcode7(input: string): string {
  const digits = input.normalize('NFKC').replace(/[〒\s\-‐‑‒–—―−ー－]/g, '');
  return /^\d{7}$/.test(digits) ? digits : '';
}

/** The prefecture a postcode belongs to, by its first three digits; '' when unknown or ambiguous. */
export function prefectureOfPostcode(pc7: string): string {
  if (!/^\d{7}$/.test(pc7)) return '';
  const head = Number(pc7.slice(0, 3));
  for (const [lo, hi, i] of POSTCODE_RANGES) if (head >= lo && head <= hi) return PREFECTURES[i]!;
  return '';
}

const SPACE = /^[\s\u3000]+/;

function leadingSpace(s: string): string {
  return SPACE.exec(s)?.[0] ?? '';
}

/** The municipality at the start of `rest` (after the prefecture), or null when none is found. */
function cityOf(rest: string): { city: string; sure: boolean } | null {
  let city = '';
  let sure = true;
  const tricky = TRICKY_SORTED.find((n) => rest.startsWith(n));
  // A district (郡) then its town or village: 余市郡余市町, 西村山郡河北町, 杵島郡大町町.
  const gun = tricky?.endsWith('郡') ? tricky : tricky ? undefined : /^[^\s\d０-９市区町村郡]{1,5}?郡/.exec(rest)?.[0];
  if (gun) {
    const after = rest.slice(gun.length);
    const known = TRICKY_SORTED.find((n) => after.startsWith(n) && /[町村]$/.test(n));
    const town = known ?? /^[^\s\d０-９市区町村郡]{1,5}?[町村]/.exec(after)?.[0];
    if (town) return { city: gun + town, sure: known !== undefined || !/^[市町村]/.test(after.slice(town.length)) };
    if (tricky) return null;
  }
  if (tricky) city = tricky;
  else {
    const m = /^[^\s\d０-９]{1,7}?[市区町村]/.exec(rest);
    if (!m) return null;
    city = m[0];
    // The next character is a suffix again (四日市|市…), or the name begins one of the tricky
    // names (東村|山市, 野々市 written without its 市): the name may be cut short.
    // A ward (区) is never the start of a longer name: 新宿区|市谷本村町 and 荒川区|町屋 are sure.
    if ((!city.endsWith('区') && /^[市町村郡]/.test(rest.slice(city.length))) || TRICKY.some((n) => n !== city && n.startsWith(city))) sure = false;
  }
  if (DESIGNATED.has(city)) {
    const ward = /^[^\s\d０-９市町]{1,4}?区/.exec(rest.slice(city.length));
    if (ward) city += ward[0];
  }
  return { city, sure };
}

const DIGIT = '0-9０-９';
const KANJI_NUM = '〇一二三四五六七八九十百千';
const DASH = '\\-‐‑‒–—―−ー－ｰ';
/** A kanji numeral counts as a number only before one of these (六本木 and 一番町 are names). */
const JOINERS = `丁目|番地の?|番(?![町丁])|号|地割|の(?=[${DIGIT}${KANJI_NUM}])|[甲乙丙](?=[${DIGIT}]|$|[\\s\u3000])|[${DASH}](?=[${DIGIT}])`;
// Sticky (y) expressions matched at an index: no slicing per character on millions of rows.
const RE = {
  candidate: new RegExp(`[${DIGIT}${KANJI_NUM}]`, 'g'),
  arabic: new RegExp(`[${DIGIT}]+`, 'y'),
  kanjiStart: new RegExp(`[${KANJI_NUM}]+(?=丁目|番地|番(?![町丁])|号|地割)`, 'y'),
  kanjiStartHokkaido: new RegExp(`[${KANJI_NUM}]+(?=丁目|番地|番(?![町丁])|号|地割|条)`, 'y'),
  kanjiNext: new RegExp(`[${KANJI_NUM}]+(?=丁目|番|号|地割|条)`, 'y'),
  joiner: new RegExp(`(?:${JOINERS})`, 'y'),
  joinerHokkaido: new RegExp(`(?:${JOINERS}|条[東西南北]?|線[東西南北]?)`, 'y'),
  nameGoesOn: /^(番町|番丁|町|丁(?!目)|通)/,
  lastGoesOn: /丁目$|条[東西南北]?$/,
  moreNumbers: /^[^0-9０-９\s\u3000]+[0-9０-９]/,
  leadPostcode: new RegExp(`^〒?[\\s\u3000]*([${DIGIT}]{3}[${DASH}]?[${DIGIT}]{4})(?![${DIGIT}])[\\s\u3000]*`),
  separator: /^[,、，][\s\u3000]*/,
  /** A dash at the start of the building (神宮前1-2-3 -101), and the dashes and spaces to drop there. */
  leadDash: new RegExp(`^[${DASH}]`),
  leadDashes: new RegExp(`^[${DASH}\\s\u3000]+`),
  /** One expression, not 47 startsWith calls per row (millions of rows). */
  prefecture: new RegExp(`^(?:${PREFECTURES.join('|')})`),
};

function matchAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? null;
}

/**
 * Where 町域・番地 ends in `town`: after the numbering (丁目, 番地, 号, digits joined by dashes or の,
 * 北海道's 条), or null when it has none. A chain ending in 丁目 followed by a name goes on to the
 * next numbers (京都: 二丁目御旅町35).
 */
function numberingEnd(town: string, hokkaido: boolean): { end: number; sure: boolean } | null {
  const joiner = hokkaido ? RE.joinerHokkaido : RE.joiner;
  const kanjiStart = hokkaido ? RE.kanjiStartHokkaido : RE.kanjiStart;
  let found: { end: number; sure: boolean } | null = null;
  RE.candidate.lastIndex = 0;
  for (let m = RE.candidate.exec(town); m; m = RE.candidate.exec(town)) {
    const i = m.index;
    const first = matchAt(RE.arabic, town, i) ?? matchAt(kanjiStart, town, i);
    if (first === null) continue;
    // A number: take the chain of numbers and joiners.
    let j = i + first.length;
    let lastJoiner = '';
    for (;;) {
      const jn = matchAt(joiner, town, j);
      if (jn !== null) {
        j += jn.length;
        lastJoiner = jn;
        continue;
      }
      const num = matchAt(RE.arabic, town, j) ?? matchAt(RE.kanjiNext, town, j);
      if (num === null) break;
      j += num.length;
      lastJoiner = '';
    }
    found = { end: j, sure: true };
    const after = town.slice(j);
    // A name goes on after the number (二丁目御旅町35, 7番町1230, 北海道の1条通8丁目) and more
    // numbers follow before any space → keep going.
    const goesOn = RE.nameGoesOn.test(after) || RE.lastGoesOn.test(lastJoiner);
    if (goesOn && RE.moreNumbers.test(after)) {
      RE.candidate.lastIndex = j;
      continue;
    }
    return found;
  }
  return found;
}

/**
 * Splits an address (and its postcode) into the vendor's fields. Pure and cheap: no tables
 * beyond the constants above, so it runs per row in the export's loop.
 */
export function splitAddress(address: string, postcode = ''): AddressSplit {
  const pc = postcode7(postcode);
  const out: AddressSplit = { postcode: pc, prefecture: '', city: '', town: '', building: '', review: false, prefectureFromPostcode: false };
  let rest = address.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  if (rest === '') return { ...out, review: true };
  // A postcode typed at the start of the address (〒105-0011 東京都…): the postcode, when the
  // postcode column is empty or says the same; when they disagree it stays where it was typed
  // and a person decides.
  const lead = RE.leadPostcode.exec(rest);
  if (lead) {
    const inAddress = postcode7(lead[1]!);
    if (inAddress && (pc === inAddress || postcode.trim() === '')) {
      out.postcode = inAddress;
      rest = rest.slice(lead[0].length);
    } else out.review = true;
  }
  const pref = PREFECTURES.find((p) => rest.startsWith(p));
  if (pref) {
    out.prefecture = pref;
    rest = rest.slice(pref.length);
  } else {
    out.prefecture = prefectureOfPostcode(out.postcode);
    out.prefectureFromPostcode = out.prefecture !== '';
    if (!out.prefecture) out.review = true;
  }
  const space = leadingSpace(rest);
  rest = rest.slice(space.length);
  // The prefecture typed twice (東京都東京都港区…) would become part of the municipality.
  if (pref && RE.prefecture.test(rest)) {
    out.town = rest;
    out.review = true;
    return out;
  }
  const c = cityOf(rest);
  if (!c || !c.sure) {
    out.town = rest;
    out.review = true;
    return out;
  }
  out.city = c.city;
  rest = rest.slice(c.city.length);
  rest = rest.slice(leadingSpace(rest).length);
  const n = numberingEnd(rest, out.prefecture === '北海道');
  if (!n) {
    // No numbering at all: the whole rest is the town; a space in it may hide a building.
    out.town = rest;
    if (/[\s\u3000]/.test(rest)) out.review = true;
    return out;
  }
  const end = n.end;
  out.town = rest.slice(0, end);
  let building = rest.slice(end);
  const gap = leadingSpace(building);
  building = building.slice(gap.length);
  // A comma typed to separate the building (4-2-8,1203 / 4-2-8、サンハイツ) is a cut, like a space.
  building = building.replace(RE.separator, '');
  // A dash left before the room (神宮前1-2-3 -101) is not part of it, and a file cell starting
  // with one would be guarded as a formula ('-101 on the envelope): dropped, and looked at.
  if (RE.leadDash.test(building)) {
    building = building.replace(RE.leadDashes, '');
    out.review = true;
  }
  out.building = building;
  if (!n.sure) out.review = true;
  return out;
}
