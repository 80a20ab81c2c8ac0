import { CompanySettings } from './CompanySettings';
import { LanguageSettings } from './LanguageSettings';
import { PassphraseSettings } from './PassphraseSettings';
import { ProfileSettings } from './ProfileSettings';
import { ReminderSettings } from '../reminders/ReminderSettings';
import { ReminderChannels } from '../reminders/ReminderChannels';
import { ErrorLogSettings } from '../errors/ErrorLogSettings';
import { useT } from '../i18n/i18n';
import { SyncSettings } from '../sync/ui/SyncSettings';
import { AlertSettings } from '../alerts/AlertSettings';
import { RolesPanel } from '../roles/RolesPanel';
import { useOperatorMode } from '../roles/roles-store';
import { IntakeSettings } from '../intake/IntakeSettings';
import type { MessageKey } from '../i18n/dictionary';
import { focusWhenShown } from '../ui/focus';

/** The page's parts, in order: the heading each jump goes to, and its words. */
const PARTS: readonly (readonly [id: string, key: MessageKey])[] = [
  ['language-title', 'settings.language'],
  ['idle-title', 'settings.idle'],
  ['reminder-advance-title', 'reminders.advance'],
  ['reminder-channels-title', 'reminders.channels'],
  ['profile-title', 'settings.profile'],
  ['roles-title', 'permissions.title'],
  ['company-title', 'company.title'],
  ['pass-title', 'settings.passphrase'],
  ['sync-title', 'sync.title'],
  ['alerts-settings-title', 'alerts.settingsTitle'],
  ['intake-settings-title', 'intake.settingsTitle'],
  ['error-log-title', 'errors.settings.title'],
];

/**
 * A long page (a dozen parts, several screens tall): its parts listed at the top, each a jump
 * to its heading, which takes the focus so the keyboard and a screen reader go on from there.
 */
function SettingsContents() {
  const t = useT();
  return (
    <nav className="settings-contents" aria-label={t('settings.contents')}>
      <ul>
        {PARTS.map(([id, key]) => (
          <li key={id}>
            <a
              href={`#${id}`}
              onClick={(e) => {
                // The app keeps its own place: the address is not changed.
                e.preventDefault();
                document.getElementById(id)?.scrollIntoView({ block: 'start' });
                focusWhenShown(`#${id}`);
              }}
            >
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SettingsScreen() {
  const t = useT();
  const operator = useOperatorMode();
  // Operator mode (decision 016): its own language, profile (with the auto-lock) and passphrase only.
  if (operator) {
    return (
      <section aria-labelledby="settings-title" className="settings">
        <h1 id="settings-title">{t('settings.title')}</h1>
        <LanguageSettings />
        <ReminderSettings />
        <ProfileSettings />
        <PassphraseSettings />
      </section>
    );
  }
  return (
    <section aria-labelledby="settings-title" className="settings">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <SettingsContents />
      <LanguageSettings />
      <ReminderSettings />
      <ReminderChannels />
      <ProfileSettings />
      <RolesPanel />
      <CompanySettings />
      <PassphraseSettings />
      <SyncSettings />
      <AlertSettings />
      <IntakeSettings />
      <ErrorLogSettings />
    </section>
  );
}
