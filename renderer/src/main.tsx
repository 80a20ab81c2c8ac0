import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installErrorHandlers } from './errors/report';
import { useNav } from './shell/nav-store';
import { useSession } from './vault/session-store';
import './styles.css';

// Before anything runs: whatever fails from here on reaches the one handler. "Where" is a
// screen's name, never data.
installErrorHandlers(window, {
  where: () => {
    const { status } = useSession.getState();
    if (status !== 'unlocked') return status;
    const { screen, tab } = useNav.getState();
    return screen === 'incident' ? `incident/${tab}` : screen;
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
