import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n';
import { useSession } from './session-store';
import './wipe.css';

/** Whether what was typed is the confirmation word: full-width letters, spaces around it and case do not matter. */
export const confirmsWord = (typed: string, word: string): boolean => typed.normalize('NFKC').trim().toUpperCase() === word.normalize('NFKC').toUpperCase();

interface Props {
  title: string;
  lead: string;
  /** The button's words. */
  action: string;
}

/**
 * Erasing this laptop's workspace, after typing a confirmation word: the whole database goes
 * (useSession().wipe) and the app starts again at setup, where the laptop can join a team
 * with a new invite. Used by a revoked laptop and by someone who forgot the passphrase.
 */
export function WipeWorkspaceForm({ title, lead, action }: Props) {
  const t = useT();
  const wipe = useSession((s) => s.wipe);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const word = t('sync.revoked.confirmWord');
  const confirmed = confirmsWord(typed, word);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!confirmed) return;
    setBusy(true);
    await wipe();
  }

  return (
    <form onSubmit={submit} autoComplete="off" aria-labelledby={`${id}-title`} className="wipe-form">
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="hint">{lead}</p>
      <label htmlFor={`${id}-confirm`}>{t('sync.revoked.confirmLabel', { word })}</label>
      <div className="wipe-row">
        <input id={`${id}-confirm`} autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="danger" disabled={!confirmed || busy}>
          {busy ? t('sync.revoked.wiping') : action}
        </button>
      </div>
    </form>
  );
}
