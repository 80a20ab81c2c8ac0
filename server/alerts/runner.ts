/**
 * The host's escalation runner (decision 018). Holds jobs handed over by laptops — sealed
 * to the host's key, kept in the host's store with their progress — and carries them out
 * with no laptop open: step 1 is sent at once; when nobody acknowledged within the step's
 * wait the next step is sent; failed deliveries are retried with backoff; an
 * acknowledgement (in the app or by a one-time link) stops the rest.
 *
 * The clock is injected (`now`) and `tick()` does one round, so tests move time instead of
 * waiting; `start()` ticks on a timer in a real host. A job id is accepted once: a laptop
 * handing the same job again (a reconnect, another laptop) changes nothing, and the
 * progress is written before and after each delivery, so a restart resumes without sending
 * what was sent. (A crash in the middle of one delivery may send that one again: at least
 * once, never silently dropped.)
 */
import { fromBase64Url, fromUtf8, randomBytes, toBase64Url, utf8 } from '../../shared/vault/bytes';
import { generateAgreementKey, importAgreementKey, type AgreementKey } from '../../shared/sync/agreement';
import { openJob, secretHash, type AlertError, type DeliveryReport, type HostAlertStatus, type JobContent, type JobHandOver, type JobReport } from '../../shared/alerts/job';
import { isJobContent, MAX_NOT_BEFORE_MS } from '../../shared/alerts/job-shape';
import { alertSubject, REMINDER_SUBJECT, renderAlert } from '../../shared/alerts/message';
import { MAILBOX } from '../../shared/alerts/events';
import type { AlertRecordStore } from '../storage';
import { DeliveryError, isLoopbackUrl, postWebhook, type Mailer } from './delivery';
import { Lanes, laneOf } from './lanes';
import { LINK, linkKey, linkMatches, pruneDone, Tombstone, TOMBSTONE, isDone, type LinkRecord } from './retention';

export interface RunnerOptions {
  store: AlertRecordStore;
  /** Absent when the host has no SMTP server configured: e-mail deliveries fail with smtp-not-configured (and are retried). */
  mailer?: Mailer;
  /** http(s)://… the one-time links point at. */
  publicUrl: string;
  now?: () => number;
  webhookTimeoutMs?: number;
  /** First retry delay; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  maxAttempts?: number;
  /** Escalations a team may have running at once (default 100). */
  maxRunningPerTeam?: number;
  /** Reminder jobs a team may have waiting or running at once (default 1000), counted apart from escalations. */
  maxRemindersPerTeam?: number;
  /** How long a one-time link acknowledges. */
  linkTtlMs?: number;
  /** Webhooks on this machine's loopback are posted to (an operator's choice; off by default). */
  localWebhooks?: boolean;
  /** How long a finished job and a used or expired link are kept before they are removed (default 7 days). */
  retentionMs?: number;
  /** Deliveries at once to one target (the SMTP server, one webhook host); default 3. */
  perLane?: number;
}

interface Delivery extends DeliveryReport {
  nextAt: number;
}

interface JobRecord {
  jobId: string;
  /** The team's room tag at hand-over (who may hand jobs over is checked by the HTTP layer). */
  tag: string;
  secretHash: string;
  epk: string;
  box: string;
  createdAt: number;
  state: JobReport['state'];
  step: number;
  stepAt: number;
  deliveries: Delivery[];
  ack?: JobReport['ack'];
  /** When the job was first seen done (acknowledged, or every step over and nothing left to retry): its retention starts here. */
  doneAt?: number;
}

const enc = (v: unknown) => utf8(JSON.stringify(v));
const dec = <T>(b: Uint8Array) => JSON.parse(fromUtf8(b)) as T;
const JOB = (id: string) => `job!${id}`;
/**
 * An acknowledgement made while another process holds the jobs' lock (a shared store): kept
 * apart from the job, which that process may be writing, and laid over the job by whoever
 * reads it; folded into the job by the next change made under the lock.
 */
const ACK = (id: string) => `ack!${id}`;
/** What a delivery's lane returns when the job was acknowledged while the delivery waited: nothing was sent. */
const STOPPED = Symbol('stopped');
const JOB_ID = /^[A-Za-z0-9_-]{8,64}$/;

export type AckResult = 'acknowledged' | 'already' | 'unknown' | 'expired' | 'used';

