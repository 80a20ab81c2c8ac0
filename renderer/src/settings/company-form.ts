/**
 * The company form while the profile changes under it (a save here, or another laptop's
 * arriving by sync): a field the person has not typed shows the stored value; a typed one
 * keeps their words and the value and stamp it started from, which the save sends so the
 * command changes only what was typed and says whom it overwrote.
 */
import { COMPANY_FIELDS, normaliseDigits, type CompanyField, type CompanyFields } from '../../../shared/company/profile';

export interface Opened {
  values: CompanyFields;
  stamps: Record<string, string>;
}

/** As the save stores it (trimmed, the corporate number as its digits): typing only spaces is not a change. */
const stored = (f: CompanyField, v: string) => (f === 'corporateNumber' ? normaliseDigits(v.trim()) : v.trim());

export function rebaseCompanyForm(draft: CompanyFields, opened: Opened, now: Opened): { draft: CompanyFields; opened: Opened } {
  const next = { ...draft };
  const values = { ...opened.values };
  const stamps = { ...opened.stamps };
  for (const f of COMPANY_FIELDS) {
    const typed = stored(f, draft[f]) !== stored(f, opened.values[f]) && stored(f, draft[f]) !== stored(f, now.values[f]);
    if (typed) continue;
    next[f] = now.values[f];
    values[f] = now.values[f];
    if (now.stamps[f] !== undefined) stamps[f] = now.stamps[f];
    else delete stamps[f];
  }
  return { draft: next, opened: { values, stamps } };
}
