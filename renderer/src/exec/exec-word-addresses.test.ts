/**
 * A caller's address and a date with dashes in the executives' Word file, read back from
 * word/document.xml (from a tester's re-attack, exec-word-reattack.test.ts, expectations as
 * written).
 */
import { describe, expect, it } from 'vitest';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { execInput, NOW } from '../../../shared/exec/exec.fixture';
import { execSummary, type ExecInput } from '../../../shared/exec/summary';
import { readDocx } from '../../../shared/export/docx-text';
import { tFor } from '../disclosure/doc-lang';
import { execDocument } from './exec-document';

const generated = { at: NOW, who: '山田 花子' };
const groupsOf = (labels: string[]) => labels.map((label, i) => ({ id: `g${i}`, label, labelId: `g${i}`, terms: [], memberIds: Array.from({ length: 10 - i }, (_, k) => `g${i}-${k}`) }));
async function docx(over: Partial<ExecInput>, lang: 'ja' | 'en' = 'ja') {
  return readDocx(await documentDocx(execDocument(tFor(lang), execSummary(execInput(over)), generated)));
}
const topOf = (tables: string[][][]) => tables.find((t) => t[0]?.[0] === '多い質問' || t[0]?.[0] === 'Most asked')!;

describe('the most-asked questions in the Word file', () => {
  it("a caller's 番地 address, building and room, and an address in Western order, do not reach the Word file, in either language", async () => {
    for (const lang of ['ja', 'en'] as const) {
      const d = await docx({ groups: groupsOf(['横浜市中区山下町123番地 グランドビル405号室の山田ですが対象ですか', '1-2-3 Jingumae, Shibuya-ku, Tokyo 150-0001 is my address']) }, lang);
      expect(d.xml).not.toMatch(/123番地|405号室|グランドビル|1-2-3|150-0001/);
    }
    const top = topOf((await docx({ groups: groupsOf(['横浜市中区山下町123番地 グランドビル405号室の山田ですが対象ですか']) })).tables);
    expect(top[1]).toEqual(['横浜市中区山下町＊＊＊ ＊＊＊の山田ですが対象ですか', '10']);
  });

  it('a date written 2026-12-01 and a standard\'s name in a question are still readable in the Word file', async () => {
    const top = topOf((await docx({ groups: groupsOf(['2026-12-01に届いたお詫び状の件', 'ISO-27001と型番AB-1234の件']) })).tables);
    expect(top.slice(1)).toEqual([
      ['2026-12-01に届いたお詫び状の件', '10'],
      ['ISO-27001と型番AB-1234の件', '9'],
    ]);
  });
});
