/**
 * The desktop host's SMTP settings (decision 018, addendum): a hosting laptop mails alerts
 * the way `npm run server` does. Settings live in `smtp.json` in the app's data folder,
 * written by whoever runs the host (the README shows the fields); the password comes from
 * HONBU_SMTP_PASSWORD or the file `passwordFile` names, never from smtp.json itself, and
 * never reaches the renderer or a log. No file: the host sends chat alerts only, as before.
 */
import type { SmtpConfig } from '../../server/alerts/delivery';
import { smtpConfigOf, SmtpSettingsError, type SmtpSettings } from '../../server/alerts/smtp-settings';

export interface HostSmtp {
  smtp?: SmtpConfig;
  /** The address one-time links in mails point at (a name with a trusted certificate), if set. */
  publicUrl?: string;
}

export interface HostSmtpDeps {
  /** The file's text, or undefined when there is none. */
  read: (path: string) => Promise<string | undefined>;
  readSecret: (path: string) => string;
  envPassword?: string;
}

const NAMES = { host: '"host"', port: '"port"', security: '"security"', user: '"user"', from: '"from"', passwordFile: '"passwordFile"' };
const FIELDS = new Set(['host', 'port', 'security', 'user', 'from', 'passwordFile', 'alertsUrl']);

/** Line and column of a JSON.parse error's position, for a message people can act on. */
function where(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  const m = /position (\d+)/.exec(message);
  // Newer V8 names no position but quotes the text around the fault: pass that on.
  if (!m) return message ? `: ${message}` : '';
  const before = text.slice(0, Number(m[1]));
  const lines = before.split('\n');
  return ` (line ${lines.length}, column ${lines[lines.length - 1]!.length + 1})`;
}

/** Reads and checks the settings; throws an Error naming the file and what to fix. */
export async function loadHostSmtp(file: string, deps: HostSmtpDeps): Promise<HostSmtp> {
  const text = await deps.read(file);
  if (text === undefined) return {};
  const fail = (m: string): never => {
    throw new Error(`sync-host: ${file}: ${m}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    fail(`not valid JSON${where(text, err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('expected an object such as {"host": "mail.company.example", "from": "honbu@company.example"}');
  const o = raw as Record<string, unknown>;
  if ('password' in o) fail('the password does not belong here: set HONBU_SMTP_PASSWORD or name a file with "passwordFile"');
  for (const k of Object.keys(o)) if (!FIELDS.has(k)) fail(`unknown field "${k}" (known: ${[...FIELDS].join(', ')})`);
  for (const k of Object.keys(o)) if (typeof o[k] !== 'string' && !(k === 'port' && typeof o[k] === 'number')) fail(`"${k}" should be ${k === 'port' ? 'a number' : 'text'}`);
  const alertsUrl = o.alertsUrl as string | undefined;
  if (alertsUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(alertsUrl)) fail(`"alertsUrl" should be an http(s):// address, not ${alertsUrl}`);
  try {
    const smtp = smtpConfigOf(o as SmtpSettings, { envPassword: deps.envPassword, readFile: deps.readSecret }, NAMES);
    return { ...(smtp ? { smtp } : {}), ...(alertsUrl ? { publicUrl: alertsUrl } : {}) };
  } catch (err) {
    return fail(err instanceof SmtpSettingsError ? err.message : 'bad SMTP settings');
  }
}
