/**
 * The one handler for unexpected errors. Everything that breaks ends here: the window's
 * `error` and `unhandledrejection` (so every `void promise` that fails reaches it), the
 * React error boundaries, and the few places that catch an error they cannot handle. It
 * records a scrubbed entry in the sealed log and shows one calm notice; it never shows
 * the raw message (it may quote a customer's data, and it means nothing to the reader).
 *
 * Expected refusals are not faults and are not reported here: a wrong passphrase, a
 * problem with what was typed (the form shows it), an edit refused on a revoked laptop
 * (the revoked panel says so), work of a session that was just locked, a cancelled import.
 */
import type { Disposable } from '../../../shared/lifecycle/disposable';
import { scrubComponentStack, scrubError } from '../../../shared/errors/scrub';
import { ReadOnlyError, StoreClosedError } from '../data/store-contract';
import { errorLog, type ErrorLog, type ErrorSource } from './error-log';
import { useErrors } from './error-store';

declare const __APP_VERSION__: string;
const VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

/** Where the user was (a screen name, never data); set when the handlers are installed. */
let where: () => string = () => '';

export function isExpectedError(error: unknown): boolean {
  if (error instanceof StoreClosedError || error instanceof ReadOnlyError) return true;
  // A cancelled import or fetch.
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * Errors already reported: one that is also handed on (a failed worker's error, reported
 * where it happened, refuses every call waiting on it) and reaches the window's handler
 * again is not recorded or announced twice.
 */
const reported = new WeakSet<object>();

/**
 * Reports an unexpected error: logged (scrubbed, sealed) and announced, once per error.
 * Returns false for an expected one, which the caller shows in its own words.
 */
export function reportError(error: unknown, source: ErrorSource = 'action', componentStack?: string, log: ErrorLog = errorLog): boolean {
  // A screen that failed to draw says so in its own place (ErrorBoundary).
  return record(error, source, componentStack, log, source !== 'screen');
}

/**
 * Logs a fault the app got round on its own (a worker failed and the same work was done
 * on the page instead): recorded once like any fault, for support, but not announced —
 * the person's action succeeds, and a notice saying it may not have would be untrue.
 */
export function recordHandledError(error: unknown, source: ErrorSource = 'background', log: ErrorLog = errorLog): boolean {
  return record(error, source, undefined, log, false);
}

function record(error: unknown, source: ErrorSource, componentStack: string | undefined, log: ErrorLog, announce: boolean): boolean {
  if (isExpectedError(error)) return false;
  if (typeof error === 'object' && error !== null) {
    if (reported.has(error)) return true;
    reported.add(error);
  }
  const components = componentStack === undefined ? undefined : scrubComponentStack(componentStack);
  log.record({
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    source,
    ...scrubError(error),
    where: safe(where),
    ...(components ? { components } : {}),
    version: VERSION,
  });
  if (announce) useErrors.getState().show();
  return true;
}

function safe(fn: () => string): string {
  try {
    return fn().slice(0, 80);
  } catch {
    return '';
  }
}

/**
 * Listens for what nothing else caught. For a fault the default handling is kept (the
 * console still shows it to a developer, and tests that watch for page errors see it).
 */
export function installErrorHandlers(target: Window, options: { where?: () => string } = {}): Disposable {
  if (options.where) where = options.where;
  const onError = (e: ErrorEvent) => {
    // Chromium's harmless layout notice, not a fault of the app.
    if (!e.error && /ResizeObserver loop/.test(e.message)) return;
    if (!reportError(e.error ?? e.message, 'window')) e.preventDefault();
  };
  // An expected refusal (work of a session just locked) is not a fault: no console noise either.
  const onRejection = (e: PromiseRejectionEvent) => {
    if (!reportError(e.reason, 'promise')) e.preventDefault();
  };
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return {
    dispose() {
      target.removeEventListener('error', onError);
      target.removeEventListener('unhandledrejection', onRejection);
    },
  };
}
