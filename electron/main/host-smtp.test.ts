/**
 * A hosting laptop mails alerts like `npm run server` (decision 018, addendum): the SMTP
 * settings in smtp.json of the app's data folder, the password from HONBU_SMTP_PASSWORD or
 * a file; wrong settings stop the start with what to fix; a real host mails through a real
 * SMTP server.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startSyncServer, type SyncServer, type SyncServerOptions } from '../../server/sync-server';
import { newJobSecret, sealJob, secretHash } from '../../shared/alerts/job';
import { plainText } from '../../shared/alerts/message';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadHostSmtp } from './host-smtp';
import { createSyncHost } from './sync-host';
import { loadOrCreateCertificate } from './sync-tls';

const files = (map: Record<string, string>) => ({
  read: (f: string) => Promise.resolve(map[f]),
  readSecret: (f: string) => {
    if (map[f] === undefined) throw new Error('ENOENT');
    return map[f];
  },
});

describe('loadHostSmtp', () => {
  const F = '/home/u/.config/Honbu/smtp.json';

  it('no file: chat alerts only', async () => {
    expect(await loadHostSmtp(F, files({}))).toEqual({});
  });

  it('reads the server, the sender and the password from a file or the environment', async () => {
    const json = JSON.stringify({ host: 'mail.company.example', port: 587, security: 'starttls', user: 'honbu', from: 'honbu@company.example', passwordFile: '/secrets/smtp', alertsUrl: 'https://honbu.company.example:4455' });
    expect(await loadHostSmtp(F, files({ [F]: json, '/secrets/smtp': 's3cret\n' }))).toEqual({
      smtp: { host: 'mail.company.example', port: 587, security: 'starttls', user: 'honbu', password: 's3cret', from: 'honbu@company.example' },
      publicUrl: 'https://honbu.company.example:4455',
    });
    const env = await loadHostSmtp(F, { ...files({ [F]: JSON.stringify({ host: 'mail', user: 'honbu', from: 'a@b.example' }) }), envPassword: 'from-env' });
    expect(env.smtp).toMatchObject({ port: 587, security: 'starttls', password: 'from-env' });
  });

  it('says what to fix, naming the file, and never repeats a password', async () => {
    const cases: [string, RegExp][] = [
      ['{"host": "mail",\n "from": }', /smtp\.json: not valid JSON[\s\S]*("from": }|line 2, column 10)/],
      [JSON.stringify({ host: 'mail', from: 'a@b.example', password: 'hunter2' }), /password does not belong here: set HONBU_SMTP_PASSWORD or name a file with "passwordFile"/],
      [JSON.stringify({ host: 'mail', from: 'a@b.example', user: 'honbu' }), /"user" needs a password/],
      [JSON.stringify({ host: 'mail' }), /"from" \(the sender address of alerts\) goes with "host"/],
      [JSON.stringify({ host: 'mail', from: 'a@b.example', security: 'ssl' }), /"security" is tls, starttls or none, not ssl/],
      [JSON.stringify({ host: 'mail', from: 'a@b.example', port: 99999 }), /bad "port" 99999/],
      [JSON.stringify({ host: 'mail', from: 'a@b.example', sever: 'x' }), /unknown field "sever"/],
      [JSON.stringify({ host: 'mail', from: 'a@b.example', user: 'u', passwordFile: '/nope' }), /cannot read "passwordFile" \/nope/],
      ['[1]', /expected an object/],
    ];
    for (const [text, message] of cases) {
      const err = await loadHostSmtp(F, files({ [F]: text })).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toContain(F);
      expect((err as Error).message).not.toContain('hunter2');
    }
  });
});

describe('loadHostSmtp: smtp.json broken the way people break it', () => {
  const F = 'C:\\Users\\u\\AppData\\Roaming\\Honbu\\smtp.json';

  it('a password typed into broken JSON is never quoted back (the message reaches the window)', async () => {
    // Unquoted: V8's own message quotes the text around the fault, password and all.
    for (const text of ['{"host": "mail", "from": "a@b.example", "password": Tr0ub4dor&3}', '{"host": "mail",\n "password": Tr0ub4dor&3, "from": "a@b.example"}']) {
      const err = await loadHostSmtp(F, files({ [F]: text })).catch((e: unknown) => e as Error);
      expect((err as Error).message).toContain(F);
      expect((err as Error).message).toMatch(/not valid JSON \(line \d+, column \d+\)/);
      expect((err as Error).message).not.toContain('Tr0ub4dor');
    }
  });

  it('a file saved with a byte-order mark (Notepad) is read', async () => {
    const text = '\ufeff' + JSON.stringify({ host: 'mail.company.example', from: 'honbu@company.example' });
    expect((await loadHostSmtp(F, files({ [F]: text }))).smtp).toMatchObject({ host: 'mail.company.example', port: 587 });
  });

  it('a file saved as UTF-16 ("Unicode" in Notepad) is named as such, with what to do', async () => {
    const utf16 = Buffer.from('\ufeff' + JSON.stringify({ host: 'mail', from: 'a@b.example' }), 'utf16le').toString('utf8');
    const err = await loadHostSmtp(F, files({ [F]: utf16 })).catch((e: unknown) => e as Error);
    expect((err as Error).message).toContain(F);
    expect((err as Error).message).toMatch(/UTF-16.*save it as UTF-8/);
  });

  it('a folder named smtp.json, or a file the host cannot read: the file and the fix, not a bare EISDIR', async () => {
    const eisdir = Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
    const err = await loadHostSmtp(F, { ...files({}), read: () => Promise.reject(eisdir) }).catch((e: unknown) => e as Error);
    expect((err as Error).message).toContain(F);
    expect((err as Error).message).toMatch(/is a folder, not a file/);
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const denied = await loadHostSmtp(F, { ...files({}), read: () => Promise.reject(eacces) }).catch((e: unknown) => e as Error);
    expect((denied as Error).message).toContain(F);
    expect((denied as Error).message).toMatch(/cannot be read/);
  });

  it('an empty password file says so, rather than asking for a file that is there', async () => {
    const text = JSON.stringify({ host: 'mail', from: 'a@b.example', user: 'honbu', passwordFile: '/secrets/smtp' });
    const err = await loadHostSmtp(F, { ...files({ [F]: text, '/secrets/smtp': '\n' }), envPassword: 'from-env' }).catch((e: unknown) => e as Error);
    expect((err as Error).message).toMatch(/"passwordFile" \/secrets\/smtp is empty: put the SMTP password in it/);
    expect((err as Error).message).not.toContain('from-env');
  });

  it('mail settings without "host" (or an empty one) are refused, not quietly ignored', async () => {
    for (const o of [{ from: 'honbu@company.example', user: 'honbu', passwordFile: '/s' }, { host: '', from: 'honbu@company.example' }, { port: 465, security: 'tls' }]) {
      const err = await loadHostSmtp(F, files({ [F]: JSON.stringify(o), '/s': 'pw' })).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/"host" \(the company's SMTP server\) is missing/);
    }
    // A public address for the links alone is fine: chat alerts only.
    expect(await loadHostSmtp(F, files({ [F]: JSON.stringify({ alertsUrl: 'https://honbu.company.example' }) }))).toEqual({ publicUrl: 'https://honbu.company.example' });
  });
});

/** A real SMTP server with AUTH on loopback (the e2e fixture lives outside this project), keeping each mail's recipients. */
async function startSmtp(password: string): Promise<{ port: number; mails: { to: string[] }[]; close: () => Promise<void> }> {
  const mails: { to: string[] }[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _s, cb) => (auth.username === 'honbu' && auth.password === password ? cb(null, { user: 'honbu' }) : cb(new Error('Invalid username or password'))),
    onData(stream, session, cb) {
      stream.resume();
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const nic = (address: string) => ({ address, family: 'IPv4', internal: false, netmask: '', mac: '00:00:00:00:00:00', cidr: null }) as NetworkInterfaceInfo;

describe('the desktop host with SMTP settings', () => {
  it('passes them to the sync server, which mails an escalation through the real SMTP server', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'honbu-host-smtp-'));
    const smtp = await startSmtp('pw-from-file');
    let server: SyncServer | undefined;
    try {
      await writeFile(join(dir, 'smtp.json'), JSON.stringify({ host: '127.0.0.1', port: smtp.port, security: 'none', user: 'honbu', from: 'honbu@company.example', passwordFile: join(dir, 'smtp-password') }));
      await writeFile(join(dir, 'smtp-password'), 'pw-from-file\n', { mode: 0o600 });
      const start = vi.fn(async (o: SyncServerOptions) => (server = await startSyncServer({ ...o, alerts: { ...o.alerts, tickMs: false } })));
      const host = createSyncHost({
        startSyncServer: start,
        dataDir: () => join(dir, 'data'),
        certificate: () => loadOrCreateCertificate(join(dir, 'tls')),
        networkInterfaces: () => ({ test: [nic('127.0.0.1')] }),
        smtp: () => loadHostSmtp(join(dir, 'smtp.json'), { read: (f) => readFile(f, 'utf8').catch(() => undefined), readSecret: (f) => readFileSync(f, 'utf8') }),
      });
      await host.start({ host: '127.0.0.1', port: 0 });
      expect(start.mock.calls[0]![0].alerts?.smtp).toMatchObject({ host: '127.0.0.1', port: smtp.port, user: 'honbu' });
      const runner = server!.alerts!;
      expect(runner.status('team').email).toBe('ready');
      const jobId = 'job-from-the-desktop-host';
      const secret = newJobSecret();
      const content = { v: 1 as const, severity: 'high' as const, steps: [{ waitMinutes: 15, recipients: [{ personId: 'p', name: '佐藤', emails: ['lead@company.example'] }] }], channels: [], plain: plainText('high'), emailDetails: false };
      expect(await runner.accept('team', { jobId, secretHash: await secretHash(secret), ...(await sealJob(runner.publicKey, jobId, content)) })).toBe('created');
      await runner.tick();
      expect(smtp.mails).toEqual([{ to: ['lead@company.example'] }]);
      await host.stop();
    } finally {
      await server?.close();
      await smtp.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a wrong settings file stops the start with what to fix; the server is not started', async () => {
    const start = vi.fn();
    const host = createSyncHost({
      startSyncServer: start,
      dataDir: () => '/tmp/none',
      certificate: () => Promise.resolve({ certPath: 'c', keyPath: 'k', fingerprint: 'F' }),
      networkInterfaces: () => ({ test: [nic('10.0.0.7')] }),
      smtp: () => loadHostSmtp('/cfg/smtp.json', files({ '/cfg/smtp.json': '{"host":"mail"}' })),
    });
    await expect(host.start({ host: '10.0.0.7', port: 4455 })).rejects.toThrow('/cfg/smtp.json: "from" (the sender address of alerts) goes with "host"');
    expect(start).not.toHaveBeenCalled();
  });
});
