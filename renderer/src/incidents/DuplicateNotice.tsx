/**
 * An incident filed twice from one intake report (two laptops offline) shows, on the one
 * not kept, which incident the team carries on with, and the two ways out: open that one,
 * or close this one as a duplicate (completed, left out of the history DB; nothing deleted).
 */
import { useState } from 'react';
import type { Incident } from '../../../shared/incident/model';
import { dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { useNav } from '../shell/nav-store';
import { useReadOnly } from '../ui/read-only';
import { incidentList, useIntakeDuplicates } from './incidents-store';

export function DuplicateNotice({ incident }: { incident: Incident }) {
  const t = useT();
  const duplicates = useIntakeDuplicates();
  const keptId = duplicates.get(incident.id);
  const kept = incidentList.use((s) => s.rows.find((i) => i.id === keptId));
  const openIncident = useNav((s) => s.openIncident);
  const readOnly = useReadOnly();
  const [busy, setBusy] = useState(false);
  if (!keptId) return null;
  const title = kept?.title ?? '';
  const closed = incident.completedAt !== null;

  async function close() {
    setBusy(true);
    try {
      await dispatch('incident.change-details', { incidentId: incident.id, changes: { completedAt: new Date().toISOString(), excluded: true } });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="notice duplicate-notice" role="status" aria-labelledby="duplicate-title">
      <h2 id="duplicate-title">{t('intake.duplicate.title')}</h2>
      <p>{t(closed ? 'intake.duplicate.leadClosed' : 'intake.duplicate.lead', { title })}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => openIncident(keptId, 'overview')}>
          {t('intake.duplicate.openKept')}
        </button>
        {!closed && !readOnly && (
          <button type="button" disabled={busy} onClick={() => void close()}>
            {t('intake.duplicate.close')}
          </button>
        )}
      </div>
      {!closed && <p className="hint">{t('intake.duplicate.closeHint')}</p>}
    </section>
  );
}
