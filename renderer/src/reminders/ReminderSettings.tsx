import { ADVANCE_CHOICES, ESCALATE_AFTER_MINUTES } from '../../../shared/reminders/reminders';
import { useT } from '../i18n/i18n';
import { useSession } from '../vault/session-store';

/** How long before their own deadlines this laptop's person is warned (a device preference). */
export function ReminderSettings() {
  const t = useT();
  const minutes = useSession((s) => s.prefs.reminderAdvanceMinutes);
  const setPref = useSession((s) => s.setPref);
  return (
    <div className="card">
      <h2 className="sub" id="reminder-advance-title">{t('reminders.advance')}</h2>
      <label htmlFor="reminder-advance">{t('reminders.advanceLabel')}</label>
      <select id="reminder-advance" value={minutes} aria-describedby="reminder-advance-hint" onChange={(e) => void setPref('reminderAdvanceMinutes', Number(e.target.value))}>
        {ADVANCE_CHOICES.map((n) => (
          <option key={n} value={n}>
            {n === 0 ? t('reminders.advanceNone') : t('reminders.advanceMinutes', { n })}
          </option>
        ))}
      </select>
      <p className="hint" id="reminder-advance-hint">
        {t('reminders.advanceHint', { n: ESCALATE_AFTER_MINUTES })}
      </p>
    </div>
  );
}
