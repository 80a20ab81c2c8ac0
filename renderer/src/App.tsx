import { useEffect } from 'react';
import { ErrorBoundary } from './errors/ErrorBoundary';
import { ErrorNotice } from './errors/ErrorNotice';
import { useT } from './i18n/i18n';
import { Shell } from './shell/Shell';
import { useSession } from './vault/session-store';
import { SetupScreen } from './vault/SetupScreen';
import { UnlockScreen } from './vault/UnlockScreen';

/** The app, with the one place unexpected errors are shown (see errors/report.ts). */
export function App() {
  return (
    <>
      <ErrorBoundary scope="app">
        <Screens />
      </ErrorBoundary>
      <ErrorNotice />
    </>
  );
}

function Screens() {
  const t = useT();
  const status = useSession((s) => s.status);
  const init = useSession((s) => s.init);

  useEffect(() => {
    void init();
  }, [init]);

  switch (status) {
    case 'loading':
      return (
        <main className="centered" aria-busy="true">
          <p>{t('app.loading')}</p>
        </main>
      );
    case 'setup':
      return <SetupScreen />;
    case 'locked':
      return <UnlockScreen />;
    case 'unlocked':
      return <Shell />;
  }
}
