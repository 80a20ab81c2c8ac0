import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../../shared/people/profile';
import { unwrapMasterKey, WrongPassphraseError } from '../../../../shared/vault/vault';
import { readVaultRecord } from '../../data/workspace';
import { useT } from '../../i18n/i18n';
import { reportError } from '../../errors/report';
import type { MessageKey } from '../../i18n/dictionary';
import { database } from '../../vault/session-store';
import { offThreadKdf } from '../../vault/kdf-off-thread';
import { hostInvite, type HostedInvite } from '../join';
import { InviteQr } from './InviteQr';
import { currentSyncClient, syncContext } from './sync-store';
import { formatDateTime } from '../../ui/format';

type Phase = { kind: 'idle' } | { kind: 'waiting'; invite: HostedInvite } | { kind: 'admitted'; name: string } | { kind: 'ended' };

/**
 * Invites one member: the host re-enters the passphrase (the master key is read back
 * only for this), the code is shown with its QR, and the joiner is admitted when they
 * answer with the code.
 */
export function InvitePanel() {
  const t = useT();
  const [pass, setPass] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: MessageKey; message?: string } | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const live = useRef<HostedInvite | null>(null);

  // Leaving the screen withdraws an invite nobody used.
  useEffect(() => () => live.current?.cancel(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ctx = syncContext();
    const record = await readVaultRecord(database());
    if (!ctx || !record) return;
    setBusy(true);
    setError(null);
    let master: Uint8Array | undefined;
    try {
      master = await unwrapMasterKey(record, pass, offThreadKdf());
      const invite = await hostInvite({
        store: ctx.store,
        masterKey: master,
        serverUrl: ctx.settings.serverUrl,
        fingerprint: ctx.settings.fingerprint ?? null,
        room: ctx.settings.room,
        root: ctx.settings.root,
        hostDevice: ctx.me.identity.deviceId,
        roles,
        roster: currentSyncClient()?.roster,
      });
      live.current = invite;
      setPass('');
      setPhase({ kind: 'waiting', invite });
      void invite.admitted.then(
        (device) => {
          if (live.current !== invite) return;
          live.current = null;
          setPhase(device ? { kind: 'admitted', name: device.personName } : { kind: 'ended' });
        },
        () => setPhase({ kind: 'ended' }),
      );
    } catch (err) {
      if (err instanceof WrongPassphraseError) setError({ key: 'sync.invite.wrongPassphrase' });
      else reportError(err);
    } finally {
      master?.fill(0);
      setBusy(false);
    }
  }

  function cancel() {
    live.current?.cancel();
    live.current = null;
    setPhase({ kind: 'idle' });
  }

  return (
    <section aria-labelledby="sync-invite-title">
      <h3 id="sync-invite-title">{t('sync.invite.title')}</h3>
      {phase.kind === 'waiting' ? (
        <div>
          <p id="invite-code-label">{t('sync.invite.code')}</p>
          <p className="invite-code" data-invite-code={phase.invite.code}>
            {phase.invite.code}
          </p>
          <p className="hint">{t('sync.invite.codeHint')}</p>
          <div className="invite-qr">
            <InviteQr text={phase.invite.qr} label={t('sync.invite.qr')} />
            <div>
              <p className="hint">{t('sync.invite.qrText')}</p>
              <code>{phase.invite.qr}</code>
            </div>
          </div>
          <p role="status">{t('sync.invite.waiting')}</p>
          <p className="hint">{t('sync.invite.expires', { time: formatDateTime(new Date(phase.invite.expiresAt).toISOString(), t.lang) })}</p>
          <button type="button" onClick={cancel}>
            {t('sync.invite.cancel')}
          </button>
        </div>
      ) : (
        <>
          {phase.kind === 'admitted' && (
            <p role="status" className="ok">
              {t('sync.invite.admitted', { name: phase.name })}
            </p>
          )}
          {phase.kind === 'ended' && <p role="status">{t('sync.invite.ended')}</p>}
          <form onSubmit={submit} aria-labelledby="sync-invite-title" noValidate>
            <p className="hint">{t('sync.invite.lead')}</p>
            <fieldset>
              <legend>{t('sync.invite.roles')}</legend>
              {ROLES.map((role) => (
                <label key={role} className="inline">
                  <input
                    type="checkbox"
                    checked={roles.includes(role)}
                    onChange={() => setRoles((rs) => (rs.includes(role) ? rs.filter((r) => r !== role) : [...rs, role]))}
                  />
                  {t(`roles.${role}`)}
                </label>
              ))}
            </fieldset>
            <label htmlFor="invite-pass">{t('sync.invite.passphrase')}</label>
            <input id="invite-pass" type="password" autoComplete="current-password" value={pass} onChange={(e) => setPass(e.target.value)} />
            {error && (
              <p role="alert" className="error">
                {t(error.key, { message: error.message ?? '' })}
              </p>
            )}
            <div className="actions">
              <button type="submit" className="primary" disabled={busy || pass === ''}>
                {busy ? t('sync.invite.working') : phase.kind === 'idle' ? t('sync.invite.create') : t('sync.invite.another')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
