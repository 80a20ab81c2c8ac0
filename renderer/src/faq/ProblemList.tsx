import type { Problem } from '../../../shared/events/command';
import { WORDS_SEPARATOR } from '../../../shared/faq/commands';
import { translateIfAny, useT, type Translator } from '../i18n/i18n';
import { roleRefusalText } from '../roles/words';

/** The words a field was refused for (personal data), each quoted, in the screen's language; '—' when the refusal named none. */
function wordsOf(t: Translator, p: Problem): string {
  const words = typeof p.params?.words === 'string' ? p.params.words.split(WORDS_SEPARATOR).filter((w) => w !== '') : [];
  return words.length === 0 ? '—' : words.map((w) => t('faq.entries.foundWord', { w })).join(t.dict.facts.listSeparator);
}

/** One problem of the FAQ editor in words. */
export function faqProblemText(t: Translator, p: Problem): string {
  const field = (t.dict.faq.entries.fields as Record<string, string>)[p.field] ?? p.field;
  return roleRefusalText(t, p) ?? translateIfAny(t, `faq.entries.problems.${p.reason}`, { field, words: wordsOf(t, p) }) ?? t('faq.entries.problems.invalid', { field });
}

export function ProblemList({ problems }: { problems: Problem[] }) {
  const t = useT();
  if (problems.length === 0) return null;
  return (
    <ul role="alert" className="error">
      {problems.map((p, i) => (
        <li key={i}>{faqProblemText(t, p)}</li>
      ))}
    </ul>
  );
}
