/**
 * What reads like a caller's own details in an FAQ entry (kept apart from the commands so the
 * handover, which checks approved words again, does not import the commands and the event
 * registry with them).
 */
import { COMPANY_FIELDS, type CompanyFields } from '../company/events';
import type { Facts } from '../incident/model';
import { contactDetailSpans } from '../text/contact-details';

/**
 * What reads like a caller's own details in a question or answer: a phone number, an e-mail
 * address, a postcode, an address (a street number after a town, and every form of an
 * address's numbers the shared blanking rules know: 3番地12号, 201号室, グランドビル405,
 * 1-2-3 Ginza, Chuo-ku). An approved entry goes to the call centre's vendor in its workbook,
 * and a question made from a group of enquiries starts as a caller's own words
 * (「090-1234-5678の山田です…」). Numbers the incident's facts hold (the desk's number) and
 * free-dial numbers (0120, 0800, 0570) are the company's, not a caller's; so is text the facts
 * or the company profile hold (its postcode, address, phone, e-mail: the return address a
 * misdelivered letter goes back to), compared as read the same way on both sides (width,
 * dashes typed with the IME's ー, spaces, 〒, 1丁目2番3号 as 1-2-3). Words that only name a
 * detail (住所, 電話番号) are not one.
 */
const DASH = /(?<=\d)[\u2010-\u2015\u2212\u30fc\uff70-](?=[\d(])|(?<=[\d)])[\u2010-\u2015\u2212\u30fc\uff70](?=\d)/g;
const URL = /https?:\/\/\S+/gi;
const PHONE = /(?:\+81[-\s]?(?:\(0\))?|(?<![\d-])\(?0)\d{1,4}\)?[-\s(]?\d{1,4}[-\s)]?\d{3,4}(?![\d-])/g;
/**
 * An e-mail address: a word, @, then a domain ending in a dot and two letters or more
 * (taro@example.jp), none of it a space, a bracket or punctuation that ends a word. Found by
 * emailsIn below, not searched for with a regular expression: one (/[^…]+@[^…]+\.[a-z]{2,}/gi)
 * reads a long run without a space or @ again from every place in it, and 20,000 characters of
 * digits, letters or kanji took a second.
 */
const EMAIL_PART = /[^\s@<>()「」、。,;:]+/g;
const LATIN_LETTER = /^[A-Za-z]$/;
const POSTCODE = /〒\s*\d{3}-?\d{4}|(?<![\d-])\d{3}-\d{4}(?![\d-])/g;
/** A town, then (no digits between) a block and lot: 1-2-3, 1丁目2番3号. Years (2026-12-01) have four digits first. */
const STREET = /[都道府県市区町村郡](?:[^\s、。,\d（()]{0,10}?)(?<!\d)\d{1,3}(?:丁目|-)\d{1,4}(?:番地?|-)\d{0,4}/g;
const digits = (v: string) => v.replace(/\D/g, '');

/** A match of a rule: where it starts in the text read, and its text. */
type Match = { index: number; text: string };

/**
 * The e-mail addresses in `t`, as the rule above says and as a search from the start would find
 * them, each after the one before: a word right before an @ (from the end of the address before
 * it, if that ends inside the word), then the word right after the @ up to the last dot that two
 * letters follow, and every letter after that dot. Each word is read at most twice, once before an
 * @ and once after one.
 */
function emailsIn(t: string): Match[] {
  const words = [...t.matchAll(EMAIL_PART)].map((m) => [m.index, m.index + m[0].length] as const);
  const letter = (i: number) => LATIN_LETTER.test(t[i] ?? '');
  const found: Match[] = [];
  let from = 0;
  for (let k = 0; k + 1 < words.length; k++) {
    const [wordStart, at] = words[k]!;
    const start = Math.max(wordStart, from);
    if (start >= at || t[at] !== '@') continue;
    const [domainStart, domainEnd] = words[k + 1]!;
    if (domainStart !== at + 1) continue;
    // The domain's last dot with two letters after it; not its first character (a name comes before it).
    let dot = domainEnd - 3;
    while (dot > domainStart && !(t[dot] === '.' && letter(dot + 1) && letter(dot + 2))) dot--;
    if (dot <= domainStart) continue;
    let end = dot + 3;
    while (end < domainEnd && letter(end)) end++;
    found.push({ index: start, text: t.slice(start, end) });
    from = end;
  }
  return found;
}

