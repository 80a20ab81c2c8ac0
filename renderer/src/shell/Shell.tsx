import { DirectoryScreen } from '../directory/DirectoryScreen';
import { useCallback, useEffect, useState } from 'react';
import { ErrorBoundary } from '../errors/ErrorBoundary';
import { RecordsUnreadableBanner } from '../errors/RecordUnreadable';
import { useT } from '../i18n/i18n';
import { TemplatesScreen } from '../boards/TemplatesScreen';
import { FirstReportForm } from '../incidents/FirstReportForm';
import { IncidentScreen } from '../incidents/IncidentScreen';
import { IncidentsScreen } from '../incidents/IncidentsScreen';
import { isElectron, onMenuCommand } from '../platform/platform';
import { printScreen } from '../access/print';
import { SettingsScreen } from '../settings/SettingsScreen';
import { MyWorkScreen } from '../reminders/MyWorkScreen';
import { OfflineBanner, SyncChip, useRevokedHere } from '../sync/ui/SyncIndicators';
import { RevokedPanel } from '../sync/ui/RevokedPanel';
import { ReadOnlyArea, ReadOnlyProvider } from '../ui/read-only';
import { useSession } from '../vault/session-store';
import { useIdleLock } from '../vault/use-idle-lock';
import { AboutDialog } from './AboutDialog';
import { LanguageToggle } from './LanguageToggle';
import { useNav, type Screen } from './nav-store';
import { menuAction } from './menu-commands';
import { operatorModeNow, useOperatorMode } from '../roles/roles-store';
import { say, problem, type Message } from '../ui/message';
import { InboxScreen } from '../intake/InboxScreen';
import { useInboxWaiting } from '../intake/use-inbox';

const NAV = ['incidents', 'my-work', 'templates', 'directory', 'settings'] as const satisfies readonly Screen[];
/** With the report inbox (decision 019), for whoever may handle reports. */
const NAV_WITH_INBOX = ['incidents', 'my-work', 'inbox', 'templates', 'directory', 'settings'] as const satisfies readonly Screen[];
/** Operator mode (decision 016): its incidents' three screens and its own settings, nothing else. */
const OPERATOR_NAV = ['incidents', 'settings'] as const satisfies readonly Screen[];
const OPERATOR_SCREENS: readonly Screen[] = ['incidents', 'incident', 'settings'];

export function Shell() {
  const t = useT();
  const { screen, go, setAbout } = useNav();
  const me = useSession((s) => s.me);
  const lock = useSession((s) => s.lock);
  const idleMinutes = useSession((s) => s.prefs.idleMinutes);
  const lockIdle = useCallback(() => lock('idle'), [lock]);
  useIdleLock(idleMinutes, true, lockIdle);
  const revoked = useRevokedHere();
  const operator = useOperatorMode();
  const [refusal, setRefusal] = useState<Message | null>(null);
  const inbox = useInboxWaiting();
  const nav = operator ? OPERATOR_NAV : inbox.may ? NAV_WITH_INBOX : NAV;
  // Whatever set the screen (a button, the menu, the nav store), an operator sees only its own.
  const allowed = !operator || OPERATOR_SCREENS.includes(screen);

  useEffect(
    () =>
      onMenuCommand((command) => {
        // The menu's commands arrive whatever the menu shows: operator mode is judged here.
        const action = menuAction(command, operatorModeNow());
        if (action === 'lock') lock('manual');
        else if (action === 'settings') go('settings');
        else if (action === 'my-work') go('my-work');
        else if (action === 'about') setAbout(true);
        else if (action === 'refuse') setRefusal(problem('membership.notForOperator'));
        else if (action === 'print') void printScreen(openIncidentNow());
      }),
    [lock, go, setAbout],
  );

  useEffect(() => {
    // The browser's own print shortcut (the web build; Electron's goes through the menu above):
    // refused for an operator, otherwise on record like the menu's print.
    if (!operator && isElectron()) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        if (operator) setRefusal(problem('membership.notForOperator'));
        else void printScreen(openIncidentNow());
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [operator]);

  return (
    <ReadOnlyProvider value={revoked}>
      <div className="shell">
        <header className="topbar">
          <span className="logo" lang="ja">
            {t('app.name')}
          </span>
          <nav aria-label={t('shell.nav')}>
            {nav.map((s) => (
              <button
                key={s}
                type="button"
                className="tab"
                aria-current={screen === s || (s === 'incidents' && (screen === 'incident' || screen === 'new-incident')) ? 'page' : undefined}
                onClick={() => go(s)}
              >
                {t(`shell.${s}`)}
                {s === 'inbox' && inbox.waiting > 0 && <span className="badge waiting">{inbox.waiting}</span>}
              </button>
            ))}
          </nav>
          <span className="spacer" />
          <SyncChip />
          {me && <span className="who">{t('shell.signedInAs', { name: me.name })}</span>}
          <LanguageToggle />
          <button type="button" className="ghost" onClick={() => setAbout(true)}>
            {t('shell.about')}
          </button>
          <button type="button" className="lock" title={t('shell.lockTitle')} onClick={() => lock('manual')}>
            {t('shell.lock')}
          </button>
        </header>
        <OfflineBanner />
        {revoked && <RevokedPanel />}
        {refusal && (
          <p role="alert" className="sync-banner" data-operator-refusal>
            {say(t, refusal)}{' '}
            <button type="button" className="link" onClick={() => setRefusal(null)}>
              {t('membership.dismiss')}
            </button>
          </p>
        )}
        <main className="content">
          <ErrorBoundary scope="screen" resetKey={screen}>
            {!allowed && <p className="hint" role="status">{t('membership.notForOperator')}</p>}
            {/* The incident screen says it of its own incident, on every tab. */}
            {screen !== 'incident' && <RecordsUnreadableBanner />}
            {screen === 'incidents' && <IncidentsScreen />}
            {screen === 'incident' && <IncidentScreen />}
            {screen === 'my-work' && allowed && <MyWorkScreen />}
            <ReadOnlyArea>
              {screen === 'new-incident' && !revoked && allowed && <FirstReportForm />}
              {screen === 'templates' && allowed && <TemplatesScreen />}
              {screen === 'directory' && allowed && <DirectoryScreen />}
              {screen === 'settings' && <SettingsScreen />}
              {screen === 'inbox' && allowed && <InboxScreen />}
            </ReadOnlyArea>
          </ErrorBoundary>
        </main>
        <AboutDialog />
      </div>
    </ReadOnlyProvider>
  );
}

/** The incident whose screen is showing, if any: a print of the screen is on record for it. */
function openIncidentNow(): string | null {
  const { screen, incidentId } = useNav.getState();
  return screen === 'incident' ? incidentId : null;
}
