import type { DataItem } from '../../../shared/incident/model';
import type { useT } from '../i18n/i18n';

/** Data items as a sentence fragment ("氏名、住所"), or "unknown" when none is entered. */
export function itemsText(t: ReturnType<typeof useT>, list: readonly DataItem[]): string {
  return list.map((i) => t.dict.items[i]).join(t.dict.facts.listSeparator) || t('facts.unknown');
}
