import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { reportError } from './report';
import { ReloadButton, SaveLogButton } from './LogActions';
import './errors.css';

interface Props {
  children: ReactNode;
  /** 'app': nothing else is left on screen; 'screen': one screen or tab, the rest still works. */
  scope: 'app' | 'screen';
  /** A new value (another screen or tab) gives the children a fresh try. */
  resetKey?: unknown;
}

interface State {
  failed: boolean;
  resetKey: unknown;
}

/**
 * A screen that throws while drawing is replaced by a calm message in its place instead
 * of a blank window; the header, the tabs and the lock button stay usable. The fault goes
 * to the one handler (scrubbed, sealed log).
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    reportError(error, 'screen', info.componentStack ?? undefined);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <ScreenFailed scope={this.props.scope} onAgain={() => this.setState({ failed: false })} />;
  }
}

function ScreenFailed({ scope, onAgain }: { scope: Props['scope']; onAgain: () => void }) {
  const t = useT();
  const app = scope === 'app';
  const body = (
    <section className={app ? 'screen-failed card narrow' : 'screen-failed card'} role="alert" aria-labelledby="screen-failed-title">
      <h2 id="screen-failed-title">{t(app ? 'errors.screen.appTitle' : 'errors.screen.title')}</h2>
      <p>{t(app ? 'errors.screen.appLead' : 'errors.screen.lead')}</p>
      <p className="hint">{t('errors.screen.support')}</p>
      <div className="actions">
        {!app && (
          <button type="button" className="primary" onClick={onAgain}>
            {t('errors.screen.again')}
          </button>
        )}
        <ReloadButton />
        <SaveLogButton />
      </div>
    </section>
  );
  // Nothing else is left of the app: the message is the page.
  return app ? <main className="centered">{body}</main> : body;
}
