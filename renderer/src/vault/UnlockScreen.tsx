import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n';
import { reportError } from '../errors/report';
import { LanguageToggle } from '../shell/LanguageToggle';
import { useSession } from './session-store';
import { prepareKdf } from './kdf-off-thread';
import { WipeWorkspaceForm } from './WipeWorkspaceForm';

export function UnlockScreen() {
  const t = useT();
  const unlock = useSession((s) => s.unlock);
  const lockReason = useSession((s) => s.lockReason);
  const [pass, setPass] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  // Argon2id's worker starts while the person types (and again after a wrong passphrase).
  useEffect(() => {
    if (!busy) prepareKdf();
  }, [busy]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setWrong(false);
    try {
      if (await unlock(pass)) return;
      setWrong(true);
      setPass('');
    } catch (err) {
      // Erased meanwhile (here or in another window): the unlock it overtook is not a fault.
      if (useSession.getState().status !== 'locked') return;
      // Not a wrong passphrase: the one handler says what to do; the form stays usable.
      reportError(err);
    }
    setBusy(false);
  }

  return (
    <main className="centered stacked">
      <div className="corner">
        <LanguageToggle />
      </div>
      <form className="card narrow" onSubmit={submit} aria-labelledby="unlock-title">
        <p className="brand">{t('app.subtitle')}</p>
        <h1 id="unlock-title">{t('unlock.title')}</h1>
        {lockReason && (
          <p role="status" className="notice">
            {lockReason === 'idle' ? t('unlock.lockedIdle') : t('unlock.locked')}
          </p>
        )}
        <p>{t('unlock.lead')}</p>
        <label htmlFor="unlock-pass">{t('unlock.passphrase')}</label>
        <input
          id="unlock-pass"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={pass}
          onChange={(e) => setPass(e.target.value)}
          aria-invalid={wrong}
          aria-describedby={wrong ? 'unlock-error' : undefined}
        />
        {wrong && (
          <p role="alert" className="error" id="unlock-error">
            {t('unlock.wrong')}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || pass === ''}>
          {busy ? t('unlock.working') : t('unlock.submit')}
        </button>
      </form>
      {/* The way out for someone who forgot it: nothing can open the data, so erase and join the team again. */}
      <details className="card narrow forgot-passphrase">
        <summary>{t('unlock.forgot.summary')}</summary>
        <p>{t('unlock.forgot.cannot')}</p>
        <p>{t('unlock.forgot.team')}</p>
        <WipeWorkspaceForm title={t('unlock.forgot.title')} lead={t('unlock.forgot.lead')} action={t('unlock.forgot.wipe')} />
      </details>
    </main>
  );
}
