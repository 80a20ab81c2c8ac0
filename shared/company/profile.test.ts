import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import type { Problem } from '../events/command';
import { testContext } from '../events/test-context';
import * as commands from './commands';
import { fieldOverrides } from '../events/field-edits';
import { COMPANY_FIELDS, COMPANY_ROW_ID, EMPTY_COMPANY, companyName, companyProjection, corporateNumberValid, type CompanyFields, type CompanyProfile } from './profile';

// The command takes (context, state, args) and returns every event; this keeps the calls below as they read.
type One = { ok: true; event: { type: string; incidentId: string | null; payload: Record<string, unknown> } } | { ok: false; problems: Problem[] };
const saveCompanyProfile = (current: CompanyFields | null, draft: CompanyFields): One => {
  const r = commands.saveCompanyProfile(testContext(), current, { draft });
  return r.ok ? { ok: true, event: r.events[0]! } : r;
};

const draft: CompanyFields = { ...EMPTY_COMPANY, name: '株式会社ハナミズキ', nameEn: 'Hanamizuki Co., Ltd.', corporateNumber: '７０００－０１２０５０００２', phone: '03-1234-5678', email: 'privacy@example.co.jp', postcode: '100-0001' };

function saved(at: string, changes: Partial<CompanyFields>, actor = 'p1'): HonbuEvent {
  return { id: `c-${at}`, incidentId: null, at, actor, type: 'company.profile-saved', payload: { changes } };
}

describe('company profile', () => {
  it('checks the corporate number (法人番号) by its check digit', () => {
    expect(corporateNumberValid('7000012050002')).toBe(true); // 国税庁
    expect(corporateNumberValid('6000012050002')).toBe(false);
    expect(corporateNumberValid('700001205000')).toBe(false);
  });

  it('saves only what changed, with the corporate number as 13 digits however it was typed', () => {
    const r = saveCompanyProfile(null, draft);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.event).toEqual({
      type: 'company.profile-saved',
      incidentId: null,
      payload: { changes: { name: '株式会社ハナミズキ', nameEn: 'Hanamizuki Co., Ltd.', corporateNumber: '7000012050002', postcode: '100-0001', phone: '03-1234-5678', email: 'privacy@example.co.jp' } },
    });
    const again = saveCompanyProfile({ ...draft, corporateNumber: '7000012050002' }, { ...draft, industry: '小売業' });
    expect(again.ok && again.event.payload.changes).toEqual({ industry: '小売業' });
    expect(saveCompanyProfile({ ...draft, corporateNumber: '7000012050002' }, draft)).toEqual({ ok: false, problems: [] });
  });

  it('refuses a nameless company, a wrong check digit, a bad e-mail or postcode — saying which field', () => {
    const r = saveCompanyProfile(null, { ...draft, name: ' ', corporateNumber: '6000012050002', email: 'privacy@', postcode: '1000' });
    expect(r).toEqual({
      ok: false,
      problems: [
        { field: 'name', reason: 'required' },
        { field: 'corporateNumber', reason: 'check-digit' },
        { field: 'postcode', reason: 'invalid' },
        { field: 'email', reason: 'invalid' },
      ],
    });
  });

  it('folds to one row, field by field, the same whatever order two laptops deliver the events in', () => {
    const events = [saved('0001', { name: 'A社', phone: '03-0000-0000' }), saved('0003', { phone: '03-1111-1111' }, 'p2'), saved('0002', { name: 'B社', bogus: 'x' } as Partial<CompanyFields>)];
    const a = foldAll(companyProjection, events).get(COMPANY_ROW_ID)!;
    const b = foldAll(companyProjection, [...events].reverse()).get(COMPANY_ROW_ID)!;
    expect(a).toEqual(b);
    expect(a).toMatchObject({ name: 'B社', phone: '03-1111-1111', updatedAt: '0003', updatedBy: 'p2' });
    expect(a).not.toHaveProperty('bogus');
  });

  it('names the company in the document language', () => {
    expect(companyName(draft, 'en')).toBe('Hanamizuki Co., Ltd.');
    expect(companyName({ ...draft, nameEn: '' }, 'en')).toBe('株式会社ハナミズキ');
    expect(companyName(draft, 'ja')).toBe('株式会社ハナミズキ');
  });
});

