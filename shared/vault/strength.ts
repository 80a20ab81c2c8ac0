/**
 * A rough passphrase-strength estimate for the meter on the create-workspace screen.
 * Deliberately simple (character pools × effective length, with penalties for repeats,
 * runs and well-known passwords): it is a nudge, the real protection is Argon2id.
 */
import { MIN_PASSPHRASE_LENGTH } from './vault';

export type StrengthHint = 'too-short' | 'common' | 'repetitive' | 'add-variety';

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  bits: number;
  acceptable: boolean;
  hints: StrengthHint[];
}

const COMMON = [
  'password', 'passw0rd', 'qwerty', 'letmein', 'welcome', 'admin', 'iloveyou', 'monkey',
  'dragon', 'abc123', '123456', '111111', 'honbu', 'secret', 'changeme', 'p@ssw0rd',
];

function poolSize(text: string): number {
  let pool = 0;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/\d/.test(text)) pool += 10;
  if (/[^\w\s\u0080-\uffff]/.test(text) || /_/.test(text)) pool += 33;
  if (/\s/.test(text)) pool += 1;
  // Kana and kanji: thousands of symbols, but people pick common ones.
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) pool += 2000;
  return Math.max(pool, 1);
}

/** Characters that add information: a run like "aaaa" or "1234" counts once. */
function effectiveLength(text: string): number {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  let n = cps.length > 0 ? 1 : 0;
  for (let i = 1; i < cps.length; i++) {
    const d = cps[i]! - cps[i - 1]!;
    const prev = i >= 2 ? cps[i - 1]! - cps[i - 2]! : NaN;
    const inRun = d === 0 || (Math.abs(d) === 1 && d === prev);
    if (!inRun) n++;
  }
  return n;
}

export function passphraseStrength(passphrase: string): Strength {
  const text = passphrase.normalize('NFC');
  const length = [...text].length;
  const lowered = text.toLowerCase();
  const common = COMMON.some((w) => lowered.includes(w));
  const effective = effectiveLength(text);
  let bits = effective * Math.log2(poolSize(text));
  if (common) bits = Math.min(bits, 20);
  const hints: StrengthHint[] = [];
  if (length < MIN_PASSPHRASE_LENGTH) hints.push('too-short');
  if (common) hints.push('common');
  if (effective < length * 0.6) hints.push('repetitive');
  if (poolSize(text) <= 26 && length < 20) hints.push('add-variety');
  const score: Strength['score'] = bits < 28 ? 0 : bits < 40 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  return {
    score,
    bits: Math.round(bits),
    acceptable: length >= MIN_PASSPHRASE_LENGTH && score >= 2 && !common,
    hints,
  };
}
