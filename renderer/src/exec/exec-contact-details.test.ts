/**
 * A caller's phone number or 照会番号 in a question, written with any dash the app's own phone
 * check and reference parser accept, is blanked before the executives' page and its Word file
 * (found by a stranger's probe: U+2212, en dash, ―, dots and zero-width spaces went through).
 */
import { describe, expect, it } from 'vitest';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { execInput } from '../../../shared/exec/exec.fixture';
import { execSummary, withoutContactDetails } from '../../../shared/exec/summary';
import { readDocx } from '../../../shared/export/docx-text';
import { parseReference, referenceNumber } from '../../../shared/contacts/reference';
import { tFor } from '../disclosure/doc-lang';
import { execDocument } from './exec-document';

const generated = { at: Date.parse('2026-12-03T10:00:00+09:00'), who: '山田 花子' };
const g = (label: string, n: number) => ({ id: label, label, labelId: label, terms: [], memberIds: Array.from({ length: n }, (_, i) => `${label}-${i}`) });

const PHONES = {
  minusSign: '090\u22121234\u22125678の田中です。漏れましたか', // U+2212, e.g. typed on a Mac IME / pasted
  halfWidthChoon: '０９０ｰ１２３４ｰ５６７８の鈴木です', // half-width katakana ｰ (U+FF70)
  enDash: '090\u20131234\u20135678に折り返しを', // U+2013
  nonBreakingHyphen: '090\u20111234\u20115678に折り返しを', // U+2011
  horizontalBar: '03\u20151234\u20155678に折り返しを', // U+2015
  dots: '090.1234.5678に連絡ください',
};

const REF = referenceNumber(1, 233); // 0100000234x, as printed on the customer's letter
const REFERENCES = {
  refMinusSign: `照会番号${REF.slice(0, 4)}\u2212${REF.slice(4, 8)}\u2212${REF.slice(8)}の者です`,
  refZeroWidth: `照会番号 ${REF.slice(0, 4)}\u200b${REF.slice(4, 8)}\u200b${REF.slice(8)} です`, // pasted from a chat
};

describe('executives page: contact details in the top questions', () => {
  it.each(Object.entries(PHONES))('%s: blanked before the Word file', async (_k, text) => {
    expect(withoutContactDetails(text)).toContain('＊＊＊');
  });

  it.each(Object.entries(REFERENCES))('%s: a 照会番号 the app itself reads back is blanked', (_k, text) => {
    expect(parseReference(text.replace(/^照会番号\s*/, '').replace(/\s*(の者)?です$/, '')).ok).toBe(true);
    expect(withoutContactDetails(text)).toContain('＊＊＊');
  });

  it('the Word file the executives forward holds none of the callers\' phone numbers', async () => {
    const t = tFor('ja');
    const s = execSummary(execInput({ groups: Object.values(PHONES).map((p, i) => g(p, 10 - i)) }));
    const docx = readDocx(await documentDocx(execDocument(t, s, generated)));
    const top = docx.tables.find((tb) => tb[0]![0] === '多い質問')!;
    const leaked = top.slice(1).filter((r) => /[0-9０-９]{3}\D[0-9０-９]{4}\D[0-9０-９]{4}|[0-9０-９]{2}\D[0-9０-９]{4}\D[0-9０-９]{4}/.test(r[0]!));
    expect(leaked).toEqual([]);
  });
});
