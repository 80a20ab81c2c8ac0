/**
 * The error log as a file for support: JSON, the app's version and the entries, which
 * were scrubbed before they were stored. Saved only when the user asks (a button).
 */
import { saveFile } from '../platform/platform';
import type { SaveResult } from '../../../shared/ipc/contract';
import { errorLog, type ErrorEntry, type ErrorLog } from './error-log';

declare const __APP_VERSION__: string;
const VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

export interface ErrorLogFile {
  suggestedName: string;
  data: string;
}

/** The file's name carries the time of export, so several exports do not overwrite each other. */
export function errorLogFile(entries: ErrorEntry[], now: Date, userAgent: string): ErrorLogFile {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const data = JSON.stringify(
    {
      app: 'Honbu',
      version: VERSION,
      exportedAt: now.toISOString(),
      // The browser engine and operating system: which build it was, not who.
      userAgent,
      note: 'Scrubbed before it was stored: no names, addresses, contact details or other values typed into the app.',
      entries,
    },
    null,
    2,
  );
  return { suggestedName: `honbu-error-log-${stamp}.json`, data };
}

export async function exportErrorLog(log: ErrorLog = errorLog): Promise<SaveResult> {
  const file = errorLogFile(await log.entries(), new Date(), typeof navigator === 'undefined' ? '' : navigator.userAgent);
  return saveFile({ ...file, filters: [{ name: 'JSON', extensions: ['json'] }] });
}
