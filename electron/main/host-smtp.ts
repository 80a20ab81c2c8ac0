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

/**
 * Line and column of a JSON.parse error, for a message people can act on. Only the position
 * is passed on: V8's own message quotes the text around the fault, and a password typed into
 * the file (which is refused, but only once the file parses) would reach the window and logs.
 */
function where(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  const m = /position (\d+)/.exec(message);
  // Newer V8 names no position for an unexpected token but quotes it: find where it is.
  const token = /^Unexpected token '(.)'/u.exec(message)?.[1];
  const at = m ? Number(m[1]) : token !== undefined ? firstUnexpected(text, token) : -1;
  if (at < 0) return '';
  const lines = text.slice(0, at).split('\n');
  return ` (line ${lines.length}, column ${lines[lines.length - 1]!.length + 1})`;
}

/** Where JSON.parse meets `token` outside a string: the first occurrence outside double quotes. */
function firstUnexpected(text: string, token: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === token) return i;
  }
  return -1;
}

/** Reads and checks the settings; throws an Error naming the file and what to fix. */
export async function loadHostSmtp(file: string, deps: HostSmtpDeps): Promise<HostSmtp> {
  const fail = (m: string): never => {
    throw new Error(`sync-host: ${file}: ${m}`);
  };
  let text: string | undefined;
  try {
    text = await deps.read(file);
  } catch (err) {
    // A folder of that name (a mount gone wrong), no permission: name the file and the fix, not an errno.
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'EISDIR' ? 'is a folder, not a file: remove it, or put the settings in a file of that name' : `cannot be read (${code ?? 'error'}): check that the host's user may read it`);
  }
  if (text === undefined) return {};
  // Read as UTF-8: a UTF-16 file ("Unicode" in Notepad) shows its byte-order mark as two replacement characters and NULs.
  if (text.startsWith('\ufffd\ufffd') || text.includes('\u0000')) return fail('is saved as UTF-16: save it as UTF-8');
  // UTF-8 with a byte-order mark (Notepad's "UTF-8 with BOM") is UTF-8 all the same.
  if (text.startsWith('\ufeff')) text = text.slice(1);
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
  // Mail settings without a server would be dropped in silence (the host then sends chat alerts only).
  const mailFields = ['port', 'security', 'user', 'from', 'passwordFile'].filter((k) => k in o);
  if (!o.host && (mailFields.length > 0 || 'host' in o)) fail(`"host" (the company's SMTP server) is missing: add it, or remove ${[...('host' in o ? ['"host"'] : []), ...mailFields.map((k) => `"${k}"`)].join(', ')} to send chat alerts only`);
  try {
    const smtp = smtpConfigOf(o as SmtpSettings, { envPassword: deps.envPassword, readFile: deps.readSecret }, NAMES);
    return { ...(smtp ? { smtp } : {}), ...(alertsUrl ? { publicUrl: alertsUrl } : {}) };
  } catch (err) {
    return fail(err instanceof SmtpSettingsError ? err.message : 'bad SMTP settings');
  }
}
