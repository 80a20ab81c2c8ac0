import type { Problem } from '../../../shared/disclosure/commands';
import { VIEWPOINTS } from '../../../shared/disclosure/regulator';
import { translateIfAny, useT } from '../i18n/i18n';
import { roleRefusalText } from '../roles/words';
import { formatDateTime } from '../ui/format';

/** Fields a person picks rather than types: "choose", not "enter". */
const CHOICES = new Set(['publish', 'decider', 'medium', 'subjects', 'causedBy', 'stage', 'kind', 'party']);

/** What stopped a command, each problem naming its field in words (never an id). */
export function ProblemList({ problems, id }: { problems: Problem[]; id?: string }) {
  const t = useT();
  if (problems.length === 0) return null;
  const field = (f: string): string => {
    const vp = f.startsWith('viewpoints.') ? f.slice('viewpoints.'.length) : null;
    if (vp && (VIEWPOINTS as readonly string[]).includes(vp)) return t(`decisionForm.viewpoints.${vp as (typeof VIEWPOINTS)[number]}`);
    return (t.dict.disclosure.fieldNames as Record<string, string>)[f] ?? f;
  };
  const text = (p: Problem) => {
    const byRole = roleRefusalText(t, p);
    if (byRole) return byRole;
    const vp = p.field.startsWith('viewpoints.') ? p.field.slice('viewpoints.'.length) : null;
    if (vp && p.reason === 'required') return t('decisionForm.viewpointRequired', { viewpoint: field(p.field) });
    if (p.reason === 'required' && CHOICES.has(p.field)) return t('disclosure.problems.choose', { field: field(p.field) });
    const at = typeof p.params?.at === 'string' ? formatDateTime(p.params.at, t.lang) : '';
    const learned = typeof p.params?.learned === 'string' ? formatDateTime(p.params.learned, t.lang) : '';
    const filed = typeof p.params?.filed === 'string' ? formatDateTime(p.params.filed, t.lang) : '';
    const params = { field: field(p.field), at, learned, filed, max: p.params?.max ?? '' };
    return translateIfAny(t, `disclosure.problems.${p.reason}`, params) ?? t('disclosure.problems.invalid', params);
  };
  return (
    <div role="alert" className="error" id={id}>
      <p>{t('disclosure.problemsTitle')}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{text(p)}</li>
        ))}
      </ul>
    </div>
  );
}
