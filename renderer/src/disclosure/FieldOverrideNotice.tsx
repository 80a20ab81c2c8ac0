import { fieldOverride, type FieldEdits, type FieldOverride } from '../../../shared/events/field-edits';
import { useT } from '../i18n/i18n';
import { useActorName } from '../incidents/use-actor-name';
import { formatDateTime, hlcIso } from '../ui/format';
import { useReadOnly } from '../ui/read-only';
import { useSession } from '../vault/session-store';
import { dispatch } from '../data/dispatch';
import { editedFieldWords } from './timeline-summary';

/** My override on one field of a row's edits, for the person working on this laptop. */
export function useFieldOverride(field: string, edits: Record<string, FieldEdits> | undefined): FieldOverride | null {
  const me = useSession((s) => s.identity?.personId ?? '');
  return fieldOverride(field, edits?.[field], me);
}

/**
 * Beside a field: my value that another laptop's edit replaced without having seen it —
 * who, what, when — until I dismiss it or put mine back. The same words wherever it is
 * used (PPC draft, premises, company profile, document sections), as the facts' overrides.
 */
export function OverrideNotice(props: {
  override: FieldOverride | null;
  label: string;
  valueText: (value: unknown) => string;
  /** `data-<group>-override="<key>"`, by which tests and people's tools find it. */
  group: string;
  onDismiss: () => void;
  onRestore: (mine: unknown) => void;
}) {
  const { override: o, group } = props;
  const t = useT();
  const readOnly = useReadOnly();
  const actorName = useActorName();
  if (!o) return null;
  const key = o.field.slice(o.field.indexOf('.') + 1);
  const words = {
    field: props.label,
    mine: props.valueText(o.mine.value),
    theirs: props.valueText(o.theirs.value),
    name: actorName(o.theirs.actor),
    myAt: formatDateTime(hlcIso(o.mine.at), t.lang),
    theirAt: formatDateTime(hlcIso(o.theirs.at), t.lang),
  };
  return (
    <div className="notice field-override" role="status" {...{ [`data-${group}-override`]: key }}>
      <p>{t('disclosure.fieldOverride.notice', words)}</p>
      {!readOnly && (
        <div className="actions">
          <button type="button" className="small" onClick={props.onDismiss}>
            {t('disclosure.fieldOverride.dismiss')}
          </button>
          <button type="button" className="small" onClick={() => props.onRestore(o.mine.value)}>
            {t('disclosure.fieldOverride.restore')}
          </button>
        </div>
      )}
    </div>
  );
}

/** On a field of the PPC draft or the premises (`ppc.cause`, `settings.learnedAt`). */
export function FieldOverrideNotice(props: { incidentId: string; field: string; edits: Record<string, FieldEdits> | undefined; restore: (mine: unknown) => void }) {
  const { incidentId, field } = props;
  const t = useT();
  const o = useFieldOverride(field, props.edits);
  return (
    <OverrideNotice
      override={o}
      group={field.slice(0, field.indexOf('.'))}
      label={editedFieldWords(t, field).label}
      valueText={(v) => editedFieldWords(t, field, v).value}
      onDismiss={() => void dispatch('disclosure.dismiss-override', { incidentId, field })}
      onRestore={props.restore}
    />
  );
}
