import { useState, type FormEvent } from 'react';
import type { LegalClock } from '../../../shared/disclosure/clocks';
import { incidentClocks } from '../../../shared/disclosure/effective';
import type { Language } from '../../../shared/ipc/contract';
import type { DisclosureRow } from '../../../shared/disclosure/regulator';
import type { Incident } from '../../../shared/incident/model';
import { useT } from '../i18n/i18n';
import { formatCalendarDate, formatDateTime, fromLocalInput, toLocalInput } from '../ui/format';
import { useNow } from '../ui/use-now';
import { clockName } from '../disclosure/labels';
import { dispatch } from '../data/dispatch';

/** A report's due day as the regulator panel shows it: the Tokyo date for the PPC reports (the last day of the preliminary window), the instant for GDPR's 72 hours. */
function dueText(c: LegalClock, lang: Language): string {
  if (c.kind === 'ppc-final' && c.date) return formatCalendarDate(c.date, lang);
  if (c.kind === 'ppc-preliminary' && c.window) return formatCalendarDate(c.window.to, lang);
  return formatDateTime(c.dueBy, lang);
}

/** The history-DB columns of seed 000 that the reports do not fill: summary, completion, flags. */
export function DetailsCard({ incident, disclosure }: { incident: Incident; disclosure: DisclosureRow | null }) {
  const t = useT();
  const now = useNow();
  // A report known to be required and still due does not end with the response: said beside the completion date.
  const unfiled = incidentClocks(incident, disclosure, now).clocks.filter((c) => c.applies === true && c.filed === null && c.dueBy !== null);
  const [summary, setSummary] = useState(incident.summary);
  const [completedAt, setCompletedAt] = useState(toLocalInput(incident.completedAt));
  const [excluded, setExcluded] = useState(incident.excluded);
  const [published, setPublished] = useState(incident.published);
  const [saved, setSaved] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    await dispatch('incident.change-details', { incidentId: incident.id, changes: { summary, completedAt: fromLocalInput(completedAt), excluded, published } });
    setSaved(true);
  }

  return (
    <form className="card" aria-labelledby="details-title" onSubmit={save} autoComplete="off">
      <h2 id="details-title">{t('details.title')}</h2>
      <label htmlFor="details-summary">{t('details.summary')}</label>
      <textarea id="details-summary" rows={3} autoComplete="off" value={summary} onChange={(e) => setSummary(e.target.value)} />
      <label htmlFor="details-completed">{t('details.completedAt')}</label>
      <input
        id="details-completed"
        type="datetime-local"
        autoComplete="off"
        value={completedAt}
        onChange={(e) => setCompletedAt(e.target.value)}
        aria-describedby={completedAt !== '' && unfiled.length > 0 ? 'details-unfiled' : undefined}
      />
      {completedAt !== '' && unfiled.length > 0 && (
        <p className="notice" id="details-unfiled">
          {t('details.reportsDue', { reports: unfiled.map((c) => t('details.reportDue', { report: clockName(t, c.kind), due: dueText(c, t.lang) })).join(t.dict.facts.listSeparator) })}
        </p>
      )}
      <label className="inline">
        <input type="checkbox" checked={excluded} onChange={(e) => setExcluded(e.target.checked)} />
        {t('details.excluded')}
      </label>
      <label className="inline">
        <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} />
        {t('details.published')}
      </label>
      <div className="actions">
        <button type="submit">{t('details.save')}</button>
        {saved && <span role="status">{t('details.saved')}</span>}
      </div>
    </form>
  );
}
