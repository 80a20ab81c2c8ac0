import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import { tFor } from './doc-lang';
import { disclosureSummary, editedFieldWords } from './timeline-summary';

const ev = (type: string, payload: unknown): HonbuEvent => ({ id: type, incidentId: 'i1', at: '0001', actor: 'p1', type, payload });
const names = (id: string) => ({ 'p-dir': '社長 一郎' })[id] ?? id;

describe('timeline lines for what goes out', () => {
  it('item 3: an approval names the member who approved, by their name', () => {
    const line = disclosureSummary(tFor('ja'), ev('disclosure.statement-approved', { version: 1, approverId: 'p-dir', approvedBy: '旧名', sections: [], factsSnapshot: {} }), names);
    expect(line).toEqual({ summary: '声明文 第1版を承認（承認者 社長 一郎）', phase: 'statement' });
    expect(disclosureSummary(tFor('en'), ev('disclosure.notice-approved', { version: 2, approverId: 'p-dir', approvedBy: 'x', sections: [], factsSnapshot: {} }), names)?.summary).toBe(
      'Notice to individuals version 2 approved (by 社長 一郎)',
    );
  });

  it('item 1: what was typed into the PPC draft is on the timeline, field by field', () => {
    const line = disclosureSummary(tFor('ja'), ev('disclosure.ppc-draft-edited', { changes: { medium: 'electronic', publication: null, other: '警察に相談済み' } }), names);
    expect(line?.summary).toBe('PPC報告の下書きを編集: 媒体 → 電子媒体、公表の実施状況 → 自動入力に戻す、その他参考となる事項 → 警察に相談済み');
  });

  it('a filing with its receipt number; the recurrence plan and PDCA', () => {
    expect(disclosureSummary(tFor('en'), ev('disclosure.report-filed', { kind: 'preliminary', filedAt: '2026-11-22T01:00:00Z', reference: 'R-1' }), names)?.summary).toMatch(
      /^Preliminary report marked as filed \(filed .+, receipt R-1\)$/,
    );
    expect(disclosureSummary(tFor('ja'), ev('incident.prevention-planned', { point: 'vulnerability', measure: { measures: 'WAF を導入', owner: '', dueAt: null } }), names)?.summary).toBe(
      '再発防止策を記録: 脆弱性を見つけて直す（修正の適用・診断） → WAF を導入',
    );
    expect(disclosureSummary(tFor('ja'), ev('faq.entry-drafted', {}), names)).toBeNull();
  });
});

describe('the words of an overwritten field', () => {
  it('names every field of the PPC draft and the premises, with or without a value', () => {
    const t = tFor('ja');
    expect(editedFieldWords(t, 'ppc.stage')).toEqual({ label: '報告の種類', value: '' });
    expect(editedFieldWords(t, 'ppc.stage', 'final').value).toBe('確報');
    expect(editedFieldWords(t, 'settings.contractorName', '株式会社ＸＹＺ')).toEqual({ label: '委託先の名称', value: '株式会社ＸＹＺ' });
  });
});
