/**
 * Our Shift_JIS decoder against the browser's, in the browser (decision 059): every input of
 * one and two bytes, each alone and followed by an ASCII letter, and random bytes cut into
 * random chunks, as a file's stream cuts them. Returns what differed, with the bytes in hex.
 */
import { ShiftJisDecoder } from '../../../../shared/contacts/shift-jis';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
const codes = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16)).join(' ');

export interface ShiftJisReport {
  inputs: number;
  /** How many of them the browser read with at least one U+FFFD: the error steps were exercised. */
  withReplacement: number;
  /** How many gave a character of a pair (not ASCII, not half-width). */
  pairs: number;
  mismatches: { bytes: string; ours: string; browser: string }[];
}

export function compareShiftJis(seed: number, randomBytes: number): ShiftJisReport {
  const browser = new TextDecoder('shift_jis');
  const report: ShiftJisReport = { inputs: 0, withReplacement: 0, pairs: 0, mismatches: [] };
  const check = (bytes: Uint8Array, cuts: readonly number[] = []) => {
    report.inputs++;
    const want = browser.decode(bytes);
    const ours = new ShiftJisDecoder();
    let got = '';
    let at = 0;
    for (const cut of cuts) {
      got += ours.decode(bytes.subarray(at, cut), true);
      at = cut;
    }
    got += ours.decode(bytes.subarray(at), false);
    if (want.includes('\uFFFD')) report.withReplacement++;
    if (bytes.length === 2 && want.length === 1 && want.charCodeAt(0) > 0xff && !(want >= '\uFF61' && want <= '\uFF9F')) report.pairs++;
    if (got !== want && report.mismatches.length < 10) report.mismatches.push({ bytes: hex(bytes.length > 64 ? bytes.subarray(0, 64) : bytes), ours: codes(got.slice(0, 64)), browser: codes(want.slice(0, 64)) });
  };
  for (let a = 0; a < 256; a++) {
    check(Uint8Array.of(a));
    check(Uint8Array.of(a, 0x41));
    for (let b = 0; b < 256; b++) {
      check(Uint8Array.of(a, b));
      check(Uint8Array.of(a, b, 0x41));
      // The same two bytes arriving in two chunks.
      check(Uint8Array.of(a, b, 0x41), [1]);
    }
  }
  // Random bytes: half ASCII (commas and line ends among them), a quarter lead bytes, the rest anything.
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const soup = new Uint8Array(randomBytes);
  for (let i = 0; i < soup.length; i++) {
    const r = next();
    soup[i] = r < 0.5 ? Math.floor(next() * 128) : r < 0.75 ? (next() < 0.5 ? 0x81 + Math.floor(next() * 31) : 0xe0 + Math.floor(next() * 29)) : Math.floor(next() * 256);
  }
  for (let round = 0; round < 20; round++) {
    const cuts: number[] = [];
    for (let at = 0; ; ) {
      at += round % 4 === 0 ? 1 + Math.floor(next() * 3) : 1 + Math.floor(next() * 70_000);
      if (at >= soup.length) break;
      cuts.push(at);
    }
    check(soup, cuts);
  }
  return report;
}
