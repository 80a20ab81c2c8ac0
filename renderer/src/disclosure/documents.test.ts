import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY, type CompanyFields } from '../../../shared/company/profile';
import { foldAll } from '../../../shared/events/projection';
import { encodeHlc } from '../../../shared/events/hlc';
import type { HonbuEvent } from '../../../shared/events/event';
import { documentHtml, documentMarkdown, documentText } from '../../../shared/disclosure/document';
import { FULL_FACTS } from '../../../shared/disclosure/fixtures';
import { defaultNoticeSections, noticesProjection } from '../../../shared/disclosure/notice';
import { defaultSections } from '../../../shared/disclosure/statement';
import { statementsProjection } from '../../../shared/disclosure/statement-events';
import type { Facts } from '../../../shared/incident/model';
import { noticeDocument, noticeEmailText, publicNoticeText, statementDocument } from './documents';

const company: CompanyFields = { ...EMPTY_COMPANY, name: '株式会社ハナミズキ', nameEn: 'Hanamizuki Co., Ltd.', representativeTitle: '代表取締役', representative: '花水木 一郎' };
const TITLE = '委託先ECサイトへの不正アクセス（社内用）';
// 2026-12-01 10:00 JST, and the HLCs the store would stamp around then.
const hlc = (iso: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'dev' });
const ev = (at: string, type: string, payload: unknown, actor = 'p1'): HonbuEvent => ({ id: `${type}-${at}`, incidentId: 'i1', at: hlc(at), actor, type, payload });

const facts: Facts = { ...FULL_FACTS, services: 'オンラインストアの会員', confirmedCount: 12000, maxCount: 15000 };
const v1 = [
  ev('2026-12-01T01:00:00Z', 'disclosure.statement-drafted', { version: 1, lang: 'ja', sections: defaultSections('ja') }),
  ev('2026-12-01T01:10:00Z', 'disclosure.statement-approved', { version: 1, approverId: 'p1', approvedBy: '社長 一郎', sections: defaultSections('ja'), factsSnapshot: facts }),
  ev('2026-12-01T01:20:00Z', 'disclosure.statement-published', { version: 1 }),
];
const v2 = [ev('2026-12-03T01:00:00Z', 'disclosure.statement-drafted', { version: 2, lang: 'ja', sections: defaultSections('ja') })];

function statements(events: HonbuEvent[]) {
  return [...foldAll(statementsProjection, events).values()].sort((a, b) => a.version - b.version);
}

