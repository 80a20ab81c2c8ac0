import { useT } from '../../i18n/i18n';
import { useContacts } from './contacts-store';
import { namedDataset, useListName } from './list-name';

/** A list picker shared by the panels: newest first, as the engine orders them everywhere. */
export function DatasetSelect({ value, onChange, id, wide = false }: { value: string; onChange: (id: string) => void; id: string; wide?: boolean }) {
  const t = useT();
  const listName = useListName();
  const datasets = useContacts((s) => s.datasets);
  return (
    // Wide where the row has room: a list's name carries its file, date and size, cut off in one column.
    <div className={wide ? 'span-2' : undefined}>
      <label htmlFor={id}>{t('contacts.dataset')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {listName(namedDataset(d))}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A segment picker (service / customer group) of one dataset; empty means all. */
export function SegmentSelect(props: { id: string; label: string; segments: string[]; value: string; onChange: (segment: string) => void }) {
  const t = useT();
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t('contacts.dashboard.allSegments')}</option>
        {props.segments.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </div>
  );
}
