/**
 * The app:// protocol that serves the built renderer. A custom scheme instead of file://
 * gives the page a real origin (IndexedDB, WebCrypto and CSP 'self' need one) and lets
 * every response carry our security headers.
 */
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { APP_HOST, APP_SCHEME } from './origins';

/** Must run before `app` is ready: privileges cannot be granted later. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard + secure make app://honbu a secure context with a stable origin, which
      // IndexedDB and crypto.subtle require; CORS stays off because nothing else may read it.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false },
    },
  ]);
}

// Segments that are "." or ".." once decoded, also spelt with %2e, are traversal attempts.
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;
// Encoded separators, NUL and backslashes would let a single segment escape after decoding.
const ENCODED_DANGER = /%(2f|5c|00)/i;

/**
 * Maps an app:// request URL to a file under rootDir, or null when the URL is not ours
 * or tries to leave rootDir. Pure, so the traversal rules are unit-tested directly.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return null;

  // The raw path is checked as well as the parsed one, because the URL parser quietly
  // resolves "/a/%2e%2e/b" to "/b"; a request spelled that way is hostile, not a typo.
  const raw = rawPath(requestUrl);
  if (raw === null || raw.includes('\\') || DOT_SEGMENT.test(raw) || ENCODED_DANGER.test(raw)) return null;

  const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return null;

  const segments = decoded.slice(1).split('/');
  // Empty segments ("//etc") would make path.join treat what follows as absolute on some
  // platforms; our build never produces them.
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;

  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

/** The path part of a URL exactly as it was sent, before any normalisation. */
function rawPath(requestUrl: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/i.exec(requestUrl);
  if (match === null) return null;
  return match[1] ?? '/';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers every app:// response carries, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

export interface AppProtocolDeps {
  /** Folder holding the built renderer (index.html, assets/). */
  rootDir: string;
  readFile: (file: string) => Promise<Uint8Array>;
}

function errorResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** The handler given to `protocol.handle('app', …)`. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  const indexFile = path.join(deps.rootDir, 'index.html');

  const serve = async (file: string, method: string): Promise<Response> => {
    const body = await deps.readFile(file);
    return new Response(method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...securityHeaders(), 'Content-Type': contentTypeFor(file) },
    });
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405, 'Method Not Allowed');
    const file = resolveAppFile(deps.rootDir, request.url);
    if (file === null) return errorResponse(404, 'Not Found');
    try {
      return await serve(file, request.method);
    } catch (error) {
      if (!isMissing(error)) return errorResponse(500, 'Internal Server Error');
      // Client-side routes ("/incidents/42") have no file; the SPA shell handles them.
      if (path.extname(file) === '') {
        try {
          return await serve(indexFile, request.method);
        } catch {
          return errorResponse(404, 'Not Found');
        }
      }
      return errorResponse(404, 'Not Found');
    }
  };
}
