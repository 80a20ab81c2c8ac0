/**
 * Where the renderer is allowed to come from: the packaged app on app://honbu, or, in
 * development only, a Vite server on this machine. Every other check (navigation,
 * permissions, IPC senders) asks these functions so they cannot disagree.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'honbu';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The origin of a URL as Chromium sees it. Node's URL reports "null" as the origin of
 * non-special schemes such as app:, so ours is rebuilt by hand; anything that is not
 * http(s) or app yields null and is therefore never trusted.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host !== '') {
    return `${APP_SCHEME}://${parsed.host.toLowerCase()}`;
  }
  return null;
}

/**
 * The development server URL, if HONBU_DEV_URL names a plain-http loopback server and
 * the app is not packaged: a packaged build must never load code from anywhere but its
 * own files, whatever the environment says.
 */
export function resolveDevUrl(value: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || value === undefined || value.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:') return null;
  if (!LOOPBACK_HOSTS.has(parsed.hostname)) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** A predicate for "this origin is our renderer", fixed at start-up. */
export type OriginCheck = (origin: string | null) => boolean;

export function createOriginCheck(devUrl: string | null): OriginCheck {
  const allowed = new Set([APP_ORIGIN]);
  const devOrigin = devUrl === null ? null : originOf(devUrl);
  if (devOrigin !== null) allowed.add(devOrigin);
  return (origin) => origin !== null && allowed.has(origin);
}
