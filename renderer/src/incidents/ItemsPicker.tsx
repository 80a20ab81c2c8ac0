import { DATA_ITEMS, type DataItem } from '../../../shared/incident/model';
import { useT } from '../i18n/i18n';

/** The data-items checklist used by reports and facts. */
export function ItemsPicker({
  legend,
  value,
  onChange,
  name,
}: {
  legend: string;
  value: DataItem[];
  onChange: (items: DataItem[]) => void;
  name: string;
}) {
  const t = useT();
  return (
    <fieldset className="items-picker">
      <legend>{legend}</legend>
      {DATA_ITEMS.map((item) => (
        <label key={item} className="inline">
          <input
            type="checkbox"
            name={name}
            checked={value.includes(item)}
            onChange={(e) => onChange(e.target.checked ? [...value, item] : value.filter((x) => x !== item))}
          />
          {t.dict.items[item]}
        </label>
      ))}
    </fieldset>
  );
}
