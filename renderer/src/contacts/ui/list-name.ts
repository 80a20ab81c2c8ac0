/**
 * How a customer list is named on screen: file, import time, rows, and for a second import
 * of the same file which import it is (shared/contacts/list-names.ts). Every place that
 * names a list — pickers, lookup hits, warnings — uses this, so one list reads the same
 * everywhere.
 */
import { hlcIso } from '../../ui/format';
import { formatDateTime } from '../../ui/format';
import { formatListNo } from '../../../../shared/contacts/list-numbers';
import { useT } from '../../i18n/i18n';
import type { DatasetInfo } from '../contact-engine';

export interface NamedList {
  fileName: string;
  rows: number;
  /** The import event's clock; absent only before the event is read. */
  at?: string;
  repeat?: number;
  /** The list's number (list-numbers.ts), shown first: callers and letters name lists by it. */
  listNo?: number;
}

export const namedDataset = (d: DatasetInfo): NamedList => ({ fileName: d.meta.fileName, rows: d.rows, at: d.importedAt, repeat: d.repeat, listNo: d.listNo });

export function useListName(): (l: NamedList) => string {
  const t = useT();
  const nf = new Intl.NumberFormat(t.lang === 'ja' ? 'ja-JP' : 'en-GB');
  return (l) => {
    const params = { name: l.fileName, rows: nf.format(l.rows), date: l.at ? formatDateTime(hlcIso(l.at), t.lang) : '—', n: l.repeat ?? 0 };
    const name = t(l.repeat ? 'contacts.listNameRepeat' : 'contacts.listName', params);
    return l.listNo === undefined ? name : t('contacts.listNumbered', { no: formatListNo(l.listNo), name });
  };
}
