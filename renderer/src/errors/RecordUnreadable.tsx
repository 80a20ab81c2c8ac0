/**
 * What the screens say when a read left out events that could not be opened (altered on disk
 * or damaged: decision 040, data/unreadable.ts): calmly, in the place it concerns, with a way
 * to save the error log for support. No event, id or reason is shown.
 */
import { useAnyRecordUnreadable, useRecordUnreadable } from '../data/unreadable';
import { useT } from '../i18n/i18n';
import { SaveLogButton } from './LogActions';

/** On the incident screen, above every tab: part of this incident's record cannot be opened. */
export function IncidentRecordUnreadable({ incidentId, closing = false }: { incidentId: string; closing?: boolean }) {
  const t = useT();
  if (!useRecordUnreadable(incidentId)) return null;
  return (
    <section className="card record-unreadable" role="status" aria-labelledby="record-unreadable-title" data-record-unreadable>
      <h2 id="record-unreadable-title">{t('errors.unreadable.incidentTitle')}</h2>
      <p>{t('errors.unreadable.incident')}</p>
      {closing && <p>{t('errors.unreadable.closing')}</p>}
      <p>{t('errors.unreadable.support')}</p>
      <SaveLogButton />
    </section>
  );
}

/** Above the screens that read across incidents or the workspace's own records (the list, my work, the directory, settings). */
export function RecordsUnreadableBanner() {
  const t = useT();
  if (!useAnyRecordUnreadable()) return null;
  return (
    <section className="card record-unreadable" role="status" aria-labelledby="records-unreadable-title" data-record-unreadable>
      <h2 id="records-unreadable-title">{t('errors.unreadable.title')}</h2>
      <p>{t('errors.unreadable.lead')}</p>
      <p>{t('errors.unreadable.support')}</p>
      <SaveLogButton />
    </section>
  );
}

/** The incident list's mark on an incident part of whose record cannot be opened. */
export function RecordUnreadableMark({ incidentId }: { incidentId: string }) {
  const t = useT();
  if (!useRecordUnreadable(incidentId)) return null;
  return <span className="badge unreadable">{t('errors.unreadable.mark')}</span>;
}