export class AlertRunner {
  private key!: AgreementKey;
  private readonly jobs = new Map<string, JobRecord>();
  private readonly contents = new Map<string, JobContent>();
  /** The latest failures by team (room tag): a host may serve several teams, and one's broken webhook is not another's. */
  private readonly errors = new Map<string, { email?: AlertError; chat?: AlertError }>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Acknowledgements one at a time, beside the rounds (never behind one): see acknowledge(). */
  private acks: Promise<unknown> = Promise.resolve();
  /** Each job's writes in the order they were asked for: an acknowledgement's and a round's may overlap. */
  private readonly writes = new Map<string, Promise<void>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  private readonly lanes: Lanes;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;

  private constructor(private readonly o: RunnerOptions) {
    this.now = o.now ?? Date.now;
    this.lanes = new Lanes(o.perLane ?? 3);
  }

  /** Loads (or makes, the first time) the host's key pair and every job kept. */
  static async open(o: RunnerOptions): Promise<AlertRunner> {
    const r = new AlertRunner(o);
    // Several processes on one Redis: the first to start makes the key, the others read it.
    await r.exclusive(() => r.load());
    await r.prune();
    return r;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.o.store.alertExclusive ? this.o.store.alertExclusive(fn) : fn();
  }

  private async load(): Promise<void> {
    const o = this.o;
    const raw = await o.store.alertGet('key');
    if (raw) {
      const k = dec<{ publicKey: string; pkcs8: string }>(raw);
      this.key = await importAgreementKey(k.publicKey, fromBase64Url(k.pkcs8));
    } else {
      const made = await generateAgreementKey();
      await o.store.alertPut('key', enc({ publicKey: made.key.publicKey, pkcs8: toBase64Url(made.pkcs8) }));
      this.key = made.key;
    }
    for (const { value } of await o.store.alertList('job!')) {
      const job = dec<JobRecord>(value);
      // Records from before links were kept by hash only held each mail's raw token: drop it.
      const old = job.deliveries as (Delivery & { token?: string })[];
      if (old.some((d) => d.token !== undefined)) {
        for (const d of old) delete d.token;
        await this.save(job);
      }
      this.jobs.set(job.jobId, job);
    }
    await this.foldAcks();
  }

  /** A shared store (Redis, several processes): what the others changed, read again under the lock. */
  private async reload(): Promise<void> {
    this.jobs.clear();
    for (const { value } of await this.o.store.alertList('job!')) {
      const job = dec<JobRecord>(value);
      this.jobs.set(job.jobId, job);
    }
    await this.foldAcks();
  }

  /** Under the lock: acknowledgements recorded beside their jobs (acknowledge()) written into the jobs, then removed. */
  private async foldAcks(): Promise<void> {
    if (!this.o.store.alertExclusive) return;
    const acks = await this.o.store.alertList('ack!');
    for (const { key, value } of acks) {
      const job = this.jobs.get(key.slice('ack!'.length));
      if (job && !job.ack) {
        stop(job, dec<NonNullable<JobRecord['ack']>>(value));
        await this.save(job);
      }
    }
    if (acks.length > 0) await this.o.store.alertDel(acks.map((a) => a.key));
  }

  /** The job as it is now: from the store when other processes share it, with an acknowledgement kept beside it laid over it. */
  private async current(jobId: string): Promise<JobRecord | undefined> {
    if (!this.o.store.alertExclusive) return this.jobs.get(jobId);
    const raw = await this.o.store.alertGet(JOB(jobId));
    if (!raw) return undefined;
    const job = dec<JobRecord>(raw);
    const ack = job.ack ? undefined : await this.o.store.alertGet(ACK(jobId));
    if (ack) stop(job, dec<NonNullable<JobRecord['ack']>>(ack));
    return job;
  }

  /**
   * Whether the job was acknowledged, looked at just before a delivery and before a next step:
   * on a shared store an acknowledgement made by another process meanwhile is read and applied.
   */
  private async stopped(job: JobRecord): Promise<boolean> {
    if (job.state === 'acknowledged') return true;
    if (!this.o.store.alertExclusive) return false;
    const raw = await this.o.store.alertGet(ACK(job.jobId));
    // Acknowledged on this process while it looked (stopJob applies it to this very record):
    // what was read may be from before, and the caller must not go on to a next step or finish.
    if (job.ack) return true;
    if (!raw) return false;
    stop(job, dec<NonNullable<JobRecord['ack']>>(raw));
    await this.save(job);
    return true;
  }

  get publicKey(): string {
    return this.key.publicKey;
  }

