/** The company part's events: type → payload schema; the fold lives in profile.ts. */
import * as v from 'valibot';
import { eventGuard, type EventOf } from '../events/event';

export const COMPANY_FIELDS = [
  'name',
  'nameEn',
  'corporateNumber',
  'representativeTitle',
  'representative',
  // The same in English, for statements and notices written in English (the PPC form is Japanese).
  'representativeTitleEn',
  'representativeEn',
  'postcode',
  'address',
  'industry',
  'contactPerson',
  'department',
  'phone',
  'email',
] as const;
export type CompanyField = (typeof COMPANY_FIELDS)[number];

export const companyFieldsSchema = v.object(Object.fromEntries(COMPANY_FIELDS.map((f) => [f, v.string()])) as Record<CompanyField, v.StringSchema<undefined>>);
export type CompanyFields = v.InferOutput<typeof companyFieldsSchema>;

export const companyEvents = {
  /** The fields of the company profile that changed. */
  'company.profile-saved': v.object({
    changes: v.partial(companyFieldsSchema),
    /** Field → the stamp it showed when the edit began (shared/events/field-edits.ts). */
    seen: v.optional(v.record(v.string(), v.string())),
  }),
  /** I saw that another laptop's save replaced my value of this field: stop telling me. */
  'company.override-seen': v.object({ field: v.string(), eventId: v.string() }),
} as const;

export type CompanyEvent = EventOf<typeof companyEvents>;
export const isCompanyEvent = eventGuard(companyEvents);