/** The matches of a rule: a regular expression's, searched for with matchAll. */
const matchesOf = (t: string, re: RegExp): Match[] => [...t.matchAll(re)].map((m) => ({ index: m.index, text: m[0] }));

/**
 * `t` with the places in `spans` masked, each code unit with MASK: made once from all of them (masking
 * each as it was judged copied the whole text again for each, and a long answer with thousands of
 * numbers took half a minute).
 */
function masking(t: string, spans: readonly (readonly [number, number])[]): string {
  // How many spans start and end at each place: a place is masked while more have started than ended.
  const opened = new Int32Array(t.length + 1);
  for (const [start, end] of spans) {
    opened[start]! += 1;
    opened[end]! -= 1;
  }
  const parts: string[] = [];
  let open = 0;
  let from = 0;
  for (let i = 0; i <= t.length; i++) {
    const was = open;
    open += opened[i]!;
    if (was === 0 && open > 0) {
      parts.push(t.slice(from, i));
      from = i;
    } else if (was > 0 && open === 0) {
      parts.push(MASK.repeat(i - from));
      from = i;
    }
  }
  parts.push(t.slice(from));
  return parts.join('');
}

/** A phone number's digits as Japan dials them: 10, or 11 for mobile and IP numbers (050–090); never 00… or 010…. */
function phoneLike(match: string): string | null {
  const d = digits(match.replace(/^\+81[-\s]?(?:\(0\))?/, '0'));
  if (/^(00|010)/.test(d)) return null;
  if (d.length === 10 || (d.length === 11 && /^0[5-9]0/.test(d))) return d;
  return null;
}

/** Kana or kanji: every address form of the shared rules but the Western ones has some (丁目, 番地, 号室, ビル). */
const KANA_KANJI = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々]/;
/** An e-mail address as the shared rules find one (taro@…, taro(at)…): left to EMAIL above. */
const EMAIL_LIKE = /[@＠]|[(（[［]\s*at\s*[)）\]］]/i;
/** A room written in English (Room 405, Apt. 3B). */
const ROOM_WORD = /^(?:Room|Rm|Apt|Apartment|Unit|Suite)(?![A-Za-z])/i;
/** A block and lot in digits and dashes (1-2-3, 2-3 before a town in Latin letters). */
const BLOCK_LOT = /^\d+(?:-\d+)+$/;
/**
 * What follows a room word's number when it is a time or a quantity, not a room: 「our support unit
 * 24 hours a day」, 「Suite 3 times」, 「unit 24/7」, 「unit 24-hour」.
 */
const NOT_A_ROOM_AFTER = /^(?:\/7|-?\s*(?:hours?|hrs?|days?|minutes?|mins?|seconds?|weeks?|months?|years?|times?|percent|people|persons|customers|cases|records|calls)(?![A-Za-z]))/i;
/** What the company's own numbers are masked with before the shared rules read the text: no rule takes it in. */
const MASK = '\ufffc';
/** How far past a block and lot the shared rules look for the town after it (1-2-3 Ginza, Chuo-ku). */
const TOWN_AFTER = 100;

/*
 * Address forms the shared rules (shared/text/contact-details.ts) do not know, read in the text as
 * the check reads it (NFKC: half-width digits, a dash between digits a hyphen, an ideographic
 * space a space). They are here, not there: that file's rules are pinned to what they blanked
 * before their rewrite for speed (contact-details-oracle.test.ts). The executives' page blanks
 * them all the same, as it blanks whatever this check finds (shared/exec/caller-details.ts).
 * Each is bounded (no run read again from every place in it).
 */
