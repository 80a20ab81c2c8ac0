/**
 * An escalation job as the sync host runs it (decision 018): what a laptop seals to the
 * host's X25519 key — recipients' addresses, the team's webhooks and the content-free
 * text, never the incident's data — and what the host answers about it. Shared so that
 * the laptop that seals and the host that opens agree on one shape.
 */
import { fromUtf8, randomBytes, toBase64Url, utf8 } from '../vault/bytes';
import { ephemeralKey, openBox, sealBox, type AgreementKey } from '../sync/agreement';
import type { Severity } from './plan';

export const CHAT_KINDS = ['slack', 'teams', 'google-chat', 'line-works'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

/** A team chat channel's incoming webhook (the URL is a secret: it lets anyone post). */
export interface ChatChannel {
  id: string;
  kind: ChatKind;
  label: string;
  url: string;
  /** The team opted in to the incident's short title on this channel (never customer data). */
  details: boolean;
}

/** Text in both languages: the mail and the chat post carry Japanese first, then English. */
export interface AlertText {
  ja: string;
  en: string;
}

/** What only the host can read. */
export interface JobContent {
  /** 2: the job carries `notBefore` (decision 024). A host from before refuses it rather than sending early. */
  v: 1 | 2;
  /** Nothing is sent before this instant (ms since the epoch): a reminder handed to the host ahead of its time. Only with v: 2. */
  notBefore?: number;
  /** A reminder (decision 024): mailed under the reminder's subject, not an incident's. Only with v: 2. */
  kind?: 'reminder';
  severity: Severity;
  steps: { waitMinutes: number; recipients: { personId: string; name: string; emails: string[] }[] }[];
  channels: ChatChannel[];
  /** The content-free text, and the one with details for the channels (and e-mail) that opted in. */
  plain: AlertText;
  detailed?: AlertText;
  emailDetails: boolean;
  /** A test alert: sent once to the first step, never escalated. */
  test?: true;
}

/** What the laptop hands the host: the job sealed to it, and the hash of the secret that reads its status. */
export interface JobHandOver {
  jobId: string;
  /** SHA-256 of the job secret, base64url: the secret itself stays in the team's sealed log. */
  secretHash: string;
  /** The laptop's ephemeral X25519 key and the box. */
  epk: string;
  box: string;
}

const context = (jobId: string) => `honbu/alert-job/v1:${jobId}`;

export async function sealJob(hostPublicKey: string, jobId: string, content: JobContent): Promise<{ epk: string; box: string }> {
  const eph = await ephemeralKey();
  return { epk: eph.publicKey, box: await sealBox(eph, hostPublicKey, utf8(JSON.stringify(content)), context(jobId)) };
}

export async function openJob(host: AgreementKey, handOver: Pick<JobHandOver, 'jobId' | 'epk' | 'box'>): Promise<JobContent> {
  return JSON.parse(fromUtf8(await openBox(host, handOver.epk, handOver.box, context(handOver.jobId)))) as JobContent;
}

export const newJobSecret = (): string => toBase64Url(randomBytes(32));

export async function secretHash(secret: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(secret))));
}

/**
 * Why a delivery failed, as the host reports it: the app says each in plain words with
 * what to fix (i18n `alerts.error.<code>`). Nothing else of the error travels.
 */
export const ALERT_ERRORS = [
  'smtp-not-configured',
  'smtp-auth',
  'smtp-unreachable',
  'smtp-tls',
  'smtp-recipient',
  'smtp-other',
  'webhook-status',
  'webhook-timeout',
  'webhook-unreachable',
  'webhook-local',
] as const;
export type AlertErrorCode = (typeof ALERT_ERRORS)[number];

export interface AlertError {
  code: AlertErrorCode;
  /** The HTTP status of a webhook's answer (webhook-status). */
  status?: number;
  at: number;
}

/** `email` or a chat channel's id. */
export type DeliveryStatus = 'pending' | 'sent' | 'retrying' | 'gave-up' | 'cancelled';

export interface DeliveryReport {
  /** `${step}:${personId or '-'}:${channel}` — one per rung, person and way. */
  key: string;
  step: number;
  personId: string | null;
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  sentAt?: number;
  error?: AlertError;
}

export interface JobReport {
  jobId: string;
  state: 'running' | 'acknowledged' | 'finished';
  step: number;
  deliveries: DeliveryReport[];
  ack?: { at: number; personId: string | null; via: 'app' | 'link' };
}

/** What the host says about itself to the team's laptops (settings screen). */
export interface HostAlertStatus {
  email: 'ready' | 'not-configured';
  /** The latest failure by e-mail and by chat, until a delivery of that kind succeeds again. */
  emailError?: AlertError;
  chatError?: AlertError;
  /** The host's public key, which laptops seal jobs to. */
  publicKey: string;
}

/** HTTP paths the host serves beside the sync rooms. */
export const ALERT_PATHS = {
  status: '/alerts/status',
  jobs: '/alerts/jobs',
  ackLink: '/alerts/ack/',
} as const;

/** The websocket the app reaches the alert API through (its CSP allows ws: and wss: only). */
export const ALERT_SOCKET_PATH = '/alerts';

/** The sync server's ws(s) address as the http(s) address of its alert endpoints. */
export function alertBase(serverUrl: string): string {
  return serverUrl.replace(/^ws/, 'http').replace(/\/+$/, '');
}
