/** The file-encoding choice of an import (automatic, or one the person names when the guess is wrong). */
import { FILE_ENCODINGS, type FileEncoding } from '../../../../shared/contacts/model';
import { useT } from '../../i18n/i18n';

export function EncodingSelect({ id, value, disabled, onChange }: { id: string; value: 'auto' | FileEncoding; disabled?: boolean; onChange: (enc: 'auto' | FileEncoding) => void }) {
  const t = useT();
  return (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as 'auto' | FileEncoding)}>
      {(['auto', ...FILE_ENCODINGS] as const).map((x) => (
        <option key={x} value={x}>
          {t(`contacts.import.encodings.${x}`)}
        </option>
      ))}
    </select>
  );
}
