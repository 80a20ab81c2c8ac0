import type { Language } from '../../../shared/ipc/contract';
import { IDLE_CHOICES } from '../data/prefs';
import { useT } from '../i18n/i18n';
import { useSession } from '../vault/session-store';

const LANGS: Language[] = ['ja', 'en'];

export function LanguageSettings() {
  const t = useT();
  const prefs = useSession((s) => s.prefs);
  const setPref = useSession((s) => s.setPref);
  return (
    <div className="card">
      <fieldset>
        <legend id="language-title">{t('settings.language')}</legend>
        {LANGS.map((l) => (
          <label key={l} className="inline" lang={l}>
            <input type="radio" name="lang" value={l} checked={prefs.lang === l} onChange={() => void setPref('lang', l)} />
            {t(`lang.${l}`)}
          </label>
        ))}
      </fieldset>
      <h2 className="sub" id="idle-title">{t('settings.idle')}</h2>
      <label htmlFor="idle-minutes">{t('settings.idleLabel')}</label>
      <select
        id="idle-minutes"
        value={prefs.idleMinutes}
        onChange={(e) => void setPref('idleMinutes', Number(e.target.value))}
      >
        {IDLE_CHOICES.map((n) => (
          <option key={n} value={n}>
            {t('settings.idleMinutes', { n })}
          </option>
        ))}
      </select>
    </div>
  );
}
