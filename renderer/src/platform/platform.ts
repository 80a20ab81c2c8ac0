/**
 * Native features through window.honbu when running in Electron, browser fallbacks when
 * the renderer runs as a plain web page (npm run web, end-to-end tests).
 */
import type { AppInfo, HonbuApi, Language, MenuCommand, SaveFileRequest, SaveResult, SyncTrustResult } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    honbu?: HonbuApi;
  }
}

export function nativeApi(): HonbuApi | undefined {
  return typeof window !== 'undefined' ? window.honbu : undefined;
}

export function isElectron(): boolean {
  return nativeApi() !== undefined;
}

/** Saves through the native dialog, or as a browser download. */
export async function saveFile(req: SaveFileRequest): Promise<SaveResult> {
  const api = nativeApi();
  if (api) return api.saveFile(req);
  const blob = new Blob([req.data as BlobPart], {
    type: typeof req.data === 'string' ? 'text/plain;charset=utf-8' : 'application/octet-stream',
  });
  downloadBlob(blob, req.suggestedName);
  return { saved: true };
}

/** A browser download of a Blob (which the browser may keep on disk rather than in memory). */
export function downloadBlob(blob: Blob, suggestedName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** PDF through Electron's printToPDF, or the browser's print dialog (which offers PDF). */
export async function printPage(suggestedName: string): Promise<SaveResult> {
  const api = nativeApi();
  if (api) return api.printToPdf({ suggestedName });
  window.print();
  return { saved: true };
}

export async function notify(title: string, body: string): Promise<void> {
  const api = nativeApi();
  if (api) return api.notify({ title, body });
  if (!('Notification' in window)) return;
  if (Notification.permission === 'default') await Notification.requestPermission();
  if (Notification.permission === 'granted') new Notification(title, { body });
}

export async function appInfo(): Promise<AppInfo | undefined> {
  return nativeApi()?.appInfo();
}

export function setMenuLanguage(lang: Language): void {
  void nativeApi()?.setMenuLanguage(lang);
}

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return nativeApi()?.onMenuCommand(listener) ?? (() => undefined);
}

/**
 * Pins a sync server's TLS certificate (desktop: main checks every connection to that host
 * against it), or with null watches which certificate it presents. A web page cannot: the
 * browser checks certificates itself, and nothing is seen here.
 */
export async function trustSyncServer(url: string, fingerprint: string | null): Promise<SyncTrustResult> {
  const api = nativeApi();
  return api && typeof api.syncTrustServer === 'function' ? api.syncTrustServer({ url, fingerprint }) : { seen: null };
}