/** A town's name just before a number: a character ending a town, then up to 10 kanji or katakana (横浜市中区山下町, 世田谷区桜新町). */
const TOWN_BEFORE = '(?:[都道府県市区町村郡字]|北海道)[\\u4e00-\\u9fff々\\u30a1-\\u30fa]{0,10}?';
/** Words with a town's character that are no town (区分3-1, 市場1-2). */
const NOT_A_TOWN = '(?<!区分|区間|市場|市販|都度|都合)';
/** What after a number makes it a count, a date, an amount or a line, not an address. */
const COUNTED_AFTER = '(?![\\d年月日件人名円通回時分歳%つ個台枚社店本冊部点校種週期代位]|-\\d|号線|号機|号車|か所|箇所|ヶ所|カ所|番目)';
/** A lot and number with a dash after a town, two parts (横浜市中区山下町3-12, 山下町279-25); three are the shared rules' block and lot. */
const TOWN_LOT = new RegExp(`${TOWN_BEFORE}${NOT_A_TOWN}\\d{1,5}(?:-\\d{1,5})+${COUNTED_AFTER}`, 'g');
/** The numbers of an address joined by の after a town (桜新町1の2の3, 山下町12の3). */
const TOWN_NO = new RegExp(`${TOWN_BEFORE}${NOT_A_TOWN}\\d{1,5}(?:の\\d{1,5}){1,3}${COUNTED_AFTER}`, 'g');
/** A room with a space (an ideographic one, as typed with an IME) before 号室: ２０１ 号室. */
const ROOM_SPACED = /(?<![\d-])(?:\d{1,4}-)?\d{1,5} +号室/g;
/** A building's word, then its name, then the room (メゾン銀座201, コーポ山田201, グリーンハイツB-203). */
const BUILDING_NAMED = new RegExp(
  `(?:ビル|マンション|ハイツ|コーポ|レジデンス|ハイム|メゾン|アパート|パレス|ヒルズ|タワー|荘)[\\u4e00-\\u9fff々\\u30a1-\\u30fa\\u30fc]{0,8} *(?:[A-Za-z]-?)?\\d{1,5}(?:-\\d{1,5})?(?:号室|号|階|F)?${COUNTED_AFTER}`,
  'g',
);

/**
 * Where the address forms above are in `masked` (the text as read, the company's numbers masked).
 * A match after a town starts at the town's last character's end (the 市 of 横浜市 is not said).
 */
function moreAddressSpans(masked: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const re of [TOWN_LOT, TOWN_NO]) {
    for (const m of masked.matchAll(re)) spans.push([m.index + (KANA_KANJI.test(m[0].slice(1)) ? 1 : 0), m.index + m[0].length]);
  }
  for (const re of [ROOM_SPACED, BUILDING_NAMED]) for (const m of masked.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/**
 * The address parts of a caller's details as the shared blanking rules find them
 * (shared/text/contact-details.ts, the rules of the executives' page and an alert's title), in
 * `t` with the company's numbers masked. Only the rules for an address are taken: the FAQ's
 * own rules above decide phone numbers, e-mail addresses and other numbers (a receipt number
 * the company asks callers to have ready stays approvable, as before). A number alone before a
 * town in Latin letters is not taken either: in an English answer it is a time or a count
 * (「from 9 AM to 6 PM Japan time」).
 */
function addressesIn(t: string, masked: string): string[] {
  const rules = { minDigits: Number.POSITIVE_INFINITY, keepDatesAndAmounts: true };
  const shared = contactDetailSpans(masked, rules).filter(([start, end]) => {
    const s = t.slice(start, end);
    if (EMAIL_LIKE.test(s)) return false;
    return (
      KANA_KANJI.test(s) ||
      (ROOM_WORD.test(s) && !NOT_A_ROOM_AFTER.test(t.slice(end))) ||
      // Digits and dashes are an address's block and lot, or a member's number after its label
      // (会員番号 0100-0001-234): with the text before it cut off, only a block and lot is still found.
      (BLOCK_LOT.test(s) && contactDetailSpans(masked.slice(start, end + TOWN_AFTER), rules).some(([a, b]) => a === 0 && b === end - start))
    );
  });
  const spans = [...shared, ...moreAddressSpans(masked)];
  // Several rules find one address (3番地12号 as a street number and as a lot): each is said once.
  const merged: [number, number][] = [];
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0] || b[1] - a[1])) {
    const last = merged.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => t.slice(start, end));
}

