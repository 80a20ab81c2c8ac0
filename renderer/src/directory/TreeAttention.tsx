import type { CallTree } from '../../../shared/directory/model';
import { oversizedSteps } from '../../../shared/directory/validate';
import { useT } from '../i18n/i18n';

/**
 * A saved call tree the alerting cannot send as it is (a step over the cap, saved before the
 * cap existed): which step, how many people, and what to do — in the tree editor (`fix:
 * 'here'`) and in an incident's alert status (`'elsewhere'`). Nothing when the tree is fine.
 */
export function TreeAttention({ tree, fix }: { tree: CallTree; fix: 'here' | 'elsewhere' }) {
  const t = useT();
  const steps = oversizedSteps(tree);
  if (steps.length === 0) return null;
  return (
    <div className="notice tree-attention" role="alert">
      <strong>{t('callTrees.attention', { name: tree.name })}</strong>
      {steps.map((s) => (
        <p key={s.step}>{t('callTrees.oversized', { step: s.step, people: s.people, max: s.max })}</p>
      ))}
      <p>{t(fix === 'here' ? 'callTrees.oversizedFix' : 'callTrees.oversizedFixElsewhere', { max: steps[0]!.max })}</p>
    </div>
  );
}
