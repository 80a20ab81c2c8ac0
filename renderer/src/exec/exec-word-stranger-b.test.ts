/**
 * A second tester on the executives' Word file (fe9e77b, 627c686), read back from word/document.xml:
 * a caller's address in 番地 with a building and room, and a date written with hyphens.
 */
import { describe, expect, it } from 'vitest';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { ENQUIRIES, execInput, NOW } from '../../../shared/exec/exec.fixture';
import { execSummary, type ExecInput } from '../../../shared/exec/summary';
import { readDocx } from '../../../shared/export/docx-text';
import type { Enquiry } from '../../../shared/faq/model';
import { tFor } from '../disclosure/doc-lang';
import { execDocument } from './exec-document';

const generated = { at: NOW, who: '山田 花子' };
const groupsOf = (labels: string[]) => labels.map((label, i) => ({ id: `g${i}`, label, labelId: `g${i}`, terms: [], memberIds: Array.from({ length: 10 - i }, (_, k) => `g${i}-${k}`) }));
async function docx(over: Partial<ExecInput>, lang: 'ja' | 'en' = 'ja') {
  return readDocx(await documentDocx(execDocument(tFor(lang), execSummary(execInput(over)), generated)));
}

describe('the most-asked questions in the Word file', () => {
  it("a caller's 番地 address, building and room do not reach the Word file", async () => {
    const d = await docx({ groups: groupsOf(['横浜市中区山下町123番地 グランドビル405号室の山田ですが対象ですか']) });
    expect(d.xml).not.toMatch(/123番地|405号室/);
  });

  it('a date written 2026-12-01 in a question is still readable in the Word file', async () => {
    const tables = (await docx({ groups: groupsOf(['2026-12-01に届いたお詫び状の件']) })).tables;
    const top = tables.find((t) => t[0]?.[0] === '多い質問')!;
    expect(top[1]).toEqual(['2026-12-01に届いたお詫び状の件', '10']);
  });

  it('holds: the per-day row counts an enquiry at 00:00 JST today and leaves out 23:59 JST seven days back', async () => {
    const today = new Date(NOW + 9 * 3600_000).toISOString().slice(0, 10);
    const d7 = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
    const enquiries = [
      { ...ENQUIRIES[0]!, id: 'edge-old', at: `${d7}T23:59:00+09:00` },
      { ...ENQUIRIES[0]!, id: 'edge-today', at: `${today}T00:00:00+09:00` },
    ] as Enquiry[];
    const row = (await docx({ enquiries })).tables.flat().find((r) => r[0] === '日別件数（直近7日）');
    expect(row?.[1]).toBe(`${today.replaceAll('-', '/')} 1件`);
  });
});