describe('a company value of mine replaced by another laptop that had not seen it', () => {
  const ctx = testContext({ now: Date.parse('2026-12-02T03:00:00Z') });
  const stampAs = (actor: string, at: string, r: ReturnType<typeof commands.saveCompanyProfile>): HonbuEvent[] => {
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.events.map((d, i) => ({ ...d, id: `${actor}-${at}-${i}`, at, actor }));
  };
  const first = stampAs('a', '000001', commands.saveCompanyProfile(ctx, null, { draft: { ...EMPTY_COMPANY, name: '株式会社ハナミズキ', phone: '03-0000-0000' } }));
  const base = foldAll(companyProjection, first).get(COMPANY_ROW_ID)!;
  const fieldsOf = (row: CompanyProfile) => Object.fromEntries(COMPANY_FIELDS.map((f) => [f, row[f]])) as CompanyFields;

  it('is told to me (who, what) whatever order the saves arrive in, and not to the one who won; a dismissal ends it', () => {
    const mine = stampAs('b', '000002', commands.saveCompanyProfile(ctx, fieldsOf(base), { draft: { ...fieldsOf(base), phone: '03-1111-1111' } }, base.stamps));
    const theirs = stampAs('a', '000003', commands.saveCompanyProfile(ctx, fieldsOf(base), { draft: { ...fieldsOf(base), phone: '03-2222-2222' } }, base.stamps));
    for (const order of [[...first, ...mine, ...theirs], [...theirs, ...mine, ...first]]) {
      const row = foldAll(companyProjection, order).get(COMPANY_ROW_ID)!;
      expect(row.phone).toBe('03-2222-2222');
      expect(fieldOverrides(row.edits, 'b').map((o) => [o.field, o.mine.value, o.theirs.value, o.theirs.actor])).toEqual([['phone', '03-1111-1111', '03-2222-2222', 'a']]);
      expect(fieldOverrides(row.edits, 'a')).toEqual([]);
    }
    const row = foldAll(companyProjection, [...first, ...mine, ...theirs]).get(COMPANY_ROW_ID)!;
    const seen = stampAs('b', '000004', commands.dismissCompanyOverride(ctx, row, { field: 'phone', me: 'b' }));
    expect(fieldOverrides(foldAll(companyProjection, [...first, ...mine, ...theirs, ...seen]).get(COMPANY_ROW_ID)!.edits, 'b')).toEqual([]);
  });
});

describe('saving the company form while another laptop’s save arrived', () => {
  // A opens Settings → company and types the phone. Meanwhile B renames the company and it
  // arrives by sync; the form keeps what A sees (A is typing). A saves the whole form: the
  // old name in it was taken for a change, B's name was put back, and — the stamp being
  // read at the moment of saving — as a correction made knowing B's name, so nobody was told.
  const ctx = testContext({ now: Date.parse('2026-12-02T03:00:00Z') });
  const stampAs = (actor: string, at: string, r: ReturnType<typeof commands.saveCompanyProfile>): HonbuEvent[] => {
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.events.map((d, i) => ({ ...d, id: `${actor}-${at}-${i}`, at, actor }));
  };
  const fieldsOf = (row: CompanyProfile) => Object.fromEntries(COMPANY_FIELDS.map((f) => [f, row[f]])) as CompanyFields;
  const first = stampAs('a', '000001', commands.saveCompanyProfile(ctx, null, { draft: { ...EMPTY_COMPANY, name: '株式会社モリ', phone: '03-0000-0000' } }));
  const opened = foldAll(companyProjection, first).get(COMPANY_ROW_ID)!;
  const renamed = stampAs('b', '000002', commands.saveCompanyProfile(ctx, fieldsOf(opened), { draft: { ...fieldsOf(opened), name: '株式会社モリ商事' } }, opened.stamps));
  const now = foldAll(companyProjection, [...first, ...renamed]).get(COMPANY_ROW_ID)!;

  it('saves only what A typed; B’s name stays', () => {
    const form = { ...fieldsOf(opened), phone: '03-1111-2222' };
    const r = commands.saveCompanyProfile(ctx, fieldsOf(now), { draft: form, startedFrom: { values: fieldsOf(opened), stamps: opened.stamps } }, now.stamps);
    const row = foldAll(companyProjection, [...first, ...renamed, ...stampAs('a', '000003', r)]).get(COMPANY_ROW_ID)!;
    expect([row.name, row.phone]).toEqual(['株式会社モリ商事', '03-1111-2222']);
  });

  it('a field both typed: B is told A’s words replaced theirs', () => {
    const form = { ...fieldsOf(opened), name: '株式会社モリ（本社）' };
    const r = commands.saveCompanyProfile(ctx, fieldsOf(now), { draft: form, startedFrom: { values: fieldsOf(opened), stamps: opened.stamps } }, now.stamps);
    const row = foldAll(companyProjection, [...first, ...renamed, ...stampAs('a', '000003', r)]).get(COMPANY_ROW_ID)!;
    expect(fieldOverrides(row.edits, 'b').map((o) => [o.field, o.mine.value, o.theirs.value])).toEqual([['name', '株式会社モリ商事', '株式会社モリ（本社）']]);
  });
});
