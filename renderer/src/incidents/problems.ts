import type { Problem } from '../../../shared/incident/validate';
import type { useT } from '../i18n/i18n';

/** A validation problem as a sentence naming the field by its label. */
export function problemText(t: ReturnType<typeof useT>, problem: Problem, fieldLabel: (field: string) => string): string {
  return t(`problems.${problem.reason}`, { field: fieldLabel(problem.field) });
}
