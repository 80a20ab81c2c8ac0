/**
 * `npm run server -- --port 4455 --host 0.0.0.0 --data ./sync-data [--tls-cert c.pem --tls-key k.pem]`
 * Runs the sync server until SIGINT/SIGTERM, then closes it cleanly (logs flushed).
 */
import { parseArgs } from 'node:util';
import { startSyncServer } from './sync-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4455' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './honbu-sync-data' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  },
});

if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
  console.error('sync-server: --tls-cert and --tls-key go together');
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sync-server: bad --port ${values.port}`);
  process.exit(2);
}

const server = await startSyncServer({
  port,
  host: values.host,
  dataDir: values.data!,
  tlsCert: values['tls-cert'],
  tlsKey: values['tls-key'],
});
console.warn(`honbu sync server on ${server.url} (data in ${values.data})`);
if (!values['tls-cert'] && values.host !== '127.0.0.1' && values.host !== '::1') {
  console.warn('sync-server: no TLS — envelopes are encrypted and signed, but room names and traffic sizes are visible on the network');
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
