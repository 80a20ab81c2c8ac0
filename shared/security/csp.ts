/**
 * The Content-Security-Policy the app runs under, in Electron (sent by the app://
 * protocol handler) and in the end-to-end server (so tests run under the same rules).
 * 'wasm-unsafe-eval' is needed by Argon2id (hash-wasm); nothing else may be evaluated.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // ws:/wss: for the team sync server, which lives on a LAN address the user chooses.
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Development only (HONBU_DEV_URL, never in a packaged app): Vite's dev server injects an
 * inline React-refresh script and <style> tags.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self' 'wasm-unsafe-eval'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
)
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
