/**
 * A value's JSON with its long lists of 32-bit integers kept apart as integers (int-lists.ts),
 * for what is sealed at rest (events marked `v: 3`, decision 049). A post batch of everyone
 * names 20M rows: as JSON digits its payload is ~170 MB, which took ~2 s to seal and ~2.7 s to
 * write at 20M customers (issue 17); as runs of consecutive rows it is a few bytes.
 *
 * Layout, little-endian: a u32, the JSON's length in bytes; the JSON, `{"m":mark,"v":value}`,
 * each list kept apart replaced by the string mark + its number; zero to three zero bytes, to a
 * multiple of 4; then the lists as int32, one after another, in int-lists' forms.
 */
import { utf8 } from './bytes';
import { fitInts, ListReader, MAX_LIST_LENGTH, planList, putList } from './int-lists';

/** Arrays at least this long (and all 32-bit integers) are kept apart. */
export const LONG_LIST = 1024;

const isLongIntList = (v: unknown): v is number[] => Array.isArray(v) && v.length >= LONG_LIST && fitInts(v);

/**
 * Whether the value may hold a list to keep apart, found without making its JSON: most events
 * hold none, and a vendor's batch of enquiries (hundreds of KB) would otherwise be turned into
 * JSON twice. Only a first look: packJson decides, with JSON.stringify's own rules.
 */
function mayHoldLongIntList(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      // Whether it is all 32-bit integers is left to packJson: a batch of everyone's 20M rows
      // would otherwise be checked twice.
      if (v.length >= LONG_LIST && typeof v[0] === 'number') return true;
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') stack.push(v[i]);
    } else if (v !== null && typeof v === 'object') {
      // toJSON may give a list JSON.stringify would find (no payload has one): let it decide.
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return true;
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === 'object') stack.push(x);
      }
    }
  }
  return false;
}

/** The value packed, or null when it holds no long list of integers (then sealed as JSON, as before). */
export function packJson(value: unknown): Uint8Array<ArrayBuffer> | null {
  if (!mayHoldLongIntList(value)) return null;
  const lists: number[][] = [];
  // A mark no string of the value holds by chance: random, with a NUL (escaped in JSON, rare in text).
  const mark = `\u0000${crypto.getRandomValues(new Uint32Array(2)).join('.')}#`;
  let clash = false;
  // A list longer than unpackJson opens (MAX_LIST_LENGTH), kept apart, would never open again:
  // the value is then sealed as JSON, as a batch record keeps such a list (not walked here).
  let tooLong = false;
  const wrapper = { m: mark, v: value };
  const json = JSON.stringify(wrapper, function (this: unknown, key: string, v: unknown) {
    if (typeof v === 'string' && v.startsWith(mark) && !(this === wrapper && key === 'm')) clash = true;
    if (Array.isArray(v) && v.length > MAX_LIST_LENGTH) {
      tooLong = true;
      return null;
    }
    if (!isLongIntList(v)) return v;
    lists.push(v);
    return `${mark}${lists.length - 1}`;
  });
  if (lists.length === 0 || clash || tooLong) return null;
  const head = utf8(json);
  const pad = (4 - ((4 + head.byteLength) % 4)) % 4;
  const plans = lists.map(planList);
  const ints = plans.reduce((s, p) => s + p.size, 0);
  const out = new Uint8Array(4 + head.byteLength + pad + 4 * ints);
  new DataView(out.buffer).setUint32(0, head.byteLength, true);
  out.set(head, 4);
  const listsAt = 4 + head.byteLength + pad;
  const view = new Int32Array(out.buffer, listsAt, ints);
  let at = 0;
  lists.forEach((xs, i) => (at = putList(view, at, xs, plans[i]!)));
  return out;
}

/** What was packed does not unpack: said, never read past. */
export class PackedJsonError extends Error {
  constructor(what: string) {
    super(`vault: a packed value is damaged (${what})`);
    this.name = 'PackedJsonError';
  }
}

/** How unpackJson gives the lists kept apart: opened into arrays, or left as written (for another thread to open). */
export type ListsAs = 'arrays' | 'written';

/**
 * The value back from packJson's bytes. `lists: 'written'`: each list kept apart comes back as
 * an Int32Array of its own holding the list as int-lists writes it, checked but not opened (for
 * a worker that hands it to the page, which opens it: event-wire.ts).
 */
export function unpackJson(bytes: Uint8Array, lists: ListsAs = 'arrays', maxElements = Infinity): unknown {
  if (bytes.byteLength < 4) throw new PackedJsonError('too short');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + length > bytes.byteLength) throw new PackedJsonError('its text runs past its end');
  const pad = (4 - ((4 + length) % 4)) % 4;
  const listsAt = 4 + length + pad;
  const rest = bytes.byteLength - listsAt;
  if (rest < 0 || rest % 4 !== 0) throw new PackedJsonError('its lists are cut');
  const text = (() => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + length));
    } catch {
      throw new PackedJsonError('its text is not UTF-8');
    }
  })();
  const mark = /^\{"m":("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
  const markText = mark === undefined ? undefined : (JSON.parse(mark) as string);
  if (!markText) throw new PackedJsonError('it has no mark');
  // Int32Array needs an aligned offset: copy when the bytes are a view at an odd place.
  const start = bytes.byteOffset + listsAt;
  const ints = start % 4 === 0 ? new Int32Array(bytes.buffer, start, rest / 4) : new Int32Array(bytes.slice(listsAt).buffer);
  const read = new ListReader(ints, 0, () => new PackedJsonError('a list does not add up'));
  let head: { v?: unknown };
  try {
    head = JSON.parse(text) as typeof head;
  } catch {
    throw new PackedJsonError('its text is not JSON');
  }
  // Its strings in the order they were written (depth first, left to right), so the lists come
  // back in the order their marks were written. Walked with a stack of our own, not a reviver:
  // JSON.parse with a reviver recurses, and refuses a value nested deeper than its stack holds
  // that JSON.stringify wrote (and JSON.parse alone reads back).
  let taken = 0;
  let budget = maxElements;
  const stack: { at: Record<string, unknown> | unknown[]; keys: string[] | null; i: number }[] = [{ at: head, keys: Object.keys(head), i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= (top.keys ?? (top.at as unknown[])).length) {
      stack.pop();
      continue;
    }
    const key = top.keys ? top.keys[top.i]! : top.i;
    top.i++;
    const v = (top.at as Record<string | number, unknown>)[key];
    if (typeof v === 'string') {
      if (!v.startsWith(markText) || v === markText) continue;
      if (Number(v.slice(markText.length)) !== taken) throw new PackedJsonError('a list is out of order');
      taken++;
      // `maxElements`: the integers every list may open to together (what came from another
      // laptop: a 12-byte list saying "33M times 7" must not be made, let alone 64 of them).
      if (lists === 'written') (top.at as Record<string | number, unknown>)[key] = read.takeWritten();
      else {
        const xs = read.take(Math.min(MAX_LIST_LENGTH, budget));
        budget -= xs.length;
        (top.at as Record<string | number, unknown>)[key] = xs;
      }
    } else if (typeof v === 'object' && v !== null) stack.push({ at: v as Record<string, unknown>, keys: Array.isArray(v) ? null : Object.keys(v), i: 0 });
  }
  if (read.at !== ints.length) throw new PackedJsonError('it holds more than its lists');
  return head.v;
}
