/**
 * What the document editor keeps of a person's typing when the stored version changes under
 * it (a save here, an edit or an approval on another laptop).
 */
import type { StatementSection } from '../../../shared/disclosure/statement';

/**
 * The stored sections, except where the person's text differs from what they started from:
 * that is their unsaved typing, and it stays.
 */
export function mergeTexts(local: readonly StatementSection[], before: readonly StatementSection[], after: readonly StatementSection[]): StatementSection[] {
  const typed = new Map(local.filter((s) => before.find((b) => b.key === s.key)?.text !== s.text).map((s) => [s.key, s.text]));
  return after.map((s) => (typed.has(s.key) ? { key: s.key, text: typed.get(s.key)! } : s));
}

/**
 * The stamps the person's typing started from: a section whose typing is kept over words
 * that arrived meanwhile keeps the stamp it had when they began (they never saw the new
 * words, so saving over them is an overwrite to tell); every other section takes the stored one.
 */
export function typingStamps(
  local: readonly StatementSection[],
  before: readonly StatementSection[],
  after: readonly StatementSection[],
  started: Readonly<Record<string, string>>,
  stored: Readonly<Record<string, string>>,
): Record<string, string> {
  const out = { ...stored };
  for (const s of local) {
    const key = `section.${s.key}`;
    const typed = before.find((b) => b.key === s.key)?.text !== s.text && after.find((a) => a.key === s.key)?.text !== s.text;
    if (!typed) continue;
    if (started[key] !== undefined) out[key] = started[key];
    else delete out[key];
  }
  return out;
}
