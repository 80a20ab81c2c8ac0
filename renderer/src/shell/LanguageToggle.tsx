import { useT } from '../i18n/i18n';
import { useSession } from '../vault/session-store';

/** One button that switches between Japanese and English, labelled in the other language. */
export function LanguageToggle() {
  const t = useT();
  const setPref = useSession((s) => s.setPref);
  const other = t.lang === 'ja' ? 'en' : 'ja';
  return (
    <button type="button" className="ghost" lang={other} onClick={() => void setPref('lang', other)}>
      {t('lang.switchTo')}
    </button>
  );
}
