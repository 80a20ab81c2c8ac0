/**
 * The SMTP settings of a sync host, checked the same way whether they come from
 * `npm run server`'s flags (server/main.ts) or from the desktop host's settings file
 * (electron/main/host-smtp.ts). The password is never part of the settings: it comes from
 * HONBU_SMTP_PASSWORD or a file (readable by the host's user only), so it is neither on a
 * command line others can see nor in a file people copy around; it is never logged.
 */
import type { SmtpConfig } from './delivery';

export interface SmtpSettings {
  host?: string;
  port?: number | string;
  security?: string;
  user?: string;
  from?: string;
  passwordFile?: string;
}

export class SmtpSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmtpSettingsError';
  }
}

export interface SmtpSecrets {
  /** HONBU_SMTP_PASSWORD, if set. */
  envPassword?: string;
  readFile: (path: string) => string;
}

/** The SMTP configuration, undefined without a host (chat alerts only); a SmtpSettingsError saying what to fix. */
export function smtpConfigOf(s: SmtpSettings, secrets: SmtpSecrets, names = FLAG_NAMES): SmtpConfig | undefined {
  if (!s.host) return undefined;
  const fail = (m: string): never => {
    throw new SmtpSettingsError(m);
  };
  const security = s.security ?? 'starttls';
  if (security !== 'tls' && security !== 'starttls' && security !== 'none') fail(`${names.security} is tls, starttls or none, not ${security}`);
  const port = Number(s.port ?? (security === 'tls' ? 465 : 587));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`bad ${names.port} ${String(s.port)}`);
  if (!s.from) fail(`${names.from} (the sender address of alerts) goes with ${names.host}`);
  let password = secrets.envPassword;
  if (s.passwordFile) {
    try {
      password = secrets.readFile(s.passwordFile).trim();
    } catch {
      fail(`cannot read ${names.passwordFile} ${s.passwordFile}`);
    }
    // Named but empty (a file made and never filled): say so, not "set HONBU_SMTP_PASSWORD or the file".
    if (!password && s.user) fail(`${names.passwordFile} ${s.passwordFile} is empty: put the SMTP password in it`);
  }
  if (s.user && !password) fail(`${names.user} needs a password: set HONBU_SMTP_PASSWORD or ${names.passwordFile}`);
  return { host: s.host, port, security: security as SmtpConfig['security'], from: s.from!, ...(s.user ? { user: s.user, password } : {}) };
}

export const FLAG_NAMES = { host: '--smtp-host', port: '--smtp-port', security: '--smtp-security', user: '--smtp-user', from: '--smtp-from', passwordFile: '--smtp-password-file' };
