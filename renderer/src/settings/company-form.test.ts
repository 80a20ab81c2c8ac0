import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY } from '../../../shared/company/profile';
import { rebaseCompanyForm } from './company-form';

describe('the company form while another laptop saves', () => {
  const opened = { values: { ...EMPTY_COMPANY, name: '株式会社モリ', phone: '03-0000-0000' }, stamps: { name: 'a1', phone: 'a1' } };
  const stored = { values: { ...EMPTY_COMPANY, name: '株式会社モリ商事', phone: '03-0000-0000' }, stamps: { name: 'b2', phone: 'a1' } };

  it('shows the new name beside the phone being typed, which keeps what it started from', () => {
    const draft = { ...opened.values, phone: '03-1111-2222' };
    const r = rebaseCompanyForm(draft, opened, stored);
    expect([r.draft.name, r.draft.phone]).toEqual(['株式会社モリ商事', '03-1111-2222']);
    expect(r.opened).toEqual({ values: { ...stored.values, phone: '03-0000-0000' }, stamps: { name: 'b2', phone: 'a1' } });
  });

  it('once my save lands, what I typed is what the next edit starts from', () => {
    const draft = { ...opened.values, phone: '03-1111-2222' };
    const mine = { values: { ...opened.values, phone: '03-1111-2222' }, stamps: { name: 'a1', phone: 'a3' } };
    expect(rebaseCompanyForm(draft, opened, mine).opened).toEqual(mine);
  });
});
