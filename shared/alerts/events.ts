/**
 * The alerting's events (decision 018). The team's chat channels are workspace settings;
 * an escalation, what the host reported about its deliveries and the acknowledgement are
 * events of the incident, so its log says who was alerted, when, by what, and who answered.
 *
 * The escalation event carries what the host needs (addresses, webhooks, the content-free
 * text) inside the team's sealed log: whichever laptop is connected seals it to the host's
 * key at hand-over, so a job started offline waits here and goes out on reconnect.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';
import { ALERT_ERRORS, CHAT_KINDS } from './job';
import { SEVERITIES } from './plan';

export const CHANNEL_SAVED = 'alerts.channel-saved';
export const CHANNEL_REMOVED = 'alerts.channel-removed';
export const EMAIL_DETAILS_SET = 'alerts.email-details-set';
export const ESCALATION_STARTED = 'alerts.escalation-started';
export const OUTCOMES_RECORDED = 'alerts.outcomes-recorded';
export const ACKNOWLEDGED = 'alerts.acknowledged';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
/** The same loose check as the command's (an address the company's SMTP server accepts may be one valibot's stricter rule refuses). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/**
 * One mailbox, as the contact list takes it and the host sends to it: EMAIL without the
 * characters that make a mail library read an address list, a display name or a group
 * (, ; : < > " ( ) [ ] \). "taro,yamada@…" passed EMAIL and went to yamada alone, as "sent".
 */
export const MAILBOX = /^[^\s@,;:<>"()[\]\\]+@[^\s@,;:<>"()[\]\\]+\.[^\s@,;:<>"()[\]\\]+$/;
const short = v.pipe(v.string(), v.maxLength(200));
const jobId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/));
const text = v.object({ ja: v.pipe(v.string(), v.maxLength(1000)), en: v.pipe(v.string(), v.maxLength(1000)) });
const minutes = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(7 * 24 * 60));
const channel = v.object({ id, kind: v.picklist(CHAT_KINDS), label: short, url: v.pipe(v.string(), v.url(), v.maxLength(2000)), details: v.boolean() });

export const alertsEvents = {
  [CHANNEL_SAVED]: channel,
  [CHANNEL_REMOVED]: v.object({ id }),
  /** Whether alert mails carry the incident's short title (content-free otherwise). */
  [EMAIL_DETAILS_SET]: v.object({ details: v.boolean() }),
  [ESCALATION_STARTED]: v.object({
    jobId,
    /** Reads the job's progress at the host and acknowledges it there (the host keeps only its hash). */
    secret: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
    treeId: short,
    severity: v.picklist(SEVERITIES),
    steps: v.pipe(
      v.array(v.object({ waitMinutes: minutes, recipients: v.pipe(v.array(v.object({ personId: id, name: short, emails: v.pipe(v.array(v.pipe(v.string(), v.regex(EMAIL), v.maxLength(254))), v.maxLength(5)) })), v.maxLength(50)) })),
      v.minLength(1),
      v.maxLength(10),
    ),
    channels: v.pipe(v.array(channel), v.maxLength(20)),
    plain: text,
    detailed: v.optional(text),
    emailDetails: v.boolean(),
    test: v.optional(v.literal(true)),
  }),
  /** What the host reported about the job's deliveries (recorded by whichever laptop asked; folded by key). */
  [OUTCOMES_RECORDED]: v.object({
    jobId,
    outcomes: v.pipe(
      v.array(
        v.object({
          key: short,
          step: v.pipe(v.number(), v.integer(), v.minValue(0)),
          personId: v.nullable(id),
          channel: id,
          status: v.picklist(['pending', 'sent', 'retrying', 'gave-up', 'cancelled']),
          attempts: v.pipe(v.number(), v.integer(), v.minValue(0)),
          sentAt: v.optional(v.number()),
          error: v.optional(v.object({ code: v.picklist(ALERT_ERRORS), status: v.optional(v.number()), at: v.number() })),
        }),
      ),
      v.maxLength(500),
    ),
  }),
  /** Someone acknowledged: in the app, or by the one-time link (as the host reported). */
  [ACKNOWLEDGED]: v.object({
    jobId,
    personId: v.nullable(id),
    via: v.picklist(['app', 'link']),
    at: v.number(),
    /** Stopped by the app because its incident is a duplicate of another from the same intake report (one alert per report). */
    duplicate: v.optional(v.literal(true)),
  }),
} as const;

export type AlertsEvent = EventOf<typeof alertsEvents>;
export type EscalationStartedPayload = PayloadIn<typeof alertsEvents, typeof ESCALATION_STARTED>;
export type OutcomesRecordedPayload = PayloadIn<typeof alertsEvents, typeof OUTCOMES_RECORDED>;
export type ChannelSavedPayload = PayloadIn<typeof alertsEvents, typeof CHANNEL_SAVED>;
export const isAlertsEvent = eventGuard(alertsEvents);
export const ALERT_EVENT_TYPES = Object.keys(alertsEvents) as (keyof typeof alertsEvents)[];
