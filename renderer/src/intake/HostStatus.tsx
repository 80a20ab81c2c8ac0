/** How the last look at the host for reports went, in words, with a way to look again. */
import { useT } from '../i18n/i18n';
import { formatDateTime } from '../ui/format';
import { checkIntakeHost, useIntake } from './intake-store';

export function HostStatus() {
  const t = useT();
  const host = useIntake((s) => s.host);
  const text =
    host.kind === 'ok' ? t('intake.status.ok', { time: formatDateTime(new Date(host.at).toISOString(), t.lang), n: host.added }) : t(`intake.status.${host.kind}`);
  return (
    <p className="intake-host" role="status">
      {text}{' '}
      <button type="button" disabled={host.kind === 'checking'} onClick={() => void checkIntakeHost()}>
        {t('intake.checkNow')}
      </button>
    </p>
  );
}
