import { useState } from 'react';
import { useT } from '../i18n/i18n';

export function IncidentsScreen() {
  const t = useT();
  const [asked, setAsked] = useState(false);
  return (
    <section aria-labelledby="incidents-title">
      <h1 id="incidents-title">{t('incidents.title')}</h1>
      <div className="empty">
        <h2>{t('incidents.emptyTitle')}</h2>
        <p>{t('incidents.emptyLead')}</p>
        <button type="button" className="primary big" onClick={() => setAsked(true)}>
          {t('incidents.createFirst')}
        </button>
        {asked && <p role="status">{t('incidents.comingSoon')}</p>}
      </div>
    </section>
  );
}
