/**
 * The company profile: who reports to the PPC and who signs statements and notices. The
 * PPC's form asks for the reporting business (the reporter is the company, not a staff
 * member), and a document that goes out carries the company's name, not the team's.
 * One row for the workspace; every field last-writer-wins by clock, so laptops that merge
 * later agree. The contact person's phone and e-mail are personal data: they live sealed
 * with the rest of the row like every payload.
 */
import { withDismissal, withWrite, type FieldEdits } from '../events/field-edits';
import { mergeLww, type ProjectionSpec, type Stamped } from '../events/projection';
import { COMPANY_FIELDS, isCompanyEvent, type CompanyEvent, type CompanyField, type CompanyFields } from './events';

export { COMPANY_FIELDS } from './events';
export type { CompanyField, CompanyFields } from './events';

export interface CompanyProfile extends CompanyFields, Stamped {
  /** Always COMPANY_ROW_ID: one profile per workspace. */
  id: string;
  updatedAt: string;
  updatedBy: string;
  /** Field → who wrote what, to tell a person their value was overwritten (shared/events/field-edits.ts). */
  edits?: Record<string, FieldEdits>;
}

export const COMPANY_ROW_ID = 'company';

export const EMPTY_COMPANY: CompanyFields = Object.fromEntries(COMPANY_FIELDS.map((f) => [f, ''])) as CompanyFields;

export type CompanyProfileSaved = Extract<CompanyEvent, { type: 'company.profile-saved' }>;

export interface CompanyProblem {
  field: CompanyField;
  reason: 'required' | 'too-long' | 'invalid' | 'check-digit';
}

const MAX = 300;

/**
 * 法人番号: 13 digits, the first a check digit over the other twelve (国税庁's formula:
 * 9 − (Σ Pn × Qn mod 9), Pn the nth digit from the right, Qn 1 for odd n and 2 for even).
 */
export function corporateNumberValid(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  const base = value.slice(1);
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return Number(value[0]) === 9 - (sum % 9);
}

/** Full-width digits and hyphens as people type them in Japanese input modes. */
export function normaliseDigits(value: string): string {
  return value.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212\u30fc]/g, '');
}

export function checkCompany(fields: CompanyFields): CompanyProblem[] {
  const problems: CompanyProblem[] = [];
  if (fields.name.trim() === '') problems.push({ field: 'name', reason: 'required' });
  for (const f of COMPANY_FIELDS) if (fields[f].length > MAX) problems.push({ field: f, reason: 'too-long' });
  const corp = normaliseDigits(fields.corporateNumber);
  if (corp !== '') {
    if (!/^\d{13}$/.test(corp)) problems.push({ field: 'corporateNumber', reason: 'invalid' });
    else if (!corporateNumberValid(corp)) problems.push({ field: 'corporateNumber', reason: 'check-digit' });
  }
  if (fields.postcode.trim() !== '' && !/^\d{3}-?\d{4}$/.test(fields.postcode.normalize('NFKC').trim())) problems.push({ field: 'postcode', reason: 'invalid' });
  if (fields.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email.normalize('NFKC').trim())) problems.push({ field: 'email', reason: 'invalid' });
  if (fields.phone.trim() !== '' && !/^[+\d\s()\-\u2010-\u2015\u2212\u30fc\uff0d]{6,20}$/.test(fields.phone.normalize('NFKC').trim())) {
    problems.push({ field: 'phone', reason: 'invalid' });
  }
  return problems;
}

export const companyProjection: ProjectionSpec<CompanyProfile> = {
  table: 'company',
  keys: (e) => (isCompanyEvent(e) ? [COMPANY_ROW_ID] : []),
  reduce(row, e, key) {
    if (!isCompanyEvent(e)) return row ?? null;
    const base: CompanyProfile = row ?? { id: key, ...EMPTY_COMPANY, stamps: {}, updatedAt: e.at, updatedBy: e.actor };
    if (e.type === 'company.override-seen') {
      return { ...base, edits: { ...base.edits, [e.payload.field]: withDismissal(base.edits?.[e.payload.field], e.actor, e.payload.eventId) } };
    }
    // Only known fields: an event from a newer version with more fields must not smuggle others in.
    const known = Object.fromEntries(
      Object.entries(e.payload.changes ?? {}).filter(([k, v]) => (COMPANY_FIELDS as readonly string[]).includes(k) && typeof v === 'string'),
    ) as Partial<CompanyFields>;
    const edits = { ...base.edits };
    for (const [k, value] of Object.entries(known)) edits[k] = withWrite(edits[k], { value, at: e.at, actor: e.actor, eventId: e.id }, e.payload.seen?.[k]);
    const next = { ...mergeLww(base, known, e.at), edits };
    return e.at >= base.updatedAt ? { ...next, updatedAt: e.at, updatedBy: e.actor } : next;
  },
  index: () => ({}),
};

/**
 * What an English document would take from the Japanese profile for want of the English one:
 * the company's name, the representative's title, their name (each empty in English).
 */
export function englishGaps(profile: Partial<Pick<CompanyFields, 'name' | 'nameEn' | 'representativeTitle' | 'representativeTitleEn' | 'representative' | 'representativeEn'>>): ('name' | 'representativeTitle' | 'representative')[] {
  const gap = (ja: string | undefined, en: string | undefined) => (ja ?? '').trim() !== '' && (en ?? '').trim() === '';
  return [
    ...(gap(profile.name, profile.nameEn) ? (['name'] as const) : []),
    ...(gap(profile.representativeTitle, profile.representativeTitleEn) ? (['representativeTitle'] as const) : []),
    ...(gap(profile.representative, profile.representativeEn) ? (['representative'] as const) : []),
  ];
}

/** The company's name for a document in this language (the English name when there is one). */
export function companyName(profile: Pick<CompanyFields, 'name' | 'nameEn'> | null, lang: 'ja' | 'en'): string {
  if (!profile) return '';
  return lang === 'en' && profile.nameEn.trim() !== '' ? profile.nameEn : profile.name;
}

/**
 * The representative as a document in this language signs: the English title and name where
 * the profile has them (each falls back to the Japanese one). A profile saved before the
 * English fields existed has no such keys at all.
 */
export function representativeLine(profile: Partial<Pick<CompanyFields, 'representativeTitle' | 'representative' | 'representativeTitleEn' | 'representativeEn'>>, lang: 'ja' | 'en'): string {
  const pick = (ja: string | undefined, en: string | undefined) => (lang === 'en' && (en ?? '').trim() !== '' ? en! : (ja ?? ''));
  return [pick(profile.representativeTitle, profile.representativeTitleEn), pick(profile.representative, profile.representativeEn)]
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .join(' ');
}
