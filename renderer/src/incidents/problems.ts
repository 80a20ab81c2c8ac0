import type { Problem } from '../../../shared/events/command';
import { translateIfAny, type useT } from '../i18n/i18n';
import { roleRefusalText } from '../roles/words';
import { formatCount } from '../ui/format';

/** A validation problem as a sentence naming the field by its label (a reason with no words of its own reads as "check this field"). */
export function problemText(t: ReturnType<typeof useT>, problem: Problem, fieldLabel: (field: string) => string): string {
  const byRole = roleRefusalText(t, problem);
  if (byRole) return byRole;
  const field = fieldLabel(problem.field);
  // A count that crosses the other as stored: said with both counts and which to give too.
  const { stored, confirmed, max } = problem.params ?? {};
  if (problem.reason === 'max-below-confirmed' && typeof stored === 'string' && typeof confirmed === 'number' && typeof max === 'number') {
    const said = translateIfAny(t, `problems.crosses.${stored}`, { confirmed: formatCount(confirmed, t.lang)!, max: formatCount(max, t.lang)! });
    if (said) return said;
  }
  return translateIfAny(t, `problems.${problem.reason}`, { field }) ?? t('problems.invalid', { field });
}
