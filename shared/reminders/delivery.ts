/**
 * A reminder sent by the sync host (decision 024): one reminder of one person becomes an
 * alert job of one step (decision 018), held by the host until its time. Pure apart from
 * WebCrypto's hashes, so both laptops of a person build the same job id and secret and the
 * host keeps the job once, whichever hands it first.
 */
import type { ChatChannel, JobContent } from '../alerts/job';
import { reminderText } from '../alerts/message';
import type { AlertRecipient } from '../alerts/plan';
import { toBase64Url, utf8 } from '../vault/bytes';
import { HAND_LATE_MINUTES, type Reminder } from './reminders';

const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)));

/**
 * The host's job id for a person's reminder: the same on every laptop, 40 characters the host
 * accepts. The route (`reminderRoute`) is part of it: a job keeps the route it was sealed with,
 * so an address corrected or a channel deselected after handing must make a new job (and the
 * laptop stops the old one), not meet `exists` at the host.
 */
export async function reminderJobId(workspaceId: string, personId: string, reminderId: string, route = ''): Promise<string> {
  return `rm-${toBase64Url(await sha256(`honbu/reminder-job/v1:${workspaceId}:${personId}:${reminderId}${route === '' ? '' : `:${route}`}`)).slice(0, 37)}`;
}

/** Where a person's reminder jobs go, as one string: the same on every laptop that read the same contact list and choices. */
export function reminderRoute(route: Omit<ReminderJobArgs, 'reminder'>): string {
  const email = route.email && route.email.emails.length > 0 ? [route.email.personId, route.email.name, route.email.emails.slice(0, 5)] : null;
  const channels = route.channels.map((c) => [c.id, c.kind, c.url]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  return JSON.stringify([route.personName, email, channels]);
}

/**
 * The secret that reads and stops the job at the host: keyed with the epoch's room credential
 * (the host sees only the credential's token), so the person's laptops agree on it and nobody
 * outside the team can compute it.
 */
export async function reminderJobSecret(credential: Uint8Array<ArrayBuffer>, jobId: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', credential, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(`honbu/reminder-secret/v1:${jobId}`))));
}

export interface ReminderJobArgs {
  reminder: Pick<Reminder, 'at'>;
  /** The person's name, as the chat post names them. */
  personName: string;
  /** The person's entry in the emergency contact list (matched by shared/alerts/recipient.ts), when they chose e-mail. */
  email: Pick<AlertRecipient, 'personId' | 'name' | 'emails'> | null;
  /** The team chat channels the person chose. */
  channels: readonly ChatChannel[];
}

/**
 * The job for one reminder, or null when it goes nowhere (no address, no channel). Content-free:
 * the mail says there is a reminder; the chat post names the person as well (carried as the
 * job's `detailed` text, which only channels marked for it use — every channel here, never the mail).
 */
export function reminderJob(a: ReminderJobArgs): JobContent | null {
  const emails = a.email?.emails.slice(0, 5) ?? [];
  if (emails.length === 0 && a.channels.length === 0) return null;
  const notBefore = Date.parse(a.reminder.at);
  if (!Number.isFinite(notBefore)) return null;
  return {
    v: 2,
    kind: 'reminder',
    notBefore,
    severity: 'medium',
    steps: [{ waitMinutes: 0, recipients: a.email && emails.length > 0 ? [{ personId: a.email.personId, name: a.email.name.slice(0, 200), emails }] : [] }],
    channels: a.channels.map((c) => ({ ...c, details: true })),
    plain: reminderText(),
    detailed: reminderText(a.personName),
    emailDetails: false,
  };
}

/** A reminder job this laptop handed to the host: what it needs to stop it later. */
export interface HandedReminder {
  jobId: string;
  secret: string;
  /** When the host sends it (ISO). */
  at: string;
}

/**
 * One round's work: the wanted reminders not handed yet, and the handed ones to stop — no
 * longer wanted (acknowledged, the task done, the deadline moved, the channels turned off)
 * and not yet sent for good: their time still ahead, or come within the last
 * HAND_LATE_MINUTES (a webhook down at the time is retried: an acknowledgement meanwhile
 * must not be followed by the post). Older ones left the wanted list by time alone.
 */
export function planHandOver(wanted: readonly Pick<Reminder, 'id'>[], handed: ReadonlyMap<string, HandedReminder>, now: number): { hand: string[]; stop: string[] } {
  const ids = new Set(wanted.map((r) => r.id));
  return {
    hand: [...ids].filter((id) => !handed.has(id)),
    stop: [...handed].filter(([id, h]) => !ids.has(id) && Date.parse(h.at) > now - HAND_LATE_MINUTES * 60_000).map(([id]) => id),
  };
}
