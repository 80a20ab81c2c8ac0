import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../incident/render';
import { FACTS, OPTS } from './fixtures';
import { checkRelease, findUnfilled, type OutgoingDocument } from './unfilled';

const live = { title: '会員サイトからの流出', facts: FACTS };

const faq: OutgoingDocument = {
  id: 'faq-publication',
  kind: 'faq-publication',
  title: '公開FAQ',
  parts: [
    { where: '件数は？', template: '確認できたのは{{confirmedCount}}件です。' },
    { where: '問い合わせ先は？', template: '専用窓口までお電話ください。\n電話: {{deskPhone}}（{{deskHours}}）' },
  ],
};

const letter = (text: string): OutgoingDocument => ({ id: 'letters:b1', kind: 'letters', title: '郵便 10,000 件', parts: [{ where: '本文', text }] });

describe('findUnfilled', () => {
  it('names each unfilled fact and every place it is used, with the line', () => {
    const letterText = renderTemplate('お詫び\n\n■ 件数\n{{confirmedCount}}件\n\nお問い合わせ: {{deskPhone}}', live, OPTS).text;
    expect(letterText).toContain('［未確定：問い合わせ窓口の電話番号］');
    const found = findUnfilled([faq, letter(letterText)], live, OPTS);
    expect(found).toEqual([
      {
        fact: 'deskPhone',
        uses: [
          { documentId: 'faq-publication', kind: 'faq-publication', title: '公開FAQ', where: '問い合わせ先は？', line: 2 },
          { documentId: 'letters:b1', kind: 'letters', title: '郵便 10,000 件', where: '本文', line: 6 },
        ],
      },
    ]);
  });

  it('lists several facts in the order of the fact list, each use once', () => {
    const facts = { ...FACTS, confirmedCount: null, deskHours: '' };
    const found = findUnfilled([faq], { ...live, facts }, OPTS);
    expect(found.map((f) => f.fact)).toEqual(['confirmedCount', 'deskPhone', 'deskHours']);
    expect(found.map((f) => f.uses.map((u) => `${u.where}:${u.line}`))).toEqual([['件数は？:1'], ['問い合わせ先は？:2'], ['問い合わせ先は？:2']]);
  });

  it('finds nothing when every quoted fact is known', () => {
    const facts = { ...FACTS, deskPhone: '0120-123-456' };
    expect(findUnfilled([faq, letter(renderTemplate('{{deskPhone}}', { ...live, facts }, OPTS).text)], { ...live, facts }, OPTS)).toEqual([]);
  });

  it('checks a document against the facts it is rendered from (a published statement keeps its snapshot)', () => {
    const statement: OutgoingDocument = {
      id: 'statement:1',
      kind: 'statement',
      title: '第1版',
      parts: [{ where: 'お問い合わせ先', template: '{{deskPhone}}' }],
      context: { ...live, facts: { ...FACTS, deskPhone: '0120-123-456' } },
    };
    expect(findUnfilled([statement], live, OPTS)).toEqual([]);
    expect(findUnfilled([{ ...statement, context: undefined }], live, OPTS).map((f) => f.fact)).toEqual(['deskPhone']);
  });

  it('finds a marker pasted into a template by hand', () => {
    const pasted: OutgoingDocument = { ...faq, parts: [{ where: '窓口', template: '一行目\n電話: ［未確定：問い合わせ窓口の電話番号］' }] };
    expect(findUnfilled([pasted], { ...live, facts: { ...FACTS, deskPhone: '0120-123-456' } }, OPTS)).toEqual([
      { fact: 'deskPhone', uses: [{ documentId: 'faq-publication', kind: 'faq-publication', title: '公開FAQ', where: '窓口', line: 2 }] },
    ]);
  });
});

describe('checkRelease', () => {
  const letterText = renderTemplate('お問い合わせ: {{deskPhone}}（{{deskHours}}）', live, OPTS).text;

  it('blocks every document that carries an unfilled fact', () => {
    const check = checkRelease([faq, letter(letterText)], live, OPTS, []);
    expect(check.blocked.map((b) => [b.fact, b.uses.map((u) => u.documentId)])).toEqual([['deskPhone', ['faq-publication', 'letters:b1']]]);
    expect(check.allowed).toEqual([]);
  });

  it('lets an override through for exactly its facts in its document', () => {
    const overrides = [{ documentId: 'letters:b1', facts: ['deskPhone' as const] }];
    const check = checkRelease([letter(letterText)], live, OPTS, overrides);
    expect(check.blocked).toEqual([]);
    expect(check.allowed.map((a) => a.fact)).toEqual(['deskPhone']);
    // The same gap in another document is not covered.
    expect(checkRelease([faq], live, OPTS, overrides).blocked.map((b) => b.fact)).toEqual(['deskPhone']);
  });

  it('blocks again when another fact goes missing after the override', () => {
    const overrides = [{ documentId: 'letters:b1', facts: ['deskPhone' as const] }];
    const later = { ...live, facts: { ...FACTS, deskHours: '' } };
    const text = renderTemplate('お問い合わせ: {{deskPhone}}（{{deskHours}}）', later, OPTS).text;
    const check = checkRelease([letter(text)], later, OPTS, overrides);
    expect(check.blocked.map((b) => b.fact)).toEqual(['deskHours']);
    expect(check.allowed.map((a) => a.fact)).toEqual(['deskPhone']);
  });
});
