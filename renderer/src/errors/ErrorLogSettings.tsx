import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import { KEEP_ON_DISK, errorLog } from './error-log';
import { useErrors } from './error-store';
import { SaveLogButton } from './LogActions';

/** Settings: how many entries the error log holds, and saving it for support. */
export function ErrorLogSettings() {
  const t = useT();
  const faults = useErrors((s) => s.count);
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void errorLog.entries().then((entries) => live && setCount(entries.length));
    return () => {
      live = false;
    };
  }, [faults]);
  return (
    <section className="card" aria-labelledby="error-log-title">
      <h2 id="error-log-title">{t('errors.settings.title')}</h2>
      <p className="hint">{t('errors.settings.lead', { keep: KEEP_ON_DISK })}</p>
      <p>{count === null ? '…' : count === 0 ? t('errors.settings.none') : t('errors.settings.count', { count })}</p>
      <div className="actions">
        <SaveLogButton />
      </div>
    </section>
  );
}