/** Text as the check reads it: compatibility forms (full width) folded, a dash between digits a hyphen. */
/**
 * Whether `text` holds `part` with its numbers whole: 丸の内1-1-1 is not the company's 丸の内1-1-10,
 * nor 1番2号 (1-2) its desk phone 0120-111-222. A caller's address passed as the company's goes
 * to the vendor; a number is only the company's where it stands as written there.
 */
function holdsWhole(text: string, part: string): boolean {
  const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  const startsWithDigit = digit(part[0]);
  const endsWithDigit = digit(part[part.length - 1]);
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
    const end = at + part.length;
    // A number goes on past a digit, and past a hyphen and a digit (3-12 is not the company's 3-12-1).
    if (startsWithDigit && (digit(text[at - 1]) || (text[at - 1] === '-' && digit(text[at - 2])))) continue;
    if (endsWithDigit && (digit(text[end]) || (text[end] === '-' && digit(text[end + 1])))) continue;
    return true;
  }
  return false;
}

const readAs = (text: string): string => text.normalize('NFKC').replace(DASH, '-');

/**
 * The form a finding and the company's own text are compared in: read as above, without spaces
 * or 〒, and a block and lot in 丁目・番地・番・号 written with hyphens (1丁目1番1号 as 1-1-1),
 * so the return address typed one way in the profile is found in an answer written the other.
 */
function ownKey(text: string, keepGapsBetweenNumbers = false): string {
  const read = readAs(text);
  // The company's text keeps a mark where a space or a 号 parts two numbers (丸の内1-1-1 2F,
  // 1番1号 2F, 1番1号2階, 279番地 5F): its block and lot stay whole when compared (holdsWhole),
  // not read as 1-1-12 or 279-5.
  return (keepGapsBetweenNumbers ? read.replace(/(?<=\d)(?:番地|号)?\s+(?=\d)/g, '|').replace(/(?<=\d)号(?=\d)/g, '|') : read)
    .replace(/[\s〒]/g, '')
    .replace(/(?<=\d)(?:丁目|番地|番)(?=\d)/g, '-')
    .replace(/(?<=\d)(?:番地|号)(?!室)/g, '');
}

/** The company's own words: the incident's facts as text, and the company profile's fields (its address, phone, e-mail). */
function ownTexts(facts: Facts, company?: Partial<CompanyFields> | null): string[] {
  // The profile's fields only: a stored row also carries its clocks and who saved it.
  const profile = COMPANY_FIELDS.map((f) => company?.[f]);
  return [...Object.values(facts), ...profile].flatMap((v) => (typeof v === 'string' && v.trim() !== '' ? [v] : []));
}

/**
 * The text of what reads like a caller's own details in `text`, each as the check read it
 * (readAs); none for the company's own numbers and addresses (the facts, and `company`: the
 * profile the PPC form is filled from).
 */
