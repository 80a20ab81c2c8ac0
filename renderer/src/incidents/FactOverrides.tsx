import { useState } from 'react';
import type { Incident } from '../../../shared/incident/model';
import { overridesOf, type FactEdits, type FactOverride } from '../../../shared/incident/overrides';
import { useT } from '../i18n/i18n';
import { formatDateTime, hlcIso } from '../ui/format';
import { useReadOnly } from '../ui/read-only';
import { useSession } from '../vault/session-store';
import { CommandRefused, dispatch } from '../data/dispatch';
import { factText } from './FactList';
import { useActorName } from './use-actor-name';

/**
 * On the facts card: each value of mine that a change from another laptop replaced
 * without having seen it — who, what, when — until I dismiss it or put mine back.
 */
export function FactOverrides({ incident, factEdits }: { incident: Incident; factEdits: FactEdits[] }) {
  const t = useT();
  const me = useSession((s) => s.identity?.personId ?? '');
  const readOnly = useReadOnly();
  const actorName = useActorName();
  // Kept as the override itself, worded when rendered (in the language on screen then).
  const [restored, setRestored] = useState<FactOverride | null>(null);
  const [failed, setFailed] = useState(false);
  // From the fact-edits projection (one small row per fact), never a fold over the events.
  const overrides = overridesOf(factEdits, me);
  if (overrides.length === 0 && !restored && !failed) return null;

  const words = (o: FactOverride) => ({
    fact: t(`facts.${o.fact}`),
    mine: factText(t, o.fact, o.mine.value),
    theirs: factText(t, o.fact, o.theirs.value),
    name: actorName(o.theirs.actor),
    myAt: formatDateTime(hlcIso(o.mine.at), t.lang),
    theirAt: formatDateTime(hlcIso(o.theirs.at), t.lang),
  });

  async function restore(o: FactOverride) {
    setFailed(false);
    try {
      await dispatch('incident.change-facts', { incidentId: incident.id, changes: { [o.fact]: o.mine.value }, startedFrom: incident.stamps });
      setRestored(o);
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setFailed(true);
    }
  }

  return (
    <section className="overrides" aria-labelledby="overrides-title">
      {overrides.length > 0 && <h3 id="overrides-title">{t('overrides.title')}</h3>}
      <ul>
        {overrides.map((o) => {
          const w = words(o);
          return (
            <li key={`${o.fact}:${o.theirs.eventId}`} className="notice" data-fact-override={o.fact}>
              <p>{t('overrides.notice', w)}</p>
              {!readOnly && (
                <div className="actions">
                  <button type="button" onClick={() => void dispatch('incident.dismiss-override', { incidentId: incident.id, override: o })}>
                    {t('overrides.dismiss')}
                  </button>
                  <button type="button" onClick={() => void restore(o)}>
                    {t('overrides.restore', { mine: w.mine })}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {restored && (
        <p role="status" className="ok">
          {t('overrides.restored', words(restored))}
        </p>
      )}
      {failed && (
        <p role="alert" className="error">
          {t('overrides.restoreFailed')}
        </p>
      )}
    </section>
  );
}
