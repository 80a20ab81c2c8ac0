import { useState, type FormEvent } from 'react';
import { passphraseStrength } from '../../../shared/vault/strength';
import { useT } from '../i18n/i18n';
import { reportError } from '../errors/report';
import type { MessageKey } from '../i18n/dictionary';
import { useSession } from '../vault/session-store';
import { StrengthMeter } from '../vault/StrengthMeter';

export function PassphraseSettings() {
  const t = useT();
  const changePassphrase = useSession((s) => s.changePassphrase);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ key: MessageKey; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = passphraseStrength(next);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!strength.acceptable) return setMessage({ key: 'setup.weak', ok: false });
    if (next !== confirm) return setMessage({ key: 'setup.mismatch', ok: false });
    setBusy(true);
    let ok: boolean;
    try {
      ok = await changePassphrase(current, next);
    } catch (err) {
      // The old passphrase still opens the workspace (the vault record is written in one put).
      reportError(err);
      return;
    } finally {
      setBusy(false);
    }
    setMessage(ok ? { key: 'settings.changed', ok: true } : { key: 'settings.wrongCurrent', ok: false });
    if (ok) {
      setCurrent('');
      setNext('');
      setConfirm('');
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="pass-title" noValidate>
      <h2 id="pass-title">{t('settings.passphrase')}</h2>
      <p className="hint">{t('settings.passphraseLead')}</p>
      <label htmlFor="pass-current">{t('settings.current')}</label>
      <input id="pass-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      <label htmlFor="pass-next">{t('settings.next')}</label>
      <input id="pass-next" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} aria-describedby="pass-strength" />
      <StrengthMeter strength={strength} id="pass-strength" />
      <label htmlFor="pass-confirm">{t('settings.confirm')}</label>
      <input id="pass-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {t(message.key)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || current === ''}>
          {t('settings.change')}
        </button>
      </div>
    </form>
  );
}
