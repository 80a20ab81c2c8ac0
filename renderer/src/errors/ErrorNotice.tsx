import { useT } from '../i18n/i18n';
import { useErrors } from './error-store';
import { ReloadButton, SaveLogButton } from './LogActions';
import './errors.css';

/**
 * The calm message for an unexpected error: what happened in plain words, that nothing
 * saved is lost, what to do. It sits in a corner and takes no focus: the person may be in
 * the middle of typing, and the form they were using stays as it was.
 */
export function ErrorNotice() {
  const t = useT();
  const count = useErrors((s) => s.count);
  const dismiss = useErrors((s) => s.dismiss);
  if (count === 0) return null;
  return (
    <section className="error-notice" role="alert" aria-labelledby="error-notice-title">
      <h2 id="error-notice-title">
        {t('errors.notice.title')}
        {count > 1 && <span className="meta"> {t('errors.notice.repeated', { count })}</span>}
      </h2>
      <p>{t('errors.notice.lead')}</p>
      <h3>{t('errors.notice.whatToDo')}</h3>
      <ol>
        <li>{t('errors.notice.retry')}</li>
        <li>{t('errors.notice.reload')}</li>
        <li>{t('errors.notice.support')}</li>
      </ol>
      <div className="actions">
        <button type="button" className="primary" onClick={dismiss}>
          {t('errors.notice.close')}
        </button>
        <ReloadButton />
        <SaveLogButton />
      </div>
    </section>
  );
}
