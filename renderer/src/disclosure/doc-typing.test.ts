import { describe, expect, it } from 'vitest';
import { mergeTexts, typingStamps } from './doc-typing';

const s = (cause: string, other = '窓口') => [
  { key: 'cause', text: cause },
  { key: 'other', text: other },
];

describe('the editor keeps what the person types and what it started from', () => {
  const before = s('調査中');
  const started = { 'section.cause': 'a1', 'section.other': 'a1' };

  it('typing kept over words that arrived keeps the stamp it started from; the untouched section takes the new one', () => {
    const typing = s('A の原因');
    const after = s('B の原因', 'B の窓口');
    const stored = { 'section.cause': 'b2', 'section.other': 'b2' };
    expect(mergeTexts(typing, before, after)).toEqual(s('A の原因', 'B の窓口'));
    expect(typingStamps(typing, before, after, started, stored)).toEqual({ 'section.cause': 'a1', 'section.other': 'b2' });
  });

  it('after my own save the typing is the stored text: the save’s stamp is what the next edit starts from', () => {
    const typing = s('A の原因');
    expect(typingStamps(typing, before, typing, started, { 'section.cause': 'a3', 'section.other': 'a1' })).toEqual({ 'section.cause': 'a3', 'section.other': 'a1' });
  });
});
