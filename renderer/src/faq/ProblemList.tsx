import type { Problem } from '../../../shared/events/command';
import { translateIfAny, useT } from '../i18n/i18n';
import { roleRefusalText } from '../roles/words';

export function ProblemList({ problems }: { problems: Problem[] }) {
  const t = useT();
  if (problems.length === 0) return null;
  const field = (f: string) => (t.dict.faq.entries.fields as Record<string, string>)[f] ?? f;
  return (
    <ul role="alert" className="error">
      {problems.map((p, i) => (
        <li key={i}>{roleRefusalText(t, p) ?? translateIfAny(t, `faq.entries.problems.${p.reason}`, { field: field(p.field) }) ?? t('faq.entries.problems.invalid', { field: field(p.field) })}</li>
      ))}
    </ul>
  );
}
