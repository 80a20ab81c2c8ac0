import { useState } from 'react';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/dictionary';
import { exportErrorLog } from './export-log';

/** "Save the error log" for support, with what became of it. */
export function SaveLogButton({ primary = false }: { primary?: boolean }) {
  const t = useT();
  const [result, setResult] = useState<MessageKey | null>(null);
  async function save() {
    setResult(null);
    try {
      if ((await exportErrorLog()).saved) setResult('errors.saved');
    } catch (e) {
      // Not reported again: the log must not feed on its own failure.
      console.error('errors: the error log could not be exported', e);
      setResult('errors.saveFailed');
    }
  }
  return (
    <>
      <button type="button" className={primary ? 'primary' : undefined} onClick={() => void save()}>
        {t('errors.save')}
      </button>
      {result && (
        <span role="status" className={result === 'errors.saved' ? 'ok' : 'error'}>
          {t(result)}
        </span>
      )}
    </>
  );
}

/** Reloads the app: it starts locked, with everything saved still there. */
export function ReloadButton() {
  const t = useT();
  return (
    <button type="button" onClick={() => window.location.reload()}>
      {t('errors.reload')}
    </button>
  );
}
