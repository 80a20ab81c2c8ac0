/** Commands of the company part: the company profile. */
import { accept, refuse, type CommandContext, type CommandResult } from '../events/command';
import { COMPANY_FIELDS, type CompanyFields } from './events';
import { fieldOverride } from '../events/field-edits';
import { checkCompany, EMPTY_COMPANY, normaliseDigits, type CompanyProfile } from './profile';

/**
 * Saves what changed. The corporate number is stored as its 13 digits whatever way it
 * was typed, so the PPC draft shows it the way the form wants it. Nothing changed: refused
 * with no problems (there is nothing to record).
 */
export function saveCompanyProfile(_ctx: CommandContext, current: CompanyFields | null, args: { draft: CompanyFields }, stamps: Record<string, string> = {}): CommandResult {
  const { draft } = args;
  const clean: CompanyFields = Object.fromEntries(COMPANY_FIELDS.map((f) => [f, draft[f].trim()])) as CompanyFields;
  if (clean.corporateNumber !== '') clean.corporateNumber = normaliseDigits(clean.corporateNumber);
  const problems = checkCompany(clean);
  if (problems.length > 0) return refuse(problems);
  const base = current ?? EMPTY_COMPANY;
  const changes = Object.fromEntries(COMPANY_FIELDS.filter((f) => clean[f] !== base[f]).map((f) => [f, clean[f]])) as Partial<CompanyFields>;
  if (Object.keys(changes).length === 0) return refuse([]);
  // What each changed field showed when saved: a later save from another laptop that did not see it is an overwrite.
  const seen = Object.fromEntries(Object.keys(changes).flatMap((f) => (stamps[f] ? [[f, stamps[f]]] : [])));
  return accept([{ type: 'company.profile-saved', incidentId: null, payload: { changes, ...(Object.keys(seen).length > 0 ? { seen } : {}) } }]);
}

/** I saw that another laptop's save replaced my value of a field: stop telling me. */
export function dismissCompanyOverride(_ctx: CommandContext, row: Pick<CompanyProfile, 'edits'> | null, args: { field: string; me: string }): CommandResult {
  const o = fieldOverride(args.field, row?.edits?.[args.field], args.me);
  if (!o) return refuse([]);
  return accept([{ type: 'company.override-seen', incidentId: null, payload: { field: args.field, eventId: o.theirs.eventId } }]);
}
