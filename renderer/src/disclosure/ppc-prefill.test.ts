import { describe, expect, it } from 'vitest';
import type { Totals } from '../../../shared/contacts/fallback';
import { foldAll } from '../../../shared/events/projection';
import { encodeHlc } from '../../../shared/events/hlc';
import type { HonbuEvent } from '../../../shared/events/event';
import { FULL_FACTS } from '../../../shared/disclosure/fixtures';
import { defaultNoticeSections, noticesProjection } from '../../../shared/disclosure/notice';
import { disclosureProjection, type ContactLogEntry } from '../../../shared/disclosure/regulator';
import { defaultSections } from '../../../shared/disclosure/statement';
import { statementsProjection } from '../../../shared/disclosure/statement-events';
import { EMPTY_REPORT, type Incident, type Report } from '../../../shared/incident/model';
import { tFor } from './doc-lang';
import { ppcPrefill } from './ppc-prefill';

const at = (iso: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'dev' });
const ev = (iso: string, type: string, payload: unknown): HonbuEvent => ({ id: `${type}-${iso}`, incidentId: 'i1', at: at(iso), actor: 'p1', type, payload });

const incident = {
  id: 'i1',
  title: '社内用の件名',
  scenario: 'unauthorised-access',
  summary: '委託先が運営するECサイトにSQLインジェクション。',
  facts: { ...FULL_FACTS, itemsLeaked: ['name', 'email', 'creditCard'] },
  closing: { prevention: { vulnerability: { measures: 'WAF を導入し、四半期ごとに診断する', owner: '情報システム部', dueAt: null } }, pdca: [] },
} as unknown as Incident;

const first: Report = { id: 'i1:1', incidentId: 'i1', number: 1, at: at('2026-11-20T01:00:00Z'), actor: 'p1', fields: { ...EMPTY_REPORT, foundBy: 'カード会社', foundWhere: '決済代行の不正検知', actionsSoFar: 'サイトを停止' } };
const second: Report = { id: 'i1:2', incidentId: 'i1', number: 2, at: at('2026-11-22T01:00:00Z'), actor: 'p1', fields: { ...EMPTY_REPORT, cause: 'ECサイトの脆弱性', rootCause: 'パッチ適用を委託先任せにしていた' } };

const statements = [...foldAll(statementsProjection, [
  ev('2026-12-01T01:00:00Z', 'disclosure.statement-drafted', { version: 1, sections: defaultSections() }),
  ev('2026-12-01T01:10:00Z', 'disclosure.statement-approved', { version: 1, approverId: 'p1', approvedBy: '社長', sections: defaultSections(), factsSnapshot: incident.facts }),
  ev('2026-12-01T01:20:00Z', 'disclosure.statement-published', { version: 1 }),
]).values()];
const notices = [...foldAll(noticesProjection, [
  ev('2026-12-01T02:00:00Z', 'disclosure.notice-drafted', { version: 1, sections: defaultNoticeSections() }),
  ev('2026-12-01T02:10:00Z', 'disclosure.notice-approved', { version: 1, approverId: 'p1', approvedBy: '社長', sections: defaultNoticeSections(), factsSnapshot: incident.facts }),
]).values()];
const disclosure = foldAll(disclosureProjection, [
  ev('2026-11-30T01:00:00Z', 'disclosure.decision-recorded', { publish: true, why: 'x', channels: ['corporate-site', 'press-release'], timing: { plannedAt: null, note: '' }, decidedBy: '社長', viewpoints: {}, qualitative: [], quantitative: [], clientCoordination: { needed: false, note: '' } }),
]).get('i1')!;
const contactsLog: ContactLogEntry[] = [{ id: 'c1', incidentId: 'i1', party: 'card-company', who: 'A カード 不正対策室', when: '2026-11-20T03:00:00.000Z', notes: '', at: at('2026-11-20T03:00:00Z'), recordedBy: 'p1' }];
const totals: Totals = { rows: 15000, byPhase: { pending: 1000, 'in-progress': 2000, reached: 11500, covered: 500, excluded: 0 }, byChannel: {}, unreachable: 500, excluded: { duplicate: 0, deceased: 0, 'opted-out': 0 } } as unknown as Totals;

describe('item 7: the PPC draft starts from what the app knows', () => {
  const p = ppcPrefill(tFor('ja'), { incident, reports: [first, second], statements, disclosure, notices, contactsLog }, [totals]);

  it('who found it, how, the course of events and the cause come from the reports', () => {
    expect(p.foundBy).toBe('カード会社');
    expect(p.discovery).toBe('決済代行の不正検知で発見。\n発見後の対応：サイトを停止');
    expect(p.course).toBe('委託先が運営するECサイトにSQLインジェクション。');
    expect(p.cause).toBe('ECサイトの脆弱性\n根本原因：パッチ適用を委託先任せにしていた');
  });

  it('5: secondary harm from the items leaked and the card company contacted', () => {
    expect(p.secondaryHarm).toContain('クレジットカード番号が含まれるため、不正利用のおそれがある。');
    expect(p.secondaryHarm).toContain('メールアドレスが含まれるため');
    expect(p.secondaryHarm).toMatch(/カード会社（A カード 不正対策室）に連絡。/);
  });

  it('6: the notice sent and its reach from the contact tracker', () => {
    expect(p.individualResponse).toMatch(/^本人への通知文 第1版（承認済み、/);
    expect(p.individualResponse).toContain('通知の対象 15,000件のうち、連絡がついた方 11,500件、公表による代替措置 500件、連絡中 2,000件、未連絡 1,000件。');
  });

  it('7: publication from the published statements and the decision\'s channels', () => {
    expect(p.publication).toMatch(/第1版（初回の声明）を公表（コーポレートサイト、プレスリリース）。$/);
  });

  it('8: the recurrence plan', () => {
    expect(p.prevention).toBe('脆弱性を見つけて直す（修正の適用・診断）：WAF を導入し、四半期ごとに診断する（担当 情報システム部）');
  });

  it('with nothing known yet the texts are empty, not invented', () => {
    const bare = ppcPrefill(tFor('ja'), { incident: { ...incident, summary: '', closing: undefined, facts: { ...incident.facts, itemsLeaked: ['name'] } }, reports: [], statements: [], disclosure: null, notices: [], contactsLog: [] }, []);
    expect(bare).toEqual({ foundBy: '', discovery: '', course: '', cause: '', secondaryHarm: '', individualResponse: '', publication: '', prevention: '' });
  });
});

describe('a value nobody entered is said so, never an empty bracket or a dash', () => {
  it('a statement published with no channel recorded, and a card company contact with no name', () => {
    for (const [lang, notEntered] of [
      ['ja', '公表の方法は未入力'],
      ['en', 'how it was published: not entered'],
    ] as const) {
      const noName = [{ ...contactsLog[0]!, who: '  ' }];
      const p = ppcPrefill(tFor(lang), { incident, reports: [first, second], statements, disclosure: null, notices, contactsLog: noName }, [totals]);
      expect(p.publication).toContain(notEntered);
      expect(`${p.publication}${p.secondaryHarm}`).not.toMatch(/（—）|（）|\(—\)|\(\)/);
    }
  });
});

