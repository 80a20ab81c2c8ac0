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
