/** Commands of the company part: the company profile. */
import { accept, refuse, type CommandContext, type CommandResult } from '../events/command';
import { COMPANY_FIELDS, type CompanyField, type CompanyFields } from './events';
import { fieldOverride } from '../events/field-edits';
import { checkCompany, EMPTY_COMPANY, normaliseDigits, type CompanyProfile } from './profile';

/**
 * Saves what changed. The corporate number is stored as its 13 digits whatever way it
 * was typed, so the PPC draft shows it the way the form wants it. Nothing changed: refused
 * with no problems (there is nothing to record).
 */
export function saveCompanyProfile(
  _ctx: CommandContext,
  current: CompanyFields | null,
  args: { draft: CompanyFields; startedFrom?: { values: CompanyFields; stamps: Record<string, string> } },
  stamps: Record<string, string> = {},
): CommandResult {
  const { draft, startedFrom } = args;
  // The form holds every field. With what it was opened with, a field the person did not
  // type keeps the value stored now (another laptop may have saved it meanwhile: the old
  // value on screen is not a change), and a typed one records the stamp it started from.
  const typed = (f: CompanyField) => !startedFrom || draft[f].trim() !== (startedFrom.values[f] ?? '').trim();
  const clean: CompanyFields = Object.fromEntries(COMPANY_FIELDS.map((f) => [f, typed(f) ? draft[f].trim() : (current ?? EMPTY_COMPANY)[f]])) as CompanyFields;
  if (clean.corporateNumber !== '') clean.corporateNumber = normaliseDigits(clean.corporateNumber);
  const problems = checkCompany(clean);
  if (problems.length > 0) return refuse(problems);
  const base = current ?? EMPTY_COMPANY;
  const changes = Object.fromEntries(COMPANY_FIELDS.filter((f) => clean[f] !== base[f]).map((f) => [f, clean[f]])) as Partial<CompanyFields>;
  if (Object.keys(changes).length === 0) return refuse([]);
  // What each changed field showed when saved: a later save from another laptop that did not see it is an overwrite.
  const from = startedFrom?.stamps ?? stamps;
  const seen = Object.fromEntries(Object.keys(changes).flatMap((f) => (from[f] ? [[f, from[f]]] : [])));
  return accept([{ type: 'company.profile-saved', incidentId: null, payload: { changes, ...(Object.keys(seen).length > 0 ? { seen } : {}) } }]);
}

/** I saw that another laptop's save replaced my value of a field: stop telling me. */
export function dismissCompanyOverride(_ctx: CommandContext, row: Pick<CompanyProfile, 'edits'> | null, args: { field: string; me: string }): CommandResult {
  const o = fieldOverride(args.field, row?.edits?.[args.field], args.me);
  if (!o) return refuse([]);
  return accept([{ type: 'company.override-seen', incidentId: null, payload: { field: args.field, eventId: o.theirs.eventId } }]);
}
