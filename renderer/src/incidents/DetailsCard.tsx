import { useState, type FormEvent } from 'react';
import type { Incident } from '../../../shared/incident/model';
import { useT } from '../i18n/i18n';
import { fromLocalInput, toLocalInput } from '../ui/format';
import { dispatch } from '../data/dispatch';

/** The history-DB columns of seed 000 that the reports do not fill: summary, completion, flags. */
export function DetailsCard({ incident }: { incident: Incident }) {
  const t = useT();
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
      <input id="details-completed" type="datetime-local" autoComplete="off" value={completedAt} onChange={(e) => setCompletedAt(e.target.value)} />
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
