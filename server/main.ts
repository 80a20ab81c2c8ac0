/**
 * `npm run server -- --port 4455 --host 0.0.0.0 --data ./sync-data [--redis redis://127.0.0.1:6379] [--tls-cert c.pem --tls-key k.pem]`
 *   [--smtp-host mail.company.example --smtp-port 587 --smtp-security starttls --smtp-user honbu --smtp-from honbu@company.example]
 *   [--alerts-url https://honbu-host.company.example:4455] [--alerts-retention-days 7]
 * Runs the sync server until SIGINT/SIGTERM, then closes it cleanly. The SMTP password is
 * read from HONBU_SMTP_PASSWORD or --smtp-password-file (never from the command line, which
 * other users of the machine can see), and never printed.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import type { SmtpConfig } from './alerts/delivery';
import { smtpConfigOf, SmtpSettingsError } from './alerts/smtp-settings';
import { startSyncServer } from './sync-server';
import { DEFAULT_LIMITS, type SyncLimits } from './limits';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4455' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './honbu-sync-data' },
    redis: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'max-message-mb': { type: 'string' },
    'room-quota-mb': { type: 'string' },
    'max-rooms': { type: 'string' },
    'connections-per-address': { type: 'string' },
    'member-connections-per-address': { type: 'string' },
    'smtp-host': { type: 'string' },
    'smtp-port': { type: 'string' },
    'smtp-security': { type: 'string', default: 'starttls' },
    'smtp-user': { type: 'string' },
    'smtp-password-file': { type: 'string' },
    'smtp-from': { type: 'string' },
    'alerts-url': { type: 'string' },
    'local-webhooks': { type: 'boolean' },
    'alerts-retention-days': { type: 'string' },
  },
});

const fail = (message: string): never => {
  console.error(`sync-server: ${message}`);
  process.exit(2);
};
if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) fail('--tls-cert and --tls-key go together');
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad --port ${values.port}`);
// The address may hold a password (redis://:password@host): never printed back.
if (values.redis && !/^rediss?:\/\//.test(values.redis)) fail(`--redis wants a redis:// address (redis://:password@host:6379 or rediss://…), not ${values.redis.replace(/^[^@]*@/, '…@')}`);

const positive = (flag: string, scale = 1): number | undefined => {
  const raw = values[flag as keyof typeof values] as string | undefined;
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? Math.round(n * scale) : fail(`bad --${flag} ${raw}`);
};
const limits: Partial<SyncLimits> = {};
const MiB = 1024 * 1024;
const maxMessage = positive('max-message-mb', MiB);
if (maxMessage) limits.maxMessageBytes = maxMessage;
const quota = positive('room-quota-mb', MiB);
if (quota) limits.roomQuotaBytes = quota;
const rooms = positive('max-rooms');
if (rooms) limits.totalRooms = rooms;
const perAddress = positive('connections-per-address');
if (perAddress) limits.connectionsPerAddress = perAddress;
const membersPerAddress = positive('member-connections-per-address');
if (membersPerAddress) limits.memberConnectionsPerAddress = membersPerAddress;

const retentionMs = positive('alerts-retention-days', 24 * 3600_000);

let smtp: SmtpConfig | undefined;
try {
  smtp = smtpConfigOf(
    { host: values['smtp-host'], port: values['smtp-port'], security: values['smtp-security'], user: values['smtp-user'], from: values['smtp-from'], passwordFile: values['smtp-password-file'] },
    { envPassword: process.env.HONBU_SMTP_PASSWORD, readFile: (f) => readFileSync(f, 'utf8') },
  );
} catch (err) {
  fail(err instanceof SmtpSettingsError ? err.message : 'bad SMTP settings');
}

const server = await startSyncServer({
  port,
  host: values.host,
  dataDir: values.data!,
  redis: values.redis,
  tlsCert: values['tls-cert'],
  tlsKey: values['tls-key'],
  limits,
  alerts: { smtp, publicUrl: values['alerts-url'], localWebhooks: values['local-webhooks'], retentionMs },
});
const where = values.redis ? `records in Redis at ${values.redis}` : `data in ${values.data}`;
console.warn(`honbu sync server on ${server.url} (${where}; messages up to ${Math.round((limits.maxMessageBytes ?? DEFAULT_LIMITS.maxMessageBytes) / MiB)} MB)`);
console.warn(smtp ? `alerts: e-mail through ${smtp.host}:${smtp.port} (${smtp.security}) as ${smtp.from}` : 'alerts: no SMTP server (--smtp-host); chat webhooks only');
if (!values['tls-cert'] && values.host !== '127.0.0.1' && values.host !== '::1') {
  console.warn('sync-server: no TLS — envelopes are encrypted and signed, but traffic sizes and timing are visible on the network');
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
