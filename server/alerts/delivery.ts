/**
 * Delivery of one alert by e-mail (nodemailer, through the company's SMTP server) or by a
 * chat incoming webhook. Each failure is turned into a code the app words plainly
 * (shared/alerts/job.ts ALERT_ERRORS); the password, the webhook URL and the server's own
 * error text are never logged or reported.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { AlertErrorCode, ChatKind } from '../../shared/alerts/job';

export interface SmtpConfig {
  host: string;
  port: number;
  /** 'tls': TLS from the first byte (port 465); 'starttls': upgrade required; 'none': plain (loopback only). */
  security: 'tls' | 'starttls' | 'none';
  user?: string;
  password?: string;
  from: string;
  /** Tests: a self-signed test server's certificate. */
  rejectUnauthorized?: boolean;
  /** Longest one mail may take from connecting to the server's last answer (default MAIL_DEADLINE_MS). */
  deadlineMs?: number;
}

/**
 * The most one mail may take in all. nodemailer's timeouts are per step (10 s to connect and
 * greet, 20 s of silence), so a server answering every command just within them held one mail
 * for minutes; past this the connection is closed and the mail retried like any failure.
 */
export const MAIL_DEADLINE_MS = 60_000;

export class DeliveryError extends Error {
  constructor(
    readonly code: AlertErrorCode,
    readonly status?: number,
  ) {
    super(`alert delivery failed: ${code}${status ? ` (${status})` : ''}`);
    this.name = 'DeliveryError';
  }
}

export interface Mail {
  /** Each one mailbox (MAILBOX): handed to the library as addresses, never parsed as a list. */
  to: readonly string[];
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves when the server took the mail for at least one address; `rejected`: addresses it refused. */
  send(mail: Mail): Promise<void | { rejected: number }>;
  close(): void;
}

export function smtpMailer(config: SmtpConfig): Mailer {
  const transport: Transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    tls: config.rejectUnauthorized === false ? { rejectUnauthorized: false } : undefined,
    logger: false,
  });
  return {
    async send(mail) {
      try {
        const to = mail.to.map((address) => ({ name: '', address }));
        // Past the deadline nodemailer ends the send and closes its connection (the SMTP transport honours the signal).
        const signal = AbortSignal.timeout(config.deadlineMs ?? MAIL_DEADLINE_MS);
        const info = await transport.sendMail({ from: config.from, to, subject: mail.subject, text: mail.text, signal });
        // Some addresses refused, others taken: sent, but the contact list has an address to fix.
        return { rejected: Array.isArray(info.rejected) ? info.rejected.length : 0 };
      } catch (err) {
        throw new DeliveryError(smtpErrorCode(err));
      }
    },
    close: () => transport.close(),
  };
}

/** nodemailer's error as one of ours: 535 and other auth refusals, no connection, TLS, a refused address. */
export function smtpErrorCode(err: unknown): AlertErrorCode {
  const e = err as { code?: string; responseCode?: number; message?: string };
  if (e.code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534 || e.responseCode === 530) return 'smtp-auth';
  // 4xx is "not now" (greylisting, a rate limit, a busy server), at any stage: tried again, never
  // taken for a bad address and given up.
  if (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500) return 'smtp-other';
  // A refused address is a refusal of the envelope; a 5xx to the message itself (550 "spam")
  // is not the contact list's to fix.
  if (e.code === 'EENVELOPE' || (e.code !== 'EMESSAGE' && e.responseCode !== undefined && e.responseCode >= 550 && e.responseCode <= 553)) return 'smtp-recipient';
  if (e.code === 'ETLS' || /certificate|TLS|SSL/i.test(e.message ?? '')) return 'smtp-tls';
  // A server too slow to take one mail within the deadline (EABORT) counts as one not reached: retried.
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'ETIMEDOUT' || e.code === 'EDNS' || e.code === 'EDNSFAIL' || e.code === 'EABORT') return 'smtp-unreachable';
  return 'smtp-other';
}

/**
 * Slack and Google Chat read `<…>` in a message's text as markup: `<!channel>` or
 * `<users/all>` notifies everyone, `<https://…|words>` shows only the words as a link. Their
 * escapes for plain `&`, `<` and `>` keep whatever the text holds (a reporter's first line)
 * as the words it is.
 */
export function chatPlain(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An Adaptive Card's TextBlock (Teams) reads Markdown: `[words](https://…)` shows only the
 * words as a link. A backslash before each bracket and parenthesis (and before a backslash)
 * keeps them as written.
 */
export function markdownPlain(text: string): string {
  return text.replace(/[\\[\]()]/g, (c) => `\\${c}`);
}

/** The JSON each service's incoming webhook wants for a plain text message: the text as words, never as the service's markup. */
export function webhookBody(kind: ChatKind, text: string, title: string): unknown {
  switch (kind) {
    case 'slack':
    case 'google-chat':
      return { text: chatPlain(text) };
    case 'teams':
      // Workflows ("Post to a channel when a webhook request is received"), which replaced the Office 365 connectors.
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: markdownPlain(text), wrap: true }] },
          },
        ],
      };
    case 'line-works':
      return { title, body: { text } };
  }
}

/** A URL that names this machine: localhost, 127.0.0.0/8, ::1, 0.0.0.0 (how the URL parser writes them). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '0.0.0.0' || host === '[::1]' || host === '[::]' || /^\[::ffff:(127\.|7f)/.test(host);
}

export async function postWebhook(kind: ChatKind, url: string, text: string, title: string, timeoutMs: number): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(webhookBody(kind, text, title)),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const name = (err as { name?: string }).name;
    throw new DeliveryError(name === 'TimeoutError' || name === 'AbortError' ? 'webhook-timeout' : 'webhook-unreachable');
  }
  // The body is read and dropped: a service's error page may echo what we sent.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new DeliveryError('webhook-status', res.status);
}
