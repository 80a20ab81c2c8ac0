import { useCallback, useEffect } from 'react';
import { ErrorBoundary } from '../errors/ErrorBoundary';
import { useT } from '../i18n/i18n';
import { TemplatesScreen } from '../boards/TemplatesScreen';
import { FirstReportForm } from '../incidents/FirstReportForm';
import { IncidentScreen } from '../incidents/IncidentScreen';
import { IncidentsScreen } from '../incidents/IncidentsScreen';
import { onMenuCommand, printPage } from '../platform/platform';
import { SettingsScreen } from '../settings/SettingsScreen';
import { OfflineBanner, SyncChip, useRevokedHere } from '../sync/ui/SyncIndicators';
import { RevokedPanel } from '../sync/ui/RevokedPanel';
import { ReadOnlyArea, ReadOnlyProvider } from '../ui/read-only';
import { useSession } from '../vault/session-store';
import { useIdleLock } from '../vault/use-idle-lock';
import { AboutDialog } from './AboutDialog';
import { LanguageToggle } from './LanguageToggle';
import { useNav, type Screen } from './nav-store';

const NAV = ['incidents', 'templates', 'settings'] as const satisfies readonly Screen[];

export function Shell() {
  const t = useT();
  const { screen, go, setAbout } = useNav();
  const me = useSession((s) => s.me);
  const lock = useSession((s) => s.lock);
  const idleMinutes = useSession((s) => s.prefs.idleMinutes);
  const lockIdle = useCallback(() => lock('idle'), [lock]);
  useIdleLock(idleMinutes, true, lockIdle);
  const revoked = useRevokedHere();

  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === 'lock') lock('manual');
        else if (command === 'settings') go('settings');
        else if (command === 'about') setAbout(true);
        else if (command === 'print') void printPage('honbu.pdf');
      }),
    [lock, go, setAbout],
  );

  return (
    <ReadOnlyProvider value={revoked}>
      <div className="shell">
        <header className="topbar">
          <span className="logo" lang="ja">
            {t('app.name')}
          </span>
          <nav aria-label={t('shell.nav')}>
            {NAV.map((s) => (
              <button
                key={s}
                type="button"
                className="tab"
                aria-current={screen === s || (s === 'incidents' && (screen === 'incident' || screen === 'new-incident')) ? 'page' : undefined}
                onClick={() => go(s)}
              >
                {t(`shell.${s}`)}
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
        <main className="content">
          <ErrorBoundary scope="screen" resetKey={screen}>
            {screen === 'incidents' && <IncidentsScreen />}
            {screen === 'incident' && <IncidentScreen />}
            <ReadOnlyArea>
              {screen === 'new-incident' && !revoked && <FirstReportForm />}
              {screen === 'templates' && <TemplatesScreen />}
              {screen === 'settings' && <SettingsScreen />}
            </ReadOnlyArea>
          </ErrorBoundary>
        </main>
        <AboutDialog />
      </div>
    </ReadOnlyProvider>
  );
}