  status(tag: string): HostAlertStatus {
    const { email, chat } = this.errors.get(tag) ?? {};
    return { email: this.o.mailer ? 'ready' : 'not-configured', publicKey: this.key.publicKey, ...(email ? { emailError: email } : {}), ...(chat ? { chatError: chat } : {}) };
  }

  /** Ticks on a timer (a real host); tests call tick() themselves. */
  start(everyMs = 5000, pruneEveryMs = 3600_000): void {
    const log = (err: unknown) => console.error('sync-server: alerts:', err instanceof Error ? err.message : err);
    this.timer ??= setInterval(() => void this.tick().catch(log), everyMs);
    this.pruneTimer ??= setInterval(() => void this.prune().catch(log), pruneEveryMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.timer = this.pruneTimer = undefined;
  }

  /**
   * Removes what the host no longer needs: a job done for longer than the retention window
   * (leaving a tombstone without names, addresses or text, so a laptop that hands the job
   * again after weeks offline does not start it over), and links used or expired as long ago.
   */
  prune(): Promise<void> {
    // No acknowledgement in between: one made of a job while it is removed would write it back.
    return this.serial(() => this.acking(async () => {
      const gone = await pruneDone({ store: this.o.store, jobs: [...this.jobs.values()], now: this.now(), retentionMs: this.o.retentionMs ?? 7 * 24 * 3600_000, save: (j) => this.save(j as JobRecord) });
      for (const id of gone) {
        this.jobs.delete(id);
        this.contents.delete(id);
      }
    }));
  }

  private async tombstone(jobId: string): Promise<Tombstone | undefined> {
    const raw = await this.o.store.alertGet(TOMBSTONE(jobId));
    return raw ? dec<Tombstone>(raw) : undefined;
  }

  /** Serialises every change of the jobs: ticks, hand-overs and acknowledgements never interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    // Shared store: under the lock every process respects, on the jobs as stored right now.
    const work = this.o.store.alertExclusive ? () => this.exclusive(async () => (await this.reload(), fn())) : fn;
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A job handed over: kept once, whoever hands it and however often. 'bad': the box does not open for this host. */
  accept(tag: string, h: JobHandOver): Promise<'created' | 'exists' | 'bad' | 'full'> {
    return this.serial(async () => {
      if (!JOB_ID.test(h.jobId)) return 'bad';
      if (this.jobs.has(h.jobId) || (await this.o.store.alertGet(JOB(h.jobId))) || (await this.tombstone(h.jobId))) return 'exists';
      let content: unknown;
      try {
        content = await openJob(this.key, h);
      } catch {
        return 'bad';
      }
      if (!isJobContent(content)) return 'bad';
      // A member cannot fill the host with jobs: a team has this many running at once at most.
      // Reminders (decision 024) count apart: a day of reminders handed ahead must never keep out a call tree.
      const reminder = content.kind === 'reminder';
      let running = 0;
      for (const j of this.jobs.values()) if (j.tag === tag && j.state === 'running' && ((await this.content(j))?.kind === 'reminder') === reminder) running++;
      if (running >= (reminder ? (this.o.maxRemindersPerTeam ?? 1000) : (this.o.maxRunningPerTeam ?? 100))) return 'full';
      const now = this.now();
      if (content.notBefore !== undefined && content.notBefore > now + MAX_NOT_BEFORE_MS) return 'bad';
      // A reminder handed ahead (decision 024): its deliveries wait for their time, and its step's wait counts from then.
      const from = Math.max(now, content.notBefore ?? now);
      const job: JobRecord = { jobId: h.jobId, tag, secretHash: h.secretHash, epk: h.epk, box: h.box, createdAt: now, state: 'running', step: 0, stepAt: from, deliveries: [] };
      this.contents.set(job.jobId, content);
      await this.addStep(job, content, 0, from);
      this.jobs.set(job.jobId, job);
      await this.save(job);
      return 'created';
    });
  }

  /** The job's progress for a holder of its secret; undefined for anyone else. */
  async report(jobId: string, secret: string): Promise<JobReport | undefined> {
    const job = await this.current(jobId);
    if (!job) {
      // Done and removed after its retention: what is left says it is over, so laptops stop asking.
      const t = await this.tombstone(jobId);
      return t && t.secretHash === (await secretHash(secret)) ? { jobId, state: t.state, step: t.step, deliveries: [], ...(t.ack ? { ack: t.ack } : {}) } : undefined;
    }
    if (job.secretHash !== (await secretHash(secret))) return undefined;
    return {
      jobId,
      state: job.state,
      step: job.step,
      deliveries: job.deliveries.map(({ key, step, personId, channel, status, attempts, sentAt, error }) => ({ key, step, personId, channel, status, attempts, ...(sentAt ? { sentAt } : {}), ...(error ? { error } : {}) })),
      ...(job.ack ? { ack: job.ack } : {}),
    };
  }

  /** Acknowledgements one after another, not behind a round: a round may wait minutes on a slow server. */
  private acking<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.acks.then(fn);
    this.acks = run.catch(() => undefined);
    return run;
  }

