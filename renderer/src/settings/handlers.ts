/** Settings' commands as dispatch handlers: the member's own profile and the company profile. */
import * as company from '../../../shared/company/commands';
import { COMPANY_FIELDS, COMPANY_ROW_ID, type CompanyFields } from '../../../shared/company/profile';
import * as people from '../../../shared/people/commands';
import type { ProfileFields } from '../../../shared/people/profile';
import type { Handler } from '../data/handler';
import { tables } from '../data/tables';

export type SettingsHandlers = {
  'people.save-profile': Handler<{ fields: Partial<ProfileFields> }>;
  'company.save-profile': Handler<{ draft: CompanyFields; startedFrom?: { values: CompanyFields; stamps: Record<string, string> } }>;
  'company.dismiss-override': Handler<{ field: string }>;
};

export const settingsHandlers: SettingsHandlers = {
  'people.save-profile': (h, args) => h.run(people.saveProfile(h.ctx, null, args)),
  'company.save-profile': async (h, args) => {
    const saved = await h.store.table(tables.company).get(COMPANY_ROW_ID);
    // A profile saved by an older version lacks fields added since: they are empty, not undefined.
    const current = saved ? (Object.fromEntries(COMPANY_FIELDS.map((f) => [f, saved[f] ?? ''])) as CompanyFields) : null;
    return h.run(company.saveCompanyProfile(h.ctx, current, args, saved?.stamps ?? {}));
  },
  'company.dismiss-override': async (h, args) => {
    const saved = await h.store.table(tables.company).get(COMPANY_ROW_ID);
    return h.run(company.dismissCompanyOverride(h.ctx, saved ?? null, { ...args, me: h.ctx.actor.personId }));
  },
};
