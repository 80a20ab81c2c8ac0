/**
 * What the host accepts as an escalation job once the box opens: the shape and the limits
 * the laptop's command applies (shared/alerts/commands.ts), checked again on the host. A
 * box opens for anyone who holds the host's public key, so a member's old, buggy or
 * tampered build could seal anything; the host runs every team's escalations in one loop,
 * so a job it cannot carry out must be refused at the door, not found out at step 2.
 */
import { checkWebhookUrl } from './commands';
import { EMAIL } from './events';
import { CHAT_KINDS, type AlertText, type JobContent } from './job';
import { SEVERITIES } from './plan';

const MAX_STEPS = 10;
const MAX_RECIPIENTS = 50;
const MAX_EMAILS = 5;
const MAX_CHANNELS = 20;
const MAX_WAIT_MINUTES = 7 * 24 * 60;
/** How far ahead a job may be held before it is sent (decision 024): a reminder handed a day ahead, with room to spare. */
export const MAX_NOT_BEFORE_MS = 8 * 24 * 3600_000;

const str = (v: unknown, max: number, min = 0): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
const isText = (t: unknown): t is AlertText => !!t && typeof t === 'object' && str((t as AlertText).ja, 2000, 1) && str((t as AlertText).en, 2000, 1);

function isStep(s: unknown): boolean {
  const step = s as JobContent['steps'][number] | null;
  if (!step || typeof step !== 'object') return false;
  const w = step.waitMinutes;
  if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > MAX_WAIT_MINUTES) return false;
  if (!Array.isArray(step.recipients) || step.recipients.length > MAX_RECIPIENTS) return false;
  return step.recipients.every(
    (r) => !!r && typeof r === 'object' && str(r.personId, 100, 1) && str(r.name, 200) && Array.isArray(r.emails) && r.emails.length <= MAX_EMAILS && r.emails.every((m) => str(m, 254) && EMAIL.test(m)),
  );
}

function isChannel(c: unknown): boolean {
  const ch = c as JobContent['channels'][number] | null;
  return !!ch && typeof ch === 'object' && str(ch.id, 100, 1) && (CHAT_KINDS as readonly string[]).includes(ch.kind) && str(ch.label, 200) && str(ch.url, 2048, 1) && checkWebhookUrl(ch.url) === null && typeof ch.details === 'boolean';
}

export function isJobContent(c: unknown): c is JobContent {
  const j = c as Partial<JobContent> | null;
  if (!j || typeof j !== 'object' || (j.v !== 1 && j.v !== 2)) return false;
  // A time to wait for comes only with v: 2 (a v: 1 job is sent at once, as an older host would).
  if (j.v === 2 ? typeof j.notBefore !== 'number' || !Number.isFinite(j.notBefore) || j.notBefore < 0 : j.notBefore !== undefined) return false;
  if (j.kind !== undefined && (j.kind !== 'reminder' || j.v !== 2)) return false;
  if (!(SEVERITIES as readonly string[]).includes(j.severity as string)) return false;
  if (!Array.isArray(j.steps) || j.steps.length === 0 || j.steps.length > MAX_STEPS || !j.steps.every(isStep)) return false;
  if (!Array.isArray(j.channels) || j.channels.length > MAX_CHANNELS || !j.channels.every(isChannel)) return false;
  if (!isText(j.plain) || (j.detailed !== undefined && !isText(j.detailed))) return false;
  return typeof j.emailDetails === 'boolean' && (j.test === undefined || j.test === true);
}
