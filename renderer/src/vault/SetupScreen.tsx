import { useState, type FormEvent } from 'react';
import { passphraseStrength } from '../../../shared/vault/strength';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/vault/vault';
import { useT } from '../i18n/i18n';
import { reportError } from '../errors/report';
import { problem, say, type Message } from '../ui/message';
import { LanguageToggle } from '../shell/LanguageToggle';
import { JoinTeamForm } from '../sync/ui/JoinTeamForm';
import { useSession } from './session-store';
import { StrengthMeter } from './StrengthMeter';

export function SetupScreen() {
  const t = useT();
  const create = useSession((s) => s.create);
  const erased = useSession((s) => s.lockReason === 'erased');
  const [name, setName] = useState('');
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [joining, setJoining] = useState(false);
  const strength = passphraseStrength(pass);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '') return setError(problem('setup.nameRequired'));
    if (!strength.acceptable) return setError(problem('setup.weak'));
    if (pass !== confirm) return setError(problem('setup.mismatch'));
    setError(null);
    setBusy(true);
    try {
      await create(pass, name);
    } catch (err) {
      // Unexpected (the passphrase and name were checked above): the one handler says so, the form keeps what was typed.
      reportError(err);
      setBusy(false);
    }
  }

  if (joining) {
    return (
      <main className="centered">
        <div className="corner">
          <LanguageToggle />
        </div>
        <JoinTeamForm onBack={() => setJoining(false)} />
      </main>
    );
  }

  return (
    <main className="centered">
      <div className="corner">
        <LanguageToggle />
      </div>
      <form className="card narrow" onSubmit={submit} aria-labelledby="setup-title" autoComplete="off" noValidate>
        <p className="brand">{t('app.subtitle')}</p>
        <h1 id="setup-title">{t('setup.title')}</h1>
        {erased && (
          <p role="status" className="notice">
            {t('setup.erasedElsewhere')}
          </p>
        )}
        <p>{t('setup.lead')}</p>
        <p className="notice">{t('setup.warning')}</p>
        <label htmlFor="setup-name">{t('setup.name')}</label>
        <input id="setup-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} aria-describedby="setup-name-hint" />
        <p className="hint" id="setup-name-hint">{t('setup.nameHint')}</p>
        <label htmlFor="setup-pass">{t('setup.passphrase')}</label>
        <input
          id="setup-pass"
          type="password"
          autoComplete="new-password"
          value={pass}
          onChange={(e) => setPass(e.target.value)}
          aria-describedby="setup-pass-hint setup-strength"
        />
        <p className="hint" id="setup-pass-hint">{t('setup.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}</p>
        <StrengthMeter strength={strength} id="setup-strength" />
        <label htmlFor="setup-confirm">{t('setup.confirm')}</label>
        <input id="setup-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        {error && (
          <p role="alert" className="error">
            {say(t, error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('setup.creating') : t('setup.create')}
        </button>
        <p className="setup-switch">
          <button type="button" className="linklike" onClick={() => setJoining(true)}>
            {t('sync.join.link')}
          </button>
        </p>
      </form>
    </main>
  );
}
