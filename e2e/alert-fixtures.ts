/**
 * Real receivers for the alert tests: an SMTP server (npm smtp-server, with AUTH, so a wrong
 * password really gets 535) and an HTTP receiver standing in for a chat service's incoming
 * webhook. Both listen on 127.0.0.1 and keep what they received, parsed field by field.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AlertRunner } from '../server/alerts/runner';

export interface ReceivedMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Every header line and the body as sent, for the scan for things that must not be there. */
  raw: string;
}

export interface SmtpFixture {
  port: number;
  mails: ReceivedMail[];
  /** The password the server accepts for user "honbu" (change it to make the host's wrong or right). */
  password: string;
  /** Addresses the server refuses at RCPT TO (550), as a company server does an unknown mailbox. */
  refuse: string[];
  close(): Promise<void>;
}

export async function startSmtp(password = 'right-password'): Promise<SmtpFixture> {
  const fixture: SmtpFixture = { port: 0, mails: [], password, refuse: [], close: async () => {} };
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'honbu' && auth.password === fixture.password) cb(null, { user: 'honbu' });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (fixture.refuse.includes(address.address)) cb(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (m) => {
            const addr = (a: typeof m.to) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));
            fixture.mails.push({ from: addr(m.from), to: addr(m.to), subject: m.subject ?? '', text: m.text ?? '', raw });
            cb();
          },
          (err: Error) => cb(err),
        );
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fixture.port = (server.server.address() as AddressInfo).port;
  fixture.close = () => new Promise<void>((r) => server.close(() => r()));
  return fixture;
}

export interface ReceivedPost {
  path: string;
  contentType: string;
  body: unknown;
  raw: string;
}

export interface WebhookFixture {
  url(path: string): string;
  posts: ReceivedPost[];
  /** How the receiver answers: 200, another status, or never (a timeout). */
  mode: 'ok' | 'hang' | number;
  close(): Promise<void>;
}

export async function startWebhooks(): Promise<WebhookFixture> {
  const hanging = new Set<() => void>();
  const fixture: WebhookFixture = { url: () => '', posts: [], mode: 'ok', close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (fixture.mode === 'hang') {
        hanging.add(() => res.destroy());
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      if (fixture.mode === 'ok') fixture.posts.push({ path: req.url ?? '', contentType: String(req.headers['content-type']), body: JSON.parse(raw), raw });
      res.writeHead(fixture.mode === 'ok' ? 200 : fixture.mode).end(fixture.mode === 'ok' ? 'ok' : 'error: echoing the request would be wrong');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  fixture.url = (path) => `http://127.0.0.1:${port}${path}`;
  fixture.close = async () => {
    for (const h of hanging) h();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return fixture;
}

/** What a test sees of the host's alert runner (server/alerts/runner.ts), watched from outside. */
export interface HostWatch {
  /** Every job handed to the host, by id, in order (a job already held counts again). */
  handed: string[];
  /** The jobs the host took on (not held before), by id, in order. */
  created: string[];
  /** Every acknowledgement the host was asked for, by job id, in order (known to it or not). */
  acknowledged: string[];
  /** When the last job was handed (Date.now()), or 0. */
  lastHandedAt: number;
  /**
   * Resolves once `n` of the host's alert rounds begun after the call have finished. A round
   * sends what is due at the host's clock and waits for its deliveries: after it, whatever was
   * due by then has reached the receivers, and nothing else is on its way.
   */
  rounds(n?: number): Promise<void>;
}

/**
 * Watches the host's runner (the sync server's `alerts`): hand-overs, acknowledgements and
 * rounds. Instead of waiting a fixed time "for the host", a test waits for what it needs.
 */
export function watchHost(runner: AlertRunner): HostWatch {
  let begun = 0;
  let finished = 0;
  const waiting: { at: number; ok: () => void }[] = [];
  const watch: HostWatch = {
    handed: [],
    created: [],
    acknowledged: [],
    lastHandedAt: 0,
    rounds(n = 2) {
      const at = begun + n;
      return finished >= at ? Promise.resolve() : new Promise<void>((ok) => waiting.push({ at, ok }));
    },
  };
  const tick = runner.tick.bind(runner);
  // The runner's timer calls this.tick(): the instance's own property is what it finds.
  runner.tick = () => {
    const i = ++begun;
    const done = tick();
    // Rounds run one after another (the runner serialises them): they finish in the order begun.
    const settle = () => {
      finished = Math.max(finished, i);
      for (const w of waiting.filter((x) => finished >= x.at)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.ok();
      }
    };
    void done.then(settle, settle);
    return done;
  };
  const accept = runner.accept.bind(runner);
  runner.accept = async (tag, h) => {
    const result = await accept(tag, h);
    watch.handed.push(h.jobId);
    if (result === 'created') watch.created.push(h.jobId);
    watch.lastHandedAt = Date.now();
    return result;
  };
  const acknowledge = runner.acknowledge.bind(runner);
  runner.acknowledge = async (jobId, secret, personId) => {
    const result = await acknowledge(jobId, secret, personId);
    watch.acknowledged.push(jobId);
    return result;
  };
  return watch;
}
