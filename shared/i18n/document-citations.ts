/**
 * The project's source documents are numbered 000–004 and cited as "004 §8-⑦" or
 * "seed 000" in code and briefs. Those numbers mean nothing to the team on screen: words
 * shown to people name things as the team says them, and a source, where it matters, in
 * plain words. Tests run every dictionary string and template string through this.
 */
const CITATION = /§|\bseeds?\b|(?<![\d,.\-０-９－])00[0-4](?![\d０-９\-－])|\bDOMAIN\.md\b|\bARCHITECTURE\.md\b/i;

/** The citation found in a string shown to people, or null. */
export function documentCitation(text: string): string | null {
  const m = CITATION.exec(text);
  return m ? m[0] : null;
}
