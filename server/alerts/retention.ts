/**
 * What the alert host keeps, and for how long (decision 018, addendum; threat model).
 *
 * A job holds the recipients' names and addresses and the team's webhook URLs (sealed to the
 * host's key, which sits beside it). Once it is done — acknowledged, or every step over with
 * nothing left to retry — laptops have what they need within minutes, so after a retention
 * window (7 days by default) the job is removed and only a tombstone stays: its id, the hash
 * of its secret, how it ended. Without it a laptop that was offline for weeks would hand the
 * job over again and wake everyone a second time.
 *
 * One-time links are kept by a short key (the token's first 11 characters) with the SHA-256
 * of the whole token, compared in constant time; the token itself is only in the mail. A
 * link used or expired longer ago than the window is removed, as is every link of a removed job.
 */
import { timingSafeEqual } from 'node:crypto';
import { fromBase64Url, fromUtf8, utf8 } from '../../shared/vault/bytes';
import type { JobReport } from '../../shared/alerts/job';
import type { AlertRecordStore } from '../storage';

export const LINK = (key: string) => `link!${key}`;
export const TOMBSTONE = (jobId: string) => `gone!${jobId}`;
/** The token's first 11 base64url characters (66 random bits): where its link record is kept. */
export const linkKey = (token: string) => token.slice(0, 11);

export interface LinkRecord {
  jobId: string;
  personId: string;
  expiresAt: number;
  used?: number;
  /** SHA-256 of the whole token (absent on links made before; those are kept under this hash). */
  hash?: string;
}

export interface Tombstone {
  jobId: string;
  secretHash: string;
  state: JobReport['state'];
  step: number;
  ack?: JobReport['ack'];
  doneAt: number;
}

interface DoneShape {
  jobId: string;
  secretHash: string;
  state: JobReport['state'];
  step: number;
  ack?: JobReport['ack'];
  doneAt?: number;
  deliveries: { status: string }[];
}

/** Acknowledged, or finished with every delivery settled (sent, given up or cancelled). */
export function isDone(job: DoneShape): boolean {
  return job.state === 'acknowledged' || (job.state === 'finished' && job.deliveries.every((d) => d.status !== 'pending' && d.status !== 'retrying'));
}

export function linkMatches(link: LinkRecord, hash: string): boolean {
  if (link.hash === undefined) return false;
  const a = fromBase64Url(link.hash);
  const b = fromBase64Url(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

const enc = (v: unknown) => utf8(JSON.stringify(v));
const dec = <T>(b: Uint8Array) => JSON.parse(fromUtf8(b)) as T;

/** Removes jobs done and links over for longer than `retentionMs`; returns the ids of the jobs removed. */
export async function pruneDone(o: { store: AlertRecordStore; jobs: DoneShape[]; now: number; retentionMs: number; save: (job: DoneShape) => Promise<void> }): Promise<string[]> {
  const gone = new Set<string>();
  const dels: string[] = [];
  for (const job of o.jobs) {
    if (!isDone(job)) continue;
    // Done before `doneAt` was recorded (an older host): the window starts now.
    if (job.doneAt === undefined) await o.save(job);
    if (o.now - (job.doneAt ?? o.now) < o.retentionMs) continue;
    const t: Tombstone = { jobId: job.jobId, secretHash: job.secretHash, state: job.state, step: job.step, ...(job.ack ? { ack: job.ack } : {}), doneAt: job.doneAt! };
    // The tombstone is on disk before the job goes: a crash in between leaves both, never neither.
    await o.store.alertPut(TOMBSTONE(job.jobId), enc(t));
    gone.add(job.jobId);
    dels.push(`job!${job.jobId}`);
  }
  const live = new Set(o.jobs.map((j) => j.jobId).filter((id) => !gone.has(id)));
  for (const { key, value } of await o.store.alertList('link!')) {
    const link = dec<LinkRecord>(value);
    const over = link.used ?? link.expiresAt;
    if (!live.has(link.jobId) || o.now - over >= o.retentionMs) dels.push(key);
  }
  if (dels.length) await o.store.alertDel(dels);
  return [...gone];
}
