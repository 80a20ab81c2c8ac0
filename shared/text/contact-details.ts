/**
 * Blanking a person's contact details in free text typed by people: an alert's title
 * (shared/alerts/message.ts) and a caller's question on the executives' page
 * (shared/exec/summary.ts). One set of rules, so a way of writing an address or a phone
 * number found to slip through one of them is mended for both.
 *
 * A character is blanked when any rule matches it in the text as given, and each run of
 * blanked characters becomes one `replacement`. Names cannot be told from words and stay
 * as written.
 *
 * Every rule reads the text in time linear in its length (no rule reads a run again from each
 * place in it; see RunRule): a title typed or pasted very long is blanked whole, 200,000
 * characters in well under a second (contact-details-linear.test.ts).
 */

/**
 * An e-mail address, also written with spaces around the @ or with a full-width ＠; several
 * joined by @ are one. It takes the characters an address is written in (half- or full-width),
 * so the sentence around it stays (「メールはtaro@example.jpです。」 keeps 「メールは」 and 「です。」).
 */
const EMAIL_CHAR = "[\\w.%+\\-!#$&'*/=?^`{|}~Ａ-Ｚａ-ｚ０-９．＿－]";
const EMAIL = new RegExp(`${EMAIL_CHAR}+(?:\\s*[@＠]\\s*[\\w.\\-Ａ-Ｚａ-ｚ０-９．－]+)+`, 'g');
/** An e-mail address written "(at)", "（at）" or "[at]", as people do to keep it from robots. */
const EMAIL_AT = /[^\s(（]+\s*[(（[［]\s*at\s*[)）\]］]\s*[^\s]+/gi;
/**
 * A code of letters and digits, as member numbers are (A1B2C3D4E5): six characters or more,
 * at least one letter, three digits or more and no fewer digits than letters (so 500000円 is
 * left to the number rule and a name like Office365 stays).
 */
const CODE_CHAR = '[A-Za-zＡ-Ｚａ-ｚ0-9０-９]';
const CODE = new RegExp(`${CODE_CHAR}*[0-9０-９]${CODE_CHAR}*`, 'g');
/**
 * A run of digits (half- or full-width, as an IME types them) with the separators people
 * write in a phone, card, account or reference number: every dash the import's phone check
 * and the reference parser accept (-, U+2010–2015, U+2212 as a Mac input method types it,
 * ー, ｰ, －), dots, commas, 、, slashes, plus signs, brackets, spaces and zero-width characters.
 */
const NUMBER_RUN = /[0-9０-９][0-9０-９\-\u2010-\u2015\u2212\u30fc\uff0d\uff70()（）.．,，、/／+＋\s\u3000\u200b-\u200d\u2060\ufeff]*[0-9０-９]/g;
/** The same without the slashes and commas of a date (2026/12/01) or an amount (12,345,678円): for text that keeps those. */
const NUMBER_RUN_KEEPING_DATES = /[0-9０-９][0-9０-９\-\u2010-\u2015\u2212\u30fc\uff0d\uff70()（）.．+＋\s\u3000\u200b-\u200d\u2060\ufeff]*[0-9０-９]/g;
/**
 * A number read out in kanji numerals (〇九〇ー一二三四ー五六七八, 〇九〇の一二三四の五六七八), six
 * characters or more: 一 and 二 alone are words too.
 */
const KANJI_NUMBER = /[〇零一二三四五六七八九][〇零一二三四五六七八九\-\u2010-\u2015\u2212\u30fc\uff0d\uff70()（）\s\u3000の]{4,}[〇零一二三四五六七八九]/g;

const DIGIT = '0-9０-９';
const DASHES = '\\-\\u2010-\\u2015\\u2212\\u30fc\\uff0d\\uff70';
const LETTER = 'A-Za-zＡ-Ｚａ-ｚ';
/** A label that names the number after it as someone's own: 会員番号, お客様番号, ID, No. …, then は／：／= and spaces; the number is group 1. */
const LABELLED = new RegExp(
  `(?:番号|(?<![${LETTER}])(?:[IiＩｉ][DdＤｄ]|[NnＮｎ][OoＯｏ][.．]?)(?![${LETTER}])|№)[\\s\\u3000]*(?:(?:は|が|を|:|：|=|＝)[\\s\\u3000]*)?` +
    `([${LETTER}${DIGIT}](?:[${LETTER}${DIGIT}]|[${DASHES}](?=[${LETTER}${DIGIT}])|[\\s\\u3000](?=[${DIGIT}]))*)`,
  'g',
);
/**
 * A count, a date or an amount after the label ("番号は3件", "番号が2026年") is not a number of its
 * own: the label's number ends before the digits such a word follows (labelledNumbers).
 */
const COUNTED = /[年月日件人名円通回時分歳%％つ個台枚]/;
/** A label that names its number as a customer's whatever its length: 会員番号, お客様番号, 顧客番号, ID (any code with a digit after it). */
const CUSTOMER_LABEL = /(?:(?:会員|お?客様|顧客)(?:番号|[IiＩｉ][DdＤｄ]|[NnＮｎ][OoＯｏ][.．]?)|(?<![A-Za-zＡ-Ｚａ-ｚ])[IiＩｉ][DdＤｄ])$/;
/**
 * Letters, a dash, digits (K-123456, AB-1234-5678): a member or order number, whatever label is
 * missing. Blanked from 5 digits (a short code such as Q-100 is a product or plan), unless it is a
 * standard's name (ISO-27001) or a product's model (型番AB-1234) — those only where a number of
 * their length is blanked anyway (an alert's title).
 */
const DASHED_CODE = new RegExp(`(?<![${LETTER}${DIGIT}])[${LETTER}]{1,4}[${DASHES}][${DIGIT}]+(?:[${DASHES}][${LETTER}${DIGIT}]+)*(?![${LETTER}${DIGIT}])`, 'g');
/** How many digits make a dashed code a member number when nothing says otherwise. */
const DASHED_CODE_DIGITS = 5;
/**
 * Well-known names of standards, vulnerabilities and the like, letters then digits (ISO-27001,
 * ISO/IEC 27001:2022, RFC 2822, JIS Q 15001, COVID-19, CVE-2026-12345): never a customer's, so
 * where dates are kept (the executives' page) their digits are not read as a number.
 */
const STANDARD = new RegExp(
  `(?<![${LETTER}])(?:ISO(?:/IEC)?|IEC|JIS|RFC|IEEE|ANSI|NIST(?:[\\s-]?SP)?|FIPS|PCI|COVID|SARS|CVE|CWE|ITU(?:-T)?|ECMA)` +
    // Its number never starts with 0 (a phone number does: ISO 090-1234-5678 is blanked), has at
    // most two more parts (ISO 8601-1:2019, CVE-2026-12345) and is not cut short of a further one.
    `(?:[\\s\\u3000${DASHES}/]?[A-Z](?![${LETTER}]))?[\\s\\u3000${DASHES}]?[1-9１-９][${DIGIT}]{0,6}(?:[${DASHES}:.][${DIGIT}]{1,7}){0,2}(?![${LETTER}${DIGIT}]|[${DASHES}:.][${DIGIT}])`,
  'gi',
);
/** A product's model or part number follows (型番AB-1234, 品番：XY123456). */
const MODEL_LABEL = /(?:型番|品番|型式|型名)[\s\u3000]*(?:は|:|：)?[\s\u3000]*$/;
/** A date written with dashes (2026-12-01), kept like one with slashes where dates are kept. */
const DASHED_DATE = new RegExp(`(?<![${DIGIT}${DASHES}])(?:[1１][9９]|[2２][0０])[${DIGIT}]{2}[${DASHES}][${DIGIT}]{1,2}[${DASHES}][${DIGIT}]{1,2}(?![${DIGIT}]|[${DASHES}][${DIGIT}])`, 'g');
/** A date then a time (2026/12/01 10:00): the space between is no separator of one number. */
const DATE_THEN_TIME = new RegExp(`(?<=(?:[1１][9９]|[2２][0０])[${DIGIT}]{2}[/／${DASHES}][${DIGIT}]{1,2}[/／${DASHES}][${DIGIT}]{1,2})[\\s\\u3000](?=[${DIGIT}]{1,2}[:：][${DIGIT}]{2})`, 'g');
/** Digits with の between the groups (090の1234の5678), which the number rule does not join. */
const NO_JOINED_NUMBER = new RegExp(`[${DIGIT}]+(?:の[${DIGIT}]+)+`, 'g');
const NUMERAL_CHAR = `[${DIGIT}〇一二三四五六七八九十]`;
const NUMERAL = `${NUMERAL_CHAR}+`;
/** A block in 丁目, with its lot and number when given: 一丁目二番三号, 1丁目2-3. */
const CHOME = new RegExp(`${NUMERAL}丁目(?:${NUMERAL}(?:番地?|[${DASHES}])(?:${NUMERAL}号?)?)?`, 'g');
/** A street number in 番地 (山下町123番地, 12番地の3, 1-2番地): 番地 names nothing else. */
const BANCHI = new RegExp(`(?:${NUMERAL}[${DASHES}の])*${NUMERAL}番地(?:の?${NUMERAL}号?)?`, 'g');
/** A lot and number (2番3号, 二番三号, 2番地の3号). */
const BAN_GO = new RegExp(`${NUMERAL}番地?の?${NUMERAL}号`, 'g');
/**
 * A street number in 番 or 号 right after a town's name (山下町123番, 中央区5号): kanji and
 * katakana only between, so 「町で一番」 and 「3番目」 stay; 号線, 号機, 号車 are not addresses.
 */
const TOWN_NUMBER = new RegExp(`(?<=(?:[都府県市区町村郡字]|北海道)[\\u4e00-\\u9fff々\\u30a1-\\u30fa]{0,10})[${DIGIT}]{1,5}(?:[${DASHES}][${DIGIT}]{1,5})*(?:番地?|号)(?!目|線|機|車|艦|館)`, 'g');
/** A room (405号室, 2-405号室). */
const ROOM = new RegExp(`(?:${NUMERAL}[${DASHES}])?${NUMERAL}号室`, 'g');
/** A building's name and its room or floor: グランドビル405, コーポ山田… メゾン 201号, 青葉荘3. */
const BUILDING = new RegExp(
  // From the start of a name only, and at most 20 characters of it (each start would read the whole run again).
  `(?:(?<![\\u30a1-\\u30fa\\u30fc・${LETTER}])[\\u30a1-\\u30fa\\u30fc・${LETTER}]{0,20}(?:ビル|マンション|ハイツ|コーポ|レジデンス|ハイム|メゾン|アパート|パレス|ヒルズ|タワー)|[\\u4e00-\\u9fff]{1,4}荘)` +
    `[\\s\\u3000]*[${DIGIT}]{1,5}(?:[${DASHES}][${DIGIT}]{1,5})?(?:号室|号|階|[FＦ])?(?![${DIGIT}]*[年月日件人名円通回時分歳%％社台個枚])`,
  'g',
);
/** A block and lot then a town in Latin letters (1-2-3 Jingumae, Shibuya-ku, Tokyo). */
const WESTERN_ADDRESS = new RegExp(
  `(?<![${DIGIT}${DASHES}])[${DIGIT}]{1,4}(?:[${DASHES}][${DIGIT}]{1,4}){0,3}` +
    `(?=[,\\s]+[A-Z][^\\n。]{0,60}?(?:-(?:ku|shi|cho|machi|mura|gun|ken|fu|to)\\b|\\b(?:Tokyo|Osaka|Kyoto|Hokkaido|Japan)\\b))`,
  'g',
);
/** A block, lot and number with dashes (神宮前1-2-3), however the town is written; a year first (2026-12-01) is a date. */
const BLOCK_LOT = new RegExp(`(?<![${DIGIT}${DASHES}])[${DIGIT}]{1,3}[${DASHES}][${DIGIT}]{1,4}[${DASHES}](?!(?:[1１][9９]|[2２][0０])[${DIGIT}]{2}(?![${DIGIT}]))[${DIGIT}]{1,4}(?![${DIGIT}]|[${DASHES}][${DIGIT}])`, 'g');
/** A room written in English (Room 405, Apt. 3B). */
const ROOM_EN = new RegExp(`(?:(?<![${LETTER}])(?:Room|Rm\\.?|Apt\\.?|Apartment|Unit|Suite)[\\s\\u3000]*)[${DIGIT}]+[A-Z]?(?![${LETTER}${DIGIT}])`, 'gi');

/** How many characters of `text` are of the class `chars` (one character, global): without an array of them (a 200,000-digit run). */
const count = (text: string, chars: RegExp) => text.length - text.replace(chars, '').length;

/**
 * A rule read in time linear in the text. A regular expression's own search tries every place in
 * turn, and a rule that reads a run whole (a run of digits, of numerals and the の between them,
 * of the characters an e-mail address is written in) reads it again from each place in it before
 * failing: seconds on a 20,000-character title, minutes on 200,000. Such a rule matches from
 * inside a run only if it matches from the run's start too (it reads the run to its end either
 * way), so it is tried at a run's start only — and inside a run only where its last match ended;
 * failing there, it fails all along the rest of the run, which is passed over. What it finds is
 * exactly what `text.matchAll(pattern)` finds (contact-details-oracle.test.ts): a rule given to
 * runRule must have that property for the run it is given.
 */
interface RunRule {
  /** The rule, tried only where no run goes on from the character before. */
  fromRunStart: RegExp;
  /** The rule, tried at `lastIndex` only. */
  here: RegExp;
  /** Whether a run goes on from the characters before `lastIndex`. */
  inRun: RegExp;
  /** The run from `lastIndex`: where the rule failed at its start, it fails all along it. */
  run: RegExp;
}

/** `pattern` read run by run: `before`, the end of a run (looked behind); `run`, a run (from its start). */
function runRule(pattern: RegExp, before: string, run: string): RunRule {
  const flags = pattern.flags.replace('g', '');
  return {
    fromRunStart: new RegExp(`(?<!${before})(?:${pattern.source})`, `${flags}g`),
    here: new RegExp(pattern.source, `${flags}y`),
    inRun: new RegExp(`(?<=${before})`, 'y'),
    run: new RegExp(run, 'y'),
  };
}

/** What `text.matchAll(pattern)` finds for the rule `runRule(pattern, …)`, each place read a bounded number of times. */
function* matchesOf(text: string, rule: RunRule): Generator<RegExpExecArray> {
  let at = 0;
  while (at < text.length) {
    let m: RegExpExecArray | null;
    rule.inRun.lastIndex = at;
    if (rule.inRun.test(text)) {
      // Inside a run, where the last match ended: the search starts here.
      rule.here.lastIndex = at;
      m = rule.here.exec(text);
      if (m === null) {
        rule.run.lastIndex = at;
        at = rule.run.test(text) ? rule.run.lastIndex : at + 1;
        continue;
      }
    } else {
      rule.fromRunStart.lastIndex = at;
      m = rule.fromRunStart.exec(text);
      if (m === null) return;
    }
    yield m;
    // Every rule's match has at least one character.
    at = m.index + m[0].length;
  }
}

const EMAIL_RULE = runRule(EMAIL, EMAIL_CHAR, `${EMAIL_CHAR}+`);
const EMAIL_AT_RULE = runRule(EMAIL_AT, '[^\\s(（]', '[^\\s(（]+');
const CODE_RULE = runRule(CODE, CODE_CHAR, `${CODE_CHAR}+`);
const NO_JOINED_NUMBER_RULE = runRule(NO_JOINED_NUMBER, `[${DIGIT}]`, `[${DIGIT}]+`);
const CHOME_RULE = runRule(CHOME, NUMERAL_CHAR, NUMERAL);
const BAN_GO_RULE = runRule(BAN_GO, NUMERAL_CHAR, NUMERAL);
const ROOM_RULE = runRule(ROOM, NUMERAL_CHAR, NUMERAL);
// 番地's run is its numerals and the single dashes or の between them (12の3の4番地): it goes on
// after a numeral, or after a numeral then a dash or の.
const BANCHI_RULE = runRule(BANCHI, `${NUMERAL_CHAR}[${DASHES}の]?`, `${NUMERAL}(?:[${DASHES}の]${NUMERAL})*`);

/** 0-9 or ０-９, by its code unit. */
const isDigit = (unit: number) => (unit >= 0x30 && unit <= 0x39) || (unit >= 0xff10 && unit <= 0xff19);

/**
 * The numbers after a label (LABELLED) and where each starts and ends, as the label's pattern
 * with its old ending `(?![0-9０-９]*[年月日件…])` found them: a number that a count, a date or
 * an amount follows ("番号は3件") ends before the digits that count, and one more character
 * before (the longest part not followed by digits then such a word: its last character is a
 * letter, a dash or a space, never a digit) — or is none, then the search goes on from the
 * label's next character. Found once per label, not once per character given back.
 */
function* labelledNumbers(text: string): Generator<{ at: number; start: number; end: number }> {
  for (let from = 0; ; ) {
    LABELLED.lastIndex = from;
    const m = LABELLED.exec(text);
    if (m === null) return;
    const start = m.index + m[0].length - m[1]!.length;
    let end = m.index + m[0].length;
    if (COUNTED.test(text.charAt(end))) {
      let digits = end;
      while (digits > start && isDigit(text.charCodeAt(digits - 1))) digits--;
      end = digits - 1;
    }
    if (end <= start) {
      from = m.index + 1;
      continue;
    }
    from = end;
    yield { at: m.index, start, end };
  }
}

export interface BlankOptions {
  /** What each blanked run becomes. */
  replacement: string;
  /**
   * How many digits make a number someone's detail. An alert's title has little room and
   * blanks every number of 2 digits or more; the executives' page keeps dates and counts
   * and blanks from 8 (a phone number, a 照会番号). Kanji numerals are counted the same way.
   */
  minDigits: number;
  /**
   * Dates and amounts written with slashes or commas (2026/12/01, 12,345,678円) stay: the
   * executives' page reads them. Such a run of 10 digits or more (a card or phone number) is
   * still blanked.
   */
  keepDatesAndAmounts?: boolean;
}

/**
 * `text` with e-mail addresses, phone and other numbers (in kanji numerals too, read out with の
 * between the groups), member codes (labelled, or letters and digits joined by a dash) and an
 * address's numbers blanked: a block and lot in 丁目 or with dashes (1-2-3), a street number in
 * 番地, or in 番 or 号 after a town, a room (405号室, Room 405) and the building before it
 * (グランドビル405), and a block and lot before a town in Latin letters (1-2-3 Jingumae,
 * Shibuya-ku). Where dates are kept, a date with dashes (2026-12-01) and a standard's name
 * (ISO-27001) are too; a short dashed code (Q-100, fewer than 5 digits) and a product's model
 * after 型番, 品番 or 型式 are kept where a number of their length is. An alert's title (2 digits)
 * keeps none of them.
 */
export function blankContactDetails(text: string, options: BlankOptions): string {
  return blankSpans(text, contactDetailSpans(text, options), options.replacement);
}

/** Where in `text` blankContactDetails blanks (code units; spans may overlap). */
export function contactDetailSpans(text: string, { minDigits, keepDatesAndAmounts = false }: Omit<BlankOptions, 'replacement'>): Span[] {
  // Where dates are kept, one written with dashes is read as one with slashes (same length, so
  // every place found in `scan` is the same place in `text`).
  // A standard's name is masked the same way (ISO-27001, CVE-2026-12345): an alert's title,
  // which keeps no number, still blanks its digits.
  const scan = keepDatesAndAmounts
    ? text
        .replace(DASHED_DATE, (d) => d.replace(new RegExp(`[${DASHES}]`, 'g'), '/'))
        .replace(DATE_THEN_TIME, 'T')
        .replace(STANDARD, (name) => name.replace(/[0-9０-９]/g, 'x'))
    : text;
  const digitsIn = (run: string) => count(run, /[0-9０-９]/g);
  /** A product's model (型番AB-1234), kept where a number of its length is kept. */
  const model = (run: string, at: number) => digitsIn(run) < minDigits && MODEL_LABEL.test(scan.slice(Math.max(0, at - 8), at));
  const code = (run: string, at: number) => {
    const digits = digitsIn(run);
    const letters = run.length - digits;
    return run.length >= 6 && digits >= 3 && letters >= 1 && digits >= letters && !model(run, at);
  };
  const rules: [RegExp | RunRule, (match: string, at: number) => boolean][] = [
    [EMAIL_RULE, () => true],
    [EMAIL_AT_RULE, () => true],
    [CODE_RULE, code],
    [keepDatesAndAmounts ? NUMBER_RUN_KEEPING_DATES : NUMBER_RUN, (run) => digitsIn(run) >= minDigits],
    // Kept dates have 8 digits and amounts rarely more than 9: a longer run with slashes or commas is a card or phone number.
    ...(keepDatesAndAmounts ? [[NUMBER_RUN, (run: string) => digitsIn(run) >= Math.max(minDigits, 10)] as [RegExp, (match: string) => boolean]] : []),
    [KANJI_NUMBER, (run) => count(run.trimEnd(), /[〇零一二三四五六七八九]/g) >= minDigits],
    [DASHED_CODE, (run, at) => digitsIn(run) >= minDigits || (digitsIn(run) >= DASHED_CODE_DIGITS && !model(run, at))],
    [NO_JOINED_NUMBER_RULE, (run) => digitsIn(run) >= minDigits],
    // An address: a block and lot, a street number, a room and the building it is in.
    [CHOME_RULE, () => true],
    [BANCHI_RULE, () => true],
    [BAN_GO_RULE, () => true],
    [TOWN_NUMBER, () => true],
    [ROOM_RULE, () => true],
    [BUILDING, () => true],
    [WESTERN_ADDRESS, () => true],
    [BLOCK_LOT, () => true],
    [ROOM_EN, () => true],
  ];
  const spans: Span[] = [];
  for (const [rule, blanks] of rules) {
    const matches = rule instanceof RegExp ? scan.matchAll(rule) : matchesOf(scan, rule);
    for (const m of matches) if (blanks(m[0], m.index)) spans.push([m.index, m.index + m[0].trimEnd().length]);
  }
  for (const { at, start, end } of labelledNumbers(scan)) {
    const code = scan.slice(start, end);
    const label = scan.slice(Math.max(0, at - 3), start).replace(/[\s\u3000]*(?:(?:は|が|を|:|：|=|＝)[\s\u3000]*)?$/, '');
    // A code of at least four digits (a member number), or any after a customer's label
    // (会員番号はQ-100, ID 12); "番号は3" is a count.
    if (digitsIn(code) >= 4 || (CUSTOMER_LABEL.test(label) && digitsIn(code) >= 1)) spans.push([start, end]);
  }
  return spans;
}

/** A part of a text, from its start to its end (code units). */
export type Span = [number, number];

/** `text` with each run of characters covered by a span replaced by one `replacement`. */
export function blankSpans(text: string, spans: readonly Span[], replacement: string): string {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = '';
  let end = -1; // where the last blank ends (-1: none yet)
  for (const [s, e] of sorted) {
    // A span that starts inside or right at the end of the last blank makes it longer.
    if (s > end) out += text.slice(Math.max(end, 0), s) + replacement;
    end = Math.max(end, e);
  }
  return out + text.slice(Math.max(end, 0));
}
