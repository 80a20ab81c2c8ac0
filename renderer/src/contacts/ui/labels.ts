/**
 * How lists and batches are named on every screen of the contact tracker: one place, so
 * a picker, a lookup hit and a batch list never name the same thing two ways.
 */
import type { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../ui/format';
import type { BatchSummary } from '../batch-ops';

type T = ReturnType<typeof useT>;

/** "電話・2026/11/22 14:05 作成・50 件": by channel, date and count, never by an id. */
export function batchLabel(t: T, s: Pick<BatchSummary, 'batch' | 'createdAt'>): string {
  return t('contacts.batches.label', {
    channel: t(`contacts.channels.${s.batch.channel}`),
    at: formatDateTime(s.createdAt, t.lang),
    n: new Intl.NumberFormat().format(s.batch.rows.length),
  });
}

/**
 * A message kept as its key and values, translated when shown: a status line stored as
 * text would stay Japanese after switching to English.
 */
export interface Said {
  key: Parameters<T>[0];
  params?: Record<string, string | number>;
}
export const say = (key: Said['key'], params?: Said['params']): Said => ({ key, params });

/** The header translator the export definitions need (shared/ holds no words). */
export function exportLabel(t: T): (key: string) => string {
  return (key) => t(key as Parameters<T>[0]);
}
