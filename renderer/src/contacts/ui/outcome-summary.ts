/** The one-line summary of a results preview, said the same way for a customer-number list and a reference-number list. */
import type { Translator } from '../../i18n/i18n';
import type { OutcomePlan } from '../outcomes';

export function outcomeSummary(t: Translator, nf: Intl.NumberFormat, preview: OutcomePlan['preview']): string {
  return t('contacts.results.summary', {
    items: nf.format(preview.items),
    matched: nf.format(preview.matchedItems),
    // Customers only when they differ from the lines: a shared number, a customer listed twice.
    customers: preview.matched === preview.matchedItems ? '' : t('contacts.results.customers', { n: nf.format(preview.matched) }),
    moved:
      Object.entries(preview.movedTo)
        .map(([c, n]) => `${t(`contacts.channels.${c as 'post'}`)} ${nf.format(n)}`)
        .join(t.dict.facts.listSeparator) || '0',
    retry: nf.format(preview.retry),
    unchanged: nf.format(preview.unchanged),
  });
}
