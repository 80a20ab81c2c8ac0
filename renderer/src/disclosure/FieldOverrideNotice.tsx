import type { FieldEdits } from '../../../shared/events/field-edits';
import { fieldOverride } from '../../../shared/events/field-edits';
import { useT } from '../i18n/i18n';
import { useActorName } from '../incidents/use-actor-name';
import { formatDateTime, hlcIso } from '../ui/format';
import { useReadOnly } from '../ui/read-only';
import { useSession } from '../vault/session-store';
import { dispatch } from '../data/dispatch';
import { editedFieldWords } from './timeline-summary';

/**
 * Beside a field of the PPC draft or the premises: my value that another laptop's edit
 * replaced without having seen it — who, what, when — until I dismiss it or put mine back.
 * The same words as the facts' overrides (shared/events/field-edits.ts).
 */
export function FieldOverrideNotice(props: { incidentId: string; field: string; edits: Record<string, FieldEdits> | undefined; restore: (mine: unknown) => void }) {
  const { incidentId, field } = props;
  const t = useT();
  const me = useSession((s) => s.identity?.personId ?? '');
  const readOnly = useReadOnly();
  const actorName = useActorName();
  const o = fieldOverride(field, props.edits?.[field], me);
  if (!o) return null;
  const words = {
    field: editedFieldWords(t, field).label,
    mine: editedFieldWords(t, field, o.mine.value).value,
    theirs: editedFieldWords(t, field, o.theirs.value).value,
    name: actorName(o.theirs.actor),
    myAt: formatDateTime(hlcIso(o.mine.at), t.lang),
    theirAt: formatDateTime(hlcIso(o.theirs.at), t.lang),
  };
  const [group, key] = [field.slice(0, field.indexOf('.')), field.slice(field.indexOf('.') + 1)];
  return (
    <div className="notice field-override" role="status" {...{ [`data-${group}-override`]: key }}>
      <p>{t('disclosure.fieldOverride.notice', words)}</p>
      {!readOnly && (
        <div className="actions">
          <button type="button" className="small" onClick={() => void dispatch('disclosure.dismiss-override', { incidentId, field })}>
            {t('disclosure.fieldOverride.dismiss')}
          </button>
          <button type="button" className="small" onClick={() => props.restore(o.mine.value)}>
            {t('disclosure.fieldOverride.restore')}
          </button>
        </div>
      )}
    </div>
  );
}
