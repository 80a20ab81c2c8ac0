import { useState, type FormEvent } from 'react';
import { inviteFromFields, InviteError } from '../../../../shared/sync/invite';
import { passphraseStrength } from '../../../../shared/vault/strength';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/vault/vault';
import { useT } from '../../i18n/i18n';
import { reportError } from '../../errors/report';
import type { MessageKey } from '../../i18n/dictionary';
import { useSession } from '../../vault/session-store';
import { StrengthMeter } from '../../vault/StrengthMeter';
import { CertificateMismatchError } from './join-flow';
import { isServerUrl } from './sync-store';
import './sync.css';

/** First start on a new laptop: join a team with the server address and the invite code. */
export function JoinTeamForm({ onBack }: { onBack: () => void }) {
  const t = useT();
  const join = useSession((s) => s.join);
  const [server, setServer] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<{ key: MessageKey; message?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [filled, setFilled] = useState(false);
  /** The host's certificate fingerprint, when the QR code carried one (pinned before connecting). */
  const [fingerprint, setFingerprint] = useState<string | undefined>(undefined);
  const strength = passphraseStrength(pass);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (looksLikeInviteText(server) || looksLikeInviteText(code)) return setError({ key: 'sync.join.badInviteText' });
    if (!isServerUrl(server)) return setError({ key: 'sync.start.badUrl' });
    if (code.trim() === '') return setError({ key: 'sync.join.codeRequired' });
    if (name.trim() === '') return setError({ key: 'setup.nameRequired' });
    if (!strength.acceptable) return setError({ key: 'setup.weak' });
    if (pass !== confirm) return setError({ key: 'setup.mismatch' });
    setError(null);
    setBusy(true);
    try {
      await join({ serverUrl: server, code, name, passphrase: pass, ...(fingerprint ? { fingerprint } : {}) });
    } catch (err) {
      if (err instanceof InviteError) setError({ key: err.reason === 'expired' ? 'sync.join.expired' : 'sync.join.wrongCode' });
      else if (err instanceof CertificateMismatchError) setError({ key: 'sync.join.certMismatch' });
      else if (/did not answer|WebSocket/i.test((err as Error).message)) setError({ key: 'sync.join.unreachable' });
      else reportError(err);
      setBusy(false);
    }
  }

  /** The QR code's text, pasted or scanned into either field, fills both. */
  function change(field: 'server' | 'code', value: string) {
    const invite = inviteFromFields(field === 'server' ? value : server, field === 'code' ? value : code);
    if (invite && looksLikeInviteText(value)) {
      setServer(invite.serverUrl);
      setCode(invite.code);
      setFingerprint(invite.fingerprint);
      setFilled(true);
      setError(null);
      return;
    }
    setFilled(false);
    setFingerprint(undefined);
    if (field === 'server') setServer(value);
    else setCode(value);
  }

  return (
    <form className="card narrow" onSubmit={submit} aria-labelledby="join-title" autoComplete="off" noValidate>
      <p className="brand">{t('app.subtitle')}</p>
      <h1 id="join-title">{t('sync.join.title')}</h1>
      <p>{t('sync.join.lead')}</p>
      <label htmlFor="join-server">{t('sync.join.server')}</label>
      <input id="join-server" type="url" inputMode="url" autoComplete="off" spellCheck={false} value={server} onChange={(e) => change('server', e.target.value)} />
      <label htmlFor="join-code">{t('sync.join.code')}</label>
      <input
        id="join-code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={code}
        onChange={(e) => change('code', e.target.value)}
        aria-describedby="join-code-hint"
      />
      <p className="hint" id="join-code-hint">
        {t('sync.join.codeHint')}
      </p>
      {filled && (
        <p role="status" className="ok">
          {t('sync.join.filledFromQr')}
        </p>
      )}
      <label htmlFor="join-name">{t('sync.join.name')}</label>
      <input id="join-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
      <p className="notice">{t('setup.warning')}</p>
      <label htmlFor="join-pass">{t('sync.join.passphrase')}</label>
      <input
        id="join-pass"
        type="password"
        autoComplete="new-password"
        value={pass}
        onChange={(e) => setPass(e.target.value)}
        aria-describedby="join-pass-hint join-strength"
      />
      <p className="hint" id="join-pass-hint">
        {t('setup.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
      </p>
      <StrengthMeter strength={strength} id="join-strength" />
      <label htmlFor="join-confirm">{t('sync.join.confirm')}</label>
      <input id="join-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      {error && (
        <p role="alert" className="error">
          {t(error.key, { message: error.message ?? '' })}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('sync.join.working') : t('sync.join.submit')}
      </button>
      <p className="setup-switch">
        <button type="button" className="linklike" onClick={onBack}>
          {t('sync.join.back')}
        </button>
      </p>
    </form>
  );
}

function looksLikeInviteText(text: string): boolean {
  return /honbu-invite:/i.test(text);
}