  /**
   * An acknowledgement from the app (by a holder of the job's secret). Applied at once, not
   * queued behind a round in flight: each delivery looks at its job just before it goes, so
   * nothing more of the job is sent once this has answered (a delivery already in flight may
   * still arrive).
   */
  async acknowledge(jobId: string, secret: string, personId: string | null): Promise<AckResult> {
    const hash = await secretHash(secret);
    return this.acking(async () => {
      const job = await this.current(jobId);
      if (!job) {
        const t = await this.tombstone(jobId);
        return t && t.secretHash === hash ? 'already' : 'unknown';
      }
      return job.secretHash === hash ? this.stopJob(job, personId, 'app') : 'unknown';
    });
  }

  /** The one-time link from a mail: single use, expiring. */
  async acknowledgeLink(token: string): Promise<AckResult> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return 'unknown';
    const hash = await secretHash(token);
    return this.acking(async () => {
      // Looked up by the token's first characters; the SHA-256 of the whole token compared in constant time.
      // (A link mailed before that change is kept under the token's hash; it still works until it expires.)
      let key = LINK(linkKey(token));
      let raw = await this.o.store.alertGet(key);
      if (!raw || !linkMatches(dec<LinkRecord>(raw), hash)) raw = await this.o.store.alertGet((key = LINK(hash)));
      const link = raw ? dec<LinkRecord>(raw) : undefined;
      if (!link || (link.hash !== undefined && key === LINK(hash))) return 'unknown';
      if (link.used) return 'used';
      if (this.now() > link.expiresAt) return 'expired';
      await this.o.store.alertPut(key, enc({ ...link, used: this.now() }));
      const job = await this.current(link.jobId);
      return job ? this.stopJob(job, link.personId, 'link') : 'unknown';
    });
  }

  /**
   * One process: the job the rounds work on is changed and written (in order with the round's
   * writes). A shared store: another process may hold the lock for a round and write the job,
   * so the acknowledgement is written beside it (ACK) if none is there yet, read by that round
   * before each delivery and folded into the job by the next change under the lock; a round of
   * this process sees it at once. The first acknowledgement is the job's, whichever process
   * took it; every later one is told 'already'.
   */
  private async stopJob(job: JobRecord, personId: string | null, via: 'app' | 'link'): Promise<AckResult> {
    if (job.ack) return 'already';
    const ack = { at: this.now(), personId, via };
    if (this.o.store.alertExclusive) {
      // Written only if no other acknowledgement is kept beside the job: two processes
      // acknowledging at once, one is told 'acknowledged' and the other 'already'.
      if (!(await this.putIfAbsent(ACK(job.jobId), enc(ack)))) return 'already';
      // Another one may have been folded into the job (and its record removed) since the job
      // was read: the job as stored now says whose it is. This one, left beside it, is removed
      // by the next fold.
      const stored = await this.o.store.alertGet(JOB(job.jobId));
      const first = stored ? dec<JobRecord>(stored).ack : undefined;
      if (first && !sameAck(first, ack)) return 'already';
      const mine = this.jobs.get(job.jobId);
      if (mine && !mine.ack) stop(mine, ack);
      return 'acknowledged';
    }
    stop(job, ack);
    await this.save(job);
    return 'acknowledged';
  }

  private async putIfAbsent(key: string, value: Uint8Array): Promise<boolean> {
    const store = this.o.store;
    if (store.alertPutIfAbsent) return store.alertPutIfAbsent(key, value);
    if ((await store.alertGet(key)) !== undefined) return false;
    await store.alertPut(key, value);
    return true;
  }

  /** One round: due deliveries, then steps whose wait is over. */
  tick(): Promise<void> {
    return this.serial(async () => {
        // Jobs side by side: one team's hanging webhook must not hold up another team's mail (the lanes bound each target).
      await Promise.all(
        [...this.jobs.values()].map((job) =>
          // One job the host cannot carry out (kept from before the shape was checked) must not stop the others.
          this.advance(job).catch((err: unknown) => console.error(`sync-server: alerts: job ${job.jobId}:`, err instanceof Error ? err.message : err)),
        ),
      );
    });
  }

  private async advance(job: JobRecord): Promise<void> {
    if (job.state === 'acknowledged') return;
    const content = await this.content(job);
    if (!content) return;
    // A step's deliveries at once (each in its lane); the next step only after they are done, so a job keeps its order.
    await allSettled(job.deliveries.filter((d) => (d.status === 'pending' || d.status === 'retrying') && d.nextAt <= this.now()).map((d) => this.deliver(job, content, d)));
    if (job.state !== 'running') return;
    const wait = (content.steps[job.step]?.waitMinutes ?? 0) * 60_000;
    if (this.now() < job.stepAt + wait) return;
    if (await this.stopped(job)) return;
    if (!content.test && job.step + 1 < content.steps.length) {
      job.step += 1;
      job.stepAt = this.now();
      await this.addStep(job, content, job.step, this.now());
      await this.save(job);
      await allSettled(job.deliveries.filter((d) => d.step === job.step && d.status === 'pending').map((d) => this.deliver(job, content, d)));
    } else {
      job.state = 'finished';
      await this.save(job);
    }
  }

  private async content(job: JobRecord): Promise<JobContent | undefined> {
    let c = this.contents.get(job.jobId);
    if (!c) {
      c = await openJob(this.key, job).catch(() => undefined);
      if (c) this.contents.set(job.jobId, c);
    }
    return c;
  }

  private async addStep(job: JobRecord, content: JobContent, step: number, now: number): Promise<void> {
    for (const r of content.steps[step]?.recipients ?? []) {
      if (r.emails.length === 0) continue;
      job.deliveries.push({ key: `${step}:${r.personId}:email`, step, personId: r.personId, channel: 'email', status: 'pending', attempts: 0, nextAt: now });
    }
    for (const c of content.channels) job.deliveries.push({ key: `${step}:-:${c.id}`, step, personId: null, channel: c.id, status: 'pending', attempts: 0, nextAt: now });
  }

  private async deliver(job: JobRecord, content: JobContent, d: Delivery): Promise<void> {
    d.attempts += 1;
    let refusedAddress = false;
    try {
      if (d.channel === 'email') {
        const person = content.steps[d.step]!.recipients.find((r) => r.personId === d.personId)!;
        const mailer = this.o.mailer;
        if (!mailer) throw new DeliveryError('smtp-not-configured');
        // An address a mail library would read as a list, a name or a group (one saved before the
        // contact list refused them) is not sent to: the contact list is told to fix it.
        const mailboxes = person.emails.filter((m) => MAILBOX.test(m));
        if (mailboxes.length === 0) throw new DeliveryError('smtp-recipient');
        const text = content.emailDetails && content.detailed ? content.detailed : content.plain;
        // The link is made once the lane is free, just before the mail: on a shared store its write
        // is refused if this round's lock ran out while the mail waited (another process sends it).
        const sent = await this.lanes.run(laneOf('email'), async () => {
          if (await this.stopped(job)) return STOPPED;
          const token = await this.newLink(job.jobId, d.personId!);
          const link = `${this.o.publicUrl.replace(/\/+$/, '')}/alerts/ack/${token}`;
          return mailer.send({ to: mailboxes, subject: content.kind === 'reminder' ? REMINDER_SUBJECT : alertSubject(content.severity, content.test), text: renderAlert(text, link) });
        });
        if (sent === STOPPED) return await this.notSent(job, d);
        refusedAddress = mailboxes.length < person.emails.length || (!!sent && sent.rejected > 0);
      } else {
        const channel = content.channels.find((c) => c.id === d.channel);
        if (!channel) throw new DeliveryError('webhook-unreachable');
        // A member names the URL; the host would post from inside, to services listening on its own loopback only.
        if (!this.o.localWebhooks && isLoopbackUrl(channel.url)) throw new DeliveryError('webhook-local');
        const text = channel.details && content.detailed ? content.detailed : content.plain;
        const posted = await this.lanes.run(laneOf(channel), async () => {
          if (await this.stopped(job)) return STOPPED;
          // Shared store: the attempt is recorded first, a write refused if this round's lock ran out meanwhile.
          if (this.o.store.alertExclusive) await this.save(job);
          await postWebhook(channel.kind, channel.url, renderAlert(text), '本部 / Honbu', this.o.webhookTimeoutMs ?? 10_000);
        });
        if (posted === STOPPED) return await this.notSent(job, d);
      }
      d.status = 'sent';
      d.sentAt = this.now();
      delete d.error;
      delete this.errorsOf(job.tag)[d.channel === 'email' ? 'email' : 'chat'];
      if (refusedAddress) this.errorsOf(job.tag).email = { code: 'smtp-recipient', at: this.now() };
    } catch (err) {
      // The store refused a write (a Redis lock lost under this round): not the delivery's fault; another process goes on.
      if (err instanceof Error && err.name === 'AlertLockLost') throw err;
      const e = err instanceof DeliveryError ? err : new DeliveryError(d.channel === 'email' ? 'smtp-other' : 'webhook-unreachable');
      d.error = { code: e.code, ...(e.status ? { status: e.status } : {}), at: this.now() };
      this.errorsOf(job.tag)[d.channel === 'email' ? 'email' : 'chat'] = d.error;
      const max = this.o.maxAttempts ?? 12;
      // Refused for good: a webhook on the host's own loopback, or every address of the person
      // refused by the SMTP server (5xx is permanent: retrying for hours would only hide it).
      // Acknowledged while it was on its way: not tried again.
      d.status = job.ack ? 'cancelled' : d.attempts >= max || e.code === 'webhook-local' || e.code === 'smtp-recipient' ? 'gave-up' : 'retrying';
      d.nextAt = this.now() + Math.min((this.o.backoffMs ?? 30_000) * 2 ** (d.attempts - 1), this.o.maxBackoffMs ?? 15 * 60_000);
    }
    await this.save(job);
  }

  /** The job was acknowledged while this delivery waited for its lane: no attempt was made. */
  private async notSent(job: JobRecord, d: Delivery): Promise<void> {
    d.attempts -= 1;
    if (d.status === 'pending' || d.status === 'retrying') d.status = 'cancelled';
    await this.save(job);
  }

  /**
   * A one-time link for this mail, made as it is sent (each attempt its own): the host keeps
   * the SHA-256 of the token, never the token, which lives only in the mail.
   */
  private async newLink(jobId: string, personId: string): Promise<string> {
    for (;;) {
      const token = toBase64Url(randomBytes(32));
      if (await this.o.store.alertGet(LINK(linkKey(token)))) continue; // 66 random bits met twice: draw again
      const link: LinkRecord = { jobId, personId, expiresAt: this.now() + (this.o.linkTtlMs ?? 24 * 3600_000), hash: await secretHash(token) };
      await this.o.store.alertPut(LINK(linkKey(token)), enc(link));
      return token;
    }
  }

  private errorsOf(tag: string): { email?: AlertError; chat?: AlertError } {
    let e = this.errors.get(tag);
    if (!e) this.errors.set(tag, (e = {}));
    return e;
  }

  /** Writes the job as it is when its turn comes: writes of one job never overtake each other. */
  private save(job: JobRecord): Promise<void> {
    if (job.doneAt === undefined && isDone(job)) job.doneAt = this.now();
    const id = job.jobId;
    const write = (this.writes.get(id) ?? Promise.resolve()).then(() => this.o.store.alertPut(JOB(id), enc(job)));
    const settled = write.catch(() => undefined);
    this.writes.set(id, settled);
    void settled.then(() => this.writes.get(id) === settled && this.writes.delete(id));
    return write;
  }

  /** Waits for whatever round and acknowledgement are running (closing the host). */
  async idle(): Promise<void> {
    this.stop();
    await this.queue;
    await this.acks;
  }
}

const sameAck = (a: NonNullable<JobRecord['ack']>, b: NonNullable<JobRecord['ack']>): boolean => a.at === b.at && a.personId === b.personId && a.via === b.via;

/** An acknowledged job: nothing pending or retrying goes out any more. */
function stop(job: JobRecord, ack: NonNullable<JobRecord['ack']>): void {
  job.ack = ack;
  job.state = 'acknowledged';
  for (const d of job.deliveries) if (d.status === 'pending' || d.status === 'retrying') d.status = 'cancelled';
}

/**
 * Waits for every delivery of a step, then throws the first failure. Not Promise.all: a round
 * whose lock ran out would end at the first refusal while mails still queued in their lanes
 * went on after it — outside the round, where nothing refuses their writes — and were sent
 * by this process as well as by the one that took the lock over.
 */
async function allSettled(runs: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(runs)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
