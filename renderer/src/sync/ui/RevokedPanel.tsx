import { useEffect, useState } from 'react';
import { ReadOnlyError } from '../../data/dispatch';
import { hlcTime } from '../../../../shared/events/hlc';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../ui/format';
import { WipeWorkspaceForm } from '../../vault/WipeWorkspaceForm';
import { useSync } from './sync-store';
import './sync.css';

/**
 * What a revoked laptop shows above every screen: what happened and who did it, that the
 * laptop is now read only and why, where the data is, and the way out — wiping the
 * workspace without exporting anything, after typing a confirmation word.
 */
export function RevokedPanel() {
  const t = useT();
  const own = useSync((s) => s.roster.find((d) => d.deviceId === s.deviceId && d.revoked) ?? null);
  const byName = useSync((s) => (own?.revokedBy ? (s.roster.find((d) => d.deviceId === own.revokedBy)?.personName ?? '') : ''));
  const [refused, setRefused] = useState(false);
  // An edit some screen still let through was refused by the store: say so, never drop it silently.
  useEffect(() => {
    const onRejection = (e: PromiseRejectionEvent) => {
      if (!(e.reason instanceof ReadOnlyError)) return;
      e.preventDefault();
      setRefused(true);
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, []);
  if (!own) return null;

  const at = own.revokedAt ? formatDateTime(new Date(hlcTime(own.revokedAt)).toISOString(), t.lang) : '—';

  return (
    <section className="revoked-panel" aria-labelledby="revoked-title">
      <h2 id="revoked-title">{t('sync.revoked.title')}</h2>
      {refused && (
        <p role="alert" className="error">
          {t('sync.revoked.refused')}
        </p>
      )}
      <p>{byName ? t('sync.revoked.byWhom', { name: byName, at }) : t('sync.revoked.byUnknown', { at })}</p>
      <p>{t('sync.revoked.readOnly')}</p>
      <p>{t('sync.revoked.data')}</p>
      <p>{t('sync.revoked.mistake')}</p>
      <WipeWorkspaceForm title={t('sync.revoked.wipeTitle')} lead={t('sync.revoked.wipeLead')} action={t('sync.revoked.wipe')} />
    </section>
  );
}
