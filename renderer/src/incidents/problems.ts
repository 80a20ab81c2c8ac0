import type { Problem } from '../../../shared/events/command';
import { translateIfAny, type useT } from '../i18n/i18n';
import { roleRefusalText } from '../roles/words';

/** A validation problem as a sentence naming the field by its label (a reason with no words of its own reads as "check this field"). */
export function problemText(t: ReturnType<typeof useT>, problem: Problem, fieldLabel: (field: string) => string): string {
  const byRole = roleRefusalText(t, problem);
  if (byRole) return byRole;
  const field = fieldLabel(problem.field);
  return translateIfAny(t, `problems.${problem.reason}`, { field }) ?? t('problems.invalid', { field });
}