export function personalDataIn(text: string, facts: Facts, company?: Partial<CompanyFields> | null): string[] {
  const t = text.normalize('NFKC').replace(URL, ' ').replace(DASH, '-');
  const own = ownTexts(facts, company);
  const known = own.map((v) => ownKey(v, true));
  const knownDigits = own.map((v) => digits(readAs(v))).filter((d) => d.length >= 6);
  const isOwn = (found: string) => {
    const key = ownKey(found);
    return key !== '' && known.some((k) => holdsWhole(k, key));
  };
  const found: string[] = [];
  // What the rules below judge (the company's numbers, and what is found already) is masked
  // before the address rules read the text: +81 120-000-000 is no block and lot, and
  // 090-1234-5678 is said once, as a phone number.
  const judged: [number, number][] = [];
  const judge = (m: Match) => judged.push([m.index, m.index + m.text.length]);
  for (const m of matchesOf(t, PHONE)) {
    const d = phoneLike(m.text);
    if (d === null) continue;
    judge(m);
    if (/^(0120|0800|0570)/.test(d) || knownDigits.some((k) => k.includes(d))) continue;
    found.push(m.text);
  }
  for (const [matches, street] of [[emailsIn(t), false], [matchesOf(t, POSTCODE), false], [matchesOf(t, STREET), true]] as const) {
    for (const m of matches) {
      judge(m);
      // A street number is found from the end of the town's word before it (都, 区, 町 …): said from the town's name on.
      const word = street ? m.text.slice(1) : m.text;
      if (!isOwn(word)) found.push(word);
    }
  }
  const masked = masking(t, judged);
  for (const s of addressesIn(t, masked)) if (!isOwn(s)) found.push(s);
  return found;
}

/** A bracket the phone rule takes in (（090-1234-5678 of 山田様（090-1234-5678）) is not part of the words shown, unless it is closed in them: (03)1234-5678. */
function unbracketed(word: string): string {
  const open = /[(（]/.test(word);
  const close = /[)）]/.test(word);
  if (open && !close) return word.replace(/^[(（]\s*/, '');
  // The closing bracket and the spaces before it (what /\s*[)）]$/ takes, without reading a run of spaces again from each of its places).
  if (close && !open) return /[)）]$/.test(word) ? word.slice(0, -1).trimEnd() : word;
  return word;
}

/** One code point as personalDataIn's findings are found again in the text as written: compatibility-decomposed, every dash a hyphen. */
const asCompared = (cp: string): string => cp.normalize('NFKD').replace(/[\u2010-\u2015\u2212\u30fc\uff0d\uff70]/g, '-');

/**
 * A run of spaces with a line end in it as one space. It was a regular expression (spaces, line
 * ends, spaces) that read a run of spaces without one again from each of its places, and a
 * finding can hold a long run: ビル, the spaces, then the room.
 */
const lineEndsAsSpaces = (word: string): string => word.replace(/\s+/g, (spaces) => (/[\r\n]/.test(spaces) ? ' ' : spaces));

/**
 * Where each of `needles` first is in `haystack`, as haystack.indexOf(needle) says (-1 where it is
 * not, and for the empty one), in one reading of the haystack for all of them (Aho–Corasick):
 * indexOf for each read the text again from its start for each finding, and an answer with
 * thousands of them took seconds.
 */
