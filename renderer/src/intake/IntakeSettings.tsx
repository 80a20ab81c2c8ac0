/**
 * Settings → the report page (decision 019): direction creates the workspace's intake key;
 * the app registers it with the team's host, which then serves the page; its address and a
 * QR code are shown to share inside the company. Replacing the key changes the address.
 */
import { useEffect, useState } from 'react';
import { intakePageUrl } from '../../../shared/intake/wire';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { useRoles } from '../roles/roles-store';
import { mayWrite } from '../../../shared/roles/table';
import { InviteQr } from '../sync/ui/InviteQr';
import { useSync } from '../sync/ui/sync-store';
import { checkIntakeHost, useIntake } from './intake-store';
import { HostStatus } from './HostStatus';
import './intake.css';

export function IntakeSettings() {
  const t = useT();
  const key = useIntake((s) => s.state.key);
  const serverUrl = useSync((s) => s.settings?.serverUrl ?? null);
  const may = useRoles((s) => !!s.book && !!s.me && mayWrite(s.book.rolesOf(s.me, null), 'intake.key-created'));
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const url = key && serverUrl ? intakePageUrl(serverUrl, key.intakeId) : null;
  // A new key is registered with the host as soon as this laptop holds it, so the page is served (and again at every check).
  const intakeId = key?.intakeId;
  useEffect(() => {
    if (intakeId && may) void checkIntakeHost();
  }, [intakeId, may]);

  async function create(replace: boolean) {
    setBusy(true);
    setProblem(null);
    try {
      await dispatch('intake.create-key', { replace });
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setProblem(err.problems.map((p) => (t.dict.intake.problem as Record<string, string>)[p.reason] ?? p.reason).join(' '));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <section className="card" aria-labelledby="intake-settings-title">
      <h2 id="intake-settings-title">{t('intake.settingsTitle')}</h2>
      <p className="hint">{t('intake.settingsLead')}</p>
      {!may && <p className="hint">{t('intake.onlyDirection')}</p>}
      {may && !key && (
        <button type="button" className="primary" disabled={busy} onClick={() => void create(false)}>
          {t('intake.create')}
        </button>
      )}
      {key && !serverUrl && <p className="hint" role="status">{t('intake.noTeam')}</p>}
      {url && (
        <div className="intake-url">
          <label htmlFor="intake-url">{t('intake.url')}</label>
          <input id="intake-url" readOnly value={url} autoComplete="off" onFocus={(e) => e.currentTarget.select()} />
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard?.writeText(url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t('intake.copied') : t('intake.copy')}
          </button>
          <div className="intake-qr">
            <InviteQr text={url} label={t('intake.qr')} />
          </div>
          <p className="hint">{t('intake.certNote')}</p>
          {may && <HostStatus />}
        </div>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {may && key && (
        <div className="actions">
          {confirming ? (
            <>
              <span>{t('intake.replaceConfirm')}</span>
              <button type="button" disabled={busy} onClick={() => void create(true)}>
                {t('intake.replace')}
              </button>
              <button type="button" className="ghost" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="ghost" onClick={() => setConfirming(true)}>
              {t('intake.replace')}
            </button>
          )}
          <p className="hint">{t('intake.replaceHint')}</p>
        </div>
      )}
    </section>
  );
}
