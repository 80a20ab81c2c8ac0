import type { FactKey, Facts } from '../../../shared/incident/model';
import type { DataItem } from '../../../shared/incident/model';
import { useT } from '../i18n/i18n';
import { formatCount, formatDateTime } from '../ui/format';
import { itemsText } from './items-text';

const DATE_FACTS: FactKey[] = ['discoveredAt', 'occurredAt', 'nextUpdateAt'];

/** One fact as people read it: counts grouped, items named, dates local; "unknown" when not known. */
export function factText(t: ReturnType<typeof useT>, key: FactKey, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('facts.unknown');
  if (Array.isArray(value)) return itemsText(t, value as DataItem[]);
  if (typeof value === 'number') return formatCount(value, t.lang)!;
  if (DATE_FACTS.includes(key)) return formatDateTime(String(value), t.lang);
  return String(value);
}

/**
 * The chosen facts as a definition list (the facts card, the situation report). `updateLate`:
 * the next public update's time has passed without one (shared/incident/next-update.ts), said
 * beside it as the incident header says it.
 */
export function FactList({ facts, keys, updateLate = false }: { facts: Facts; keys: FactKey[]; updateLate?: boolean }) {
  const t = useT();
  return (
    <dl className="facts">
      {keys.map((k) => {
        const late = k === 'nextUpdateAt' && updateLate && facts.nextUpdateAt !== null;
        return (
          <div key={k} className="contents">
            <dt>{t(`facts.${k}`)}</dt>
            <dd className={late ? 'late' : undefined}>{late ? t('header.nextUpdateLate', { when: factText(t, k, facts[k]) }) : factText(t, k, facts[k])}</dd>
          </div>
        );
      })}
    </dl>
  );
}