function firstPlaces(haystack: string, needles: readonly string[]): number[] {
  // The needles' trie, node 0 its root, its edges in a table open-addressed on (node, code unit)
  // (a Map keyed by both in one number held a heap number for each edge: a finding of 200,000
  // characters took half a second, mostly in the garbage collector).
  const length = needles.reduce((n, needle) => n + needle.length, 0);
  const size = 2 ** Math.ceil(Math.log2(2 * length + 2));
  const edgeFrom = new Int32Array(size).fill(-1);
  const edgeUnit = new Uint16Array(size);
  const edgeTo = new Int32Array(size);
  const slot = (node: number, unit: number) => {
    let i = (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & (size - 1);
    while (edgeFrom[i] !== -1 && (edgeFrom[i] !== node || edgeUnit[i] !== unit)) i = (i + 1) & (size - 1);
    return i;
  };
  /** The node after `node` on `unit`, or -1. */
  const step = (node: number, unit: number) => {
    const i = slot(node, unit);
    return edgeFrom[i] === -1 ? -1 : edgeTo[i]!;
  };
  // Each node's depth, whether a needle ends there, the code unit on the edge to it, and its
  // children for the breadth-first walk below (the first, and each one's next).
  const depth = new Int32Array(length + 1);
  const ends = new Uint8Array(length + 1);
  const units = new Uint16Array(length + 1);
  const firstKid = new Int32Array(length + 1).fill(-1);
  const nextKid = new Int32Array(length + 1).fill(-1);
  let nodes = 1;
  const nodeOf = needles.map((needle) => {
    if (needle === '') return -1;
    let node = 0;
    for (let i = 0; i < needle.length; i++) {
      const unit = needle.charCodeAt(i);
      const at = slot(node, unit);
      if (edgeFrom[at] === -1) {
        const next = nodes++;
        edgeFrom[at] = node;
        edgeUnit[at] = unit;
        edgeTo[at] = next;
        depth[next] = depth[node]! + 1;
        units[next] = unit;
        nextKid[next] = firstKid[node]!;
        firstKid[node] = next;
      }
      node = edgeTo[at]!;
    }
    ends[node] = 1;
    return node;
  });
  // Each node's longest proper suffix in the trie, nearer nodes first.
  const fail = new Int32Array(nodes);
  const queue: number[] = [];
  for (let kid = firstKid[0]!; kid !== -1; kid = nextKid[kid]!) queue.push(kid);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (let next = firstKid[node]!; next !== -1; next = nextKid[next]!) {
      let f = fail[node]!;
      while (f !== 0 && step(f, units[next]!) === -1) f = fail[f]!;
      fail[next] = Math.max(step(f, units[next]!), 0);
      queue.push(next);
    }
  }
  // Which needle's end is next along the suffixes, skipping the needles found already (joined
  // to their suffix when found, the paths shortened as they are followed): each place in the
  // haystack then costs no more than the needles it finds first.
  const up = new Int32Array(nodes);
  let left = 0;
  for (let node = 1; node < nodes; node++) {
    up[node] = ends[node] ? node : fail[node]!;
    left += ends[node]!;
  }
  const nextEnd = (node: number): number => {
    let top = node;
    while (up[top] !== top) top = up[top]!;
    while (up[node] !== top) {
      const above = up[node]!;
      up[node] = top;
      node = above;
    }
    return top;
  };
  const firstAt = new Int32Array(nodes).fill(-1);
  let state = 0;
  for (let i = 0; i < haystack.length && left > 0; i++) {
    const unit = haystack.charCodeAt(i);
    let next = step(state, unit);
    while (next === -1 && state !== 0) {
      state = fail[state]!;
      next = step(state, unit);
    }
    state = Math.max(next, 0);
    for (let end = nextEnd(state); end !== 0; end = nextEnd(end)) {
      firstAt[end] = i - depth[end]! + 1;
      up[end] = fail[end]!;
      left--;
    }
  }
  return nodeOf.map((node) => (node === -1 ? -1 : firstAt[node]!));
}

/**
 * personalDataIn's findings as written in `text` (its full-width digits, its dashes), each once
 * and in the order they stand, a line end inside one shown as a space: what the approver looks for to take out.
 * A finding that cannot be found again (it never happens for the text it was read from) is
 * given as the check read it.
 */
export function personalDataAsWritten(text: string, found: readonly string[]): string[] {
  let compared = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const cp of text) {
    const c = asCompared(cp);
    for (let k = 0; k < c.length; k++) {
      from.push(i);
      to.push(i + cp.length);
    }
    compared += c;
    i += cp.length;
  }
  // In the order they stand in the text.
  const needles = found.map((f) => [...f].map(asCompared).join(''));
  const first = firstPlaces(compared, needles);
  const words = found
    .map((f, n) => {
      const needle = needles[n]!;
      const at = first[n]!;
      return { at: at === -1 ? Number.POSITIVE_INFINITY : at, word: unbracketed(lineEndsAsSpaces(at === -1 ? f : text.slice(from[at], to[at + needle.length - 1])).trim()) };
    })
    .sort((a, b) => a.at - b.at)
    .map((w) => w.word);
  return [...new Set(words)];
}

/** The words a field was refused for, for the screen to name (Problem params can only be text): one a line. */
export const WORDS_SEPARATOR = '\n';
