/**
 * A strict JSON parser (RFC 8259) that remembers where every value and key starts, so an
 * import can say "line 7, column 5" both for a syntax error and for a field that fails
 * validation. JSON.parse cannot do either without relying on the wording of each engine's
 * error messages, and it never says where a valid-but-wrong value is.
 */

export type PathSegment = string | number;

export interface LocatedJson {
  value: unknown;
  /** Offset of the first character of each value, by formatted path ('' is the root). */
  valueAt: Map<string, number>;
  /** Offset of the opening quote of each object member's key, by the member's path. */
  keyAt: Map<string, number>;
  /** Paths of members whose key already appeared in the same object; the last one wins, as in JSON.parse. */
  duplicateKeys: { path: string; key: string }[];
}

export type JsonParseResult =
  | { ok: true; json: LocatedJson }
  | { ok: false; offset: number; message: string };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `template.tasks[3].phase`; keys that are not identifiers are quoted: `a["b c"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) out = appendPath(out, s);
  return out;
}

function appendPath(parent: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${parent}[${segment}]`;
  if (IDENTIFIER.test(segment)) return parent === '' ? segment : `${parent}.${segment}`;
  return `${parent}[${JSON.stringify(segment)}]`;
}

/** 1-based line and column (in UTF-16 units, as editors count them) of offsets in `text`. */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) starts.push(i + 1);
    else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseLocatedJson(text: string, maxDepth = 64): JsonParseResult {
  const valueAt = new Map<string, number>();
  const keyAt = new Map<string, number>();
  const duplicateKeys: { path: string; key: string }[] = [];
  let i = 0;

  const fail = (offset: number, message: string): never => {
    throw new JsonSyntaxError(offset, message);
  };

  const skipWhitespace = (): void => {
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
    }
  };

  // The mistakes people make when editing JSON by hand get their own words wherever they occur.
  const failOnCommonMistake = (): void => {
    const c = text[i];
    if (c === "'") fail(i, '文字列と項目名は「"」（ダブルクォート）で囲んでください。');
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail(i, 'JSONにはコメントを書けません。');
  };

  const unexpected = (): never => {
    if (i >= text.length) return fail(i, 'ファイルが途中で終わっています。');
    failOnCommonMistake();
    const c = text[i] ?? '';
    if (c === '}' || c === ']' || c === ',') return fail(i, `値が必要な位置に「${c}」があります。`);
    WORD.lastIndex = i;
    const word = WORD.exec(text)?.[0];
    if (word) return fail(i, `「${word}」はJSONの値として使えません（文字列なら「"」で囲んでください）。`);
    return fail(i, `予期しない文字「${c}」があります。`);
  };

  const parseString = (): string => {
    const start = i;
    i++;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) return fail(start, '文字列が「"」で閉じられていません。');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c === 0x0a || c === 0x0d) return fail(start, '文字列が「"」で閉じられていません（文字列の途中で改行しています）。');
      if (c < 0x20) return fail(i, '文字列の中に制御文字（タブなど）があります。\\t のように書いてください。');
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(chunk, i);
      const e = text[i + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return fail(i, '「\\u」の後には16進数4桁が必要です。');
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const decoded = ESCAPES[e];
        if (decoded === undefined) return fail(i, `「\\${e}」は使えないエスケープです。`);
        out += decoded;
        i += 2;
      }
      chunk = i;
    }
  };

  const parseNumber = (): number => {
    const start = i;
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    const end = match ? start + match[0].length : start;
    if (!match || /[\w.+-]/.test(text[end] ?? '')) return fail(start, '数値の書き方が正しくありません。');
    i = end;
    return Number(match[0]);
  };

  const parseLiteral = (): boolean | null => {
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i) && !/[\w$]/.test(text[i + word.length] ?? '')) {
        i += word.length;
        return value;
      }
    }
    return unexpected();
  };

  const parseObject = (path: string, depth: number): Record<string, unknown> => {
    const open = i;
    i++;
    const obj: Record<string, unknown> = {};
    const seen = new Set<string>();
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      return obj;
    }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') {
        if (i >= text.length) return fail(open, 'この「{」に対応する「}」がありません。');
        failOnCommonMistake();
        return fail(i, '項目名（「"」で囲んだ文字列）が必要です。');
      }
      const keyStart = i;
      const key = parseString();
      skipWhitespace();
      if (text[i] !== ':') return fail(i, '項目名の後に「:」が必要です。');
      i++;
      const childPath = appendPath(path, key);
      if (seen.has(key)) duplicateKeys.push({ path: childPath, key });
      seen.add(key);
      keyAt.set(childPath, keyStart);
      const value = parseValue(childPath, depth);
      // defineProperty, not assignment: a "__proto__" key must stay data, never a prototype.
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      skipWhitespace();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      if (text[i] === ',') {
        const comma = i;
        i++;
        skipWhitespace();
        if (text[i] === '}') return fail(comma, '最後の項目の後に「,」は書けません。');
        continue;
      }
      if (i >= text.length) return fail(open, 'この「{」に対応する「}」がありません。');
      failOnCommonMistake();
      return fail(i, '前の項目との間に「,」が必要です（または「}」で閉じてください）。');
    }
  };

  const parseArray = (path: string, depth: number): unknown[] => {
    const open = i;
    i++;
    const arr: unknown[] = [];
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      return arr;
    }
    for (;;) {
      arr.push(parseValue(appendPath(path, arr.length), depth));
      skipWhitespace();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      if (text[i] === ',') {
        const comma = i;
        i++;
        skipWhitespace();
        if (text[i] === ']') return fail(comma, '最後の要素の後に「,」は書けません。');
        continue;
      }
      if (i >= text.length) return fail(open, 'この「[」に対応する「]」がありません。');
      failOnCommonMistake();
      return fail(i, '前の要素との間に「,」が必要です（または「]」で閉じてください）。');
    }
  };

  function parseValue(path: string, depth: number): unknown {
    skipWhitespace();
    valueAt.set(path, i);
    const c = text[i];
    if (c === '{' || c === '[') {
      // Bounded so a hostile file cannot exhaust the stack.
      if (depth >= maxDepth) return fail(i, '入れ子が深すぎます。');
      return c === '{' ? parseObject(path, depth + 1) : parseArray(path, depth + 1);
    }
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    return parseLiteral();
  }

  try {
    const value = parseValue('', 0);
    skipWhitespace();
    if (i < text.length) fail(i, 'JSONの終わりの後に余分な文字があります。');
    return { ok: true, json: { value, valueAt, keyAt, duplicateKeys } };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, offset: e.offset, message: e.message };
    throw e;
  }
}