describe('item 8: a statement as it goes out', () => {
  it('carries the company, the publication date and no internal stamp', () => {
    const all = statements(v1);
    const doc = statementDocument({ statement: all[0]!, statements: all, facts, company, decision: null, title: TITLE, now: Date.parse('2026-12-05T00:00:00Z') });
    expect(doc).toMatchObject({ date: '2026年12月1日', from: ['株式会社ハナミズキ', '代表取締役 花水木 一郎'], title: '個人情報流出に関するお詫びとお知らせ', draftMark: null, closing: '以上' });
    const text = documentText(doc);
    expect(text).not.toMatch(/第1版|初回の声明|\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
    expect(text).not.toContain(TITLE);
  });

  it('quotes realistic service names without breaking the sentence', () => {
    const names = ['オンラインストアの会員', '公式オンラインショップ「ハナミズキ」', 'ポイントカード会員（2019年以前にご登録）', 'オンラインショップ「ハナミズキ」をご利用のお客様'];
    for (const services of names) {
      const all = statements(v1);
      const doc = statementDocument({ statement: { ...all[0]!, factsSnapshot: { ...facts, services } }, statements: all, facts, company, decision: null, title: TITLE, now: 0 });
      const line = documentText(doc).split('\n').find((l) => l.includes(services))!;
      expect(line).toBe(`対象となるサービス・お客様：${services}`);
      expect(line).not.toMatch(/をご利用のお客様をご利用|会員をご利用/);
    }
  });

  it('a draft says it is a draft, dated when publication is planned', () => {
    const all = statements(v1.slice(0, 1));
    const decision = { timing: { plannedAt: '2026-12-02T03:00:00.000Z', note: '' } } as never;
    const doc = statementDocument({ statement: all[0]!, statements: all, facts, company, decision, title: TITLE, now: 0 });
    expect(doc.draftMark).toBe('下書き（未承認）— このまま公表しないでください');
    expect(doc.date).toBe('2026年12月2日');
  });

  it('an English statement is English throughout, under the English company name', () => {
    const en = statements([ev('2026-12-01T01:00:00Z', 'disclosure.statement-drafted', { version: 1, lang: 'en', sections: defaultSections('en') })]);
    const doc = statementDocument({ statement: en[0]!, statements: en, facts, company, decision: null, title: TITLE, now: Date.parse('2026-12-01T03:00:00Z') });
    expect(doc).toMatchObject({ lang: 'en', date: '1 December 2026', from: ['Hanamizuki Co., Ltd.', '代表取締役 花水木 一郎'], title: 'Apology and notice regarding a personal-data leak', closing: 'End' });
    expect(documentText(doc)).toContain('Services and customers affected: オンラインストアの会員\n');
    expect(documentText(doc)).toContain('for 12,000 of them the leak has been confirmed');
  });
});

describe('an English document signed in English', () => {
  it('uses the representative’s English title and name when the profile has them, and only in English', () => {
    const signed: CompanyFields = { ...company, representativeTitleEn: 'President and CEO', representativeEn: 'Ichiro Hanamizuki' };
    const en = statements([ev('2026-12-01T01:00:00Z', 'disclosure.statement-drafted', { version: 1, lang: 'en', sections: defaultSections('en') })]);
    const doc = statementDocument({ statement: en[0]!, statements: en, facts, company: signed, decision: null, title: TITLE, now: 0 });
    expect(doc.from).toEqual(['Hanamizuki Co., Ltd.', 'President and CEO Ichiro Hanamizuki']);
    const ja = statements(v1);
    expect(statementDocument({ statement: ja[0]!, statements: ja, facts, company: signed, decision: null, title: TITLE, now: 0 }).from).toEqual(['株式会社ハナミズキ', '代表取締役 花水木 一郎']);
  });

  it('a profile saved before the English fields existed still signs (in Japanese), without failing', () => {
    const old = { ...company } as Partial<CompanyFields>;
    delete old.representativeTitleEn;
    delete old.representativeEn;
    const en = statements([ev('2026-12-01T01:00:00Z', 'disclosure.statement-drafted', { version: 1, lang: 'en', sections: defaultSections('en') })]);
    const doc = statementDocument({ statement: en[0]!, statements: en, facts, company: old as CompanyFields, decision: null, title: TITLE, now: 0 });
    expect(doc.from).toEqual(['Hanamizuki Co., Ltd.', '代表取締役 花水木 一郎']);
  });
});

describe('item 9: a follow-up says what changed; a published statement whose facts moved is flagged', () => {
  const raised: Facts = { ...facts, confirmedCount: 12480 };

  it('the 続報 opens with what changed since the published statement, in every export', () => {
    const all = statements([...v1, ...v2]);
    const doc = statementDocument({ statement: all[1]!, statements: all, facts: raised, company, decision: null, title: TITLE, now: 0 });
    expect(doc.title).toBe('個人情報流出に関するお知らせ（続報1）');
    expect(doc.blocks.slice(0, 2)).toEqual([
      { kind: 'heading', text: '前回のお知らせ（2026年12月1日）からの変更点' },
      { kind: 'list', items: ['確定件数：12,000 → 12,480'] },
    ]);
    expect(documentText(doc)).toContain('■ 前回のお知らせ（2026年12月1日）からの変更点\n・確定件数：12,000 → 12,480');
    expect(documentMarkdown(doc)).toContain('## 前回のお知らせ（2026年12月1日）からの変更点\n\n- 確定件数：12,000 → 12,480');
    expect(documentHtml(doc, '')).toContain('<h2>前回のお知らせ（2026年12月1日）からの変更点</h2>\n<ul><li>確定件数：12,000 → 12,480</li></ul>');
    expect(documentText(doc)).toContain('流出が確認されたお客様は12,480名');
  });
});

describe('item 10: notices to individuals are their own documents', () => {
  const drafted = [ev('2026-12-01T01:00:00Z', 'disclosure.notice-drafted', { version: 1, lang: 'ja', sections: defaultNoticeSections('ja') })];
  const notice = () => foldAll(noticesProjection, drafted).get('i1:1')!;
  const input = () => ({ notice: notice(), facts, company, title: TITLE, now: Date.parse('2026-12-01T03:00:00Z') });

  it('■概要 is written for the customer, never the internal title; ■その他 is the desk, never the regulator sentence', () => {
    const text = documentText(noticeDocument(input()));
    expect(text).not.toContain(TITLE);
    expect(text).not.toMatch(/連名|委託先と/);
    expect(text).toContain('■ 概要\n2026年11月20日 10:00、弊社がお預かりしているお客様の個人情報の一部');
    expect(text).toContain('■ その他（お問い合わせ先）\n本件に関するお問い合わせは、専用窓口にて承ります。\n電話番号：0120-000-123');
  });

  it('has a sender, a date and the addressee; the e-mail has a subject and the same words', () => {
    const doc = noticeDocument(input());
    expect(doc).toMatchObject({ to: ['（お名前） 様'], from: ['株式会社ハナミズキ', '代表取締役 花水木 一郎'], date: '2026年12月1日', title: '個人情報流出に関するお詫びとお知らせ' });
    const mail = noticeEmailText(input());
    expect(mail.split('\n')[0]).toBe('件名：【重要】お客様の個人情報に関するお詫びとお知らせ');
    // The greeting is one placeholder for the recipient list's 宛名 column ("name 様", or お客様):
    // never "（お名前） 様", which a mail merge turns into a bare 様 for a customer without a name.
    expect(mail.split('\n')[2]).toBe('（宛名）');
    expect(mail).not.toContain('（お名前）');
    expect(mail).toContain('■ 原因\n原因につきましては現在調査を進めております。');
    expect(mail).toContain('株式会社ハナミズキ');
    expect(publicNoticeText(input())).toContain('ご連絡先が不明等の理由で個別にご連絡できないお客様へ');
  });
});

describe('a placeholder the app does not know (a typo) in a section', () => {
  it('is named in the document, in the document’s language, instead of printed raw', () => {
    for (const [lang, said] of [
      ['ja', '差し込み項目 titel はありません'],
      ['en', 'there is no field called titel'],
    ] as const) {
      const sections = defaultSections(lang).map((s) => (s.key === 'cause' ? { ...s, text: '{{titel}} / {{ confirmedCount }}' } : s));
      const all = statements([ev('2026-12-03T01:00:00Z', 'disclosure.statement-drafted', { version: 1, lang, sections })]);
      const text = documentText(statementDocument({ statement: all[0]!, statements: all, facts, company, decision: null, title: TITLE, now: Date.parse('2026-12-05T00:00:00Z') }));
      expect(text).not.toContain('{{');
      expect(text).toContain(said);
      expect(text).toMatch(/12,000/);
    }
  });
});
