/**
 * THE table of who may write what: role → the kinds of event (and so the commands that
 * produce them) a member holding it may write, plus the kinds any member of the incident
 * may write. Commands are refused by it before anything is appended (dispatch), and every
 * laptop judges synced events by it again when folding (book.ts), so the screens, the
 * commands and the folds cannot disagree. Every registered event type must be placed here:
 * a new type that is not does not compile, and roles.test.ts fails.
 *
 * Direction may write everything any role may, plus its own list. An observer writes
 * nothing but its own profile, "I have seen this overwrite" acknowledgements and its
 * laptop's roster events; a member not given any role yet works under ANYONE_IN_INCIDENT only.
 */
import type { EventType } from '../events/registry';
import type { AccessRole } from './model';

/** Everyday work of the response: any member of the incident except an observer. */
export const ANYONE_IN_INCIDENT = [
  'incident.first-reported',
  'incident.report-filed',
  'incident.facts-changed',
  'incident.details-changed',
  'incident.override-seen',
  'incident.decision-recorded',
  'boards.tasks-added',
  'boards.task-changed',
  'boards.checklist-item-toggled',
  'disclosure.ppc-draft-edited',
  'disclosure.override-seen',
  'disclosure.statement-drafted',
  'disclosure.statement-section-edited',
  'disclosure.notice-drafted',
  'disclosure.notice-section-edited',
  'faq.enquiry-logged',
  'faq.enquiry-edited',
  'faq.entry-drafted',
  'faq.entry-edited',
  'faq.variants-added',
  // Moving an enquiry the grouping put with the wrong questions, as making a group an entry is.
  'faq.enquiry-regrouped',
  'faq.answer-used',
  // The callback queue (decision 033): the commands narrow who may work whose callback.
  'faq.escalation-owned',
  'faq.escalation-due-set',
  'faq.escalation-noted',
  'faq.escalation-closed',
  // The call-centre vendor's files (decision 031): whoever runs the enquiry desk imports them.
  'faq.vendor-enquiries-imported',
  'faq.vendor-report-imported',
  'people.profile-saved',
  'company.override-seen',
  // The access record: a look is recorded whoever looks (refusing the record would only hide the look).
  'access.card-opened',
  'access.lookup-shown',
  'access.printed',
  // Files of customers: any member may ask for one and, once a second member approved it,
  // produce it (shared/access/exports.ts checks who and how often); approving is a role's.
  'access.export-requested',
  'access.export-withdrawn',
  'access.exported',
  // The calling checklist of an incident (shared/directory): whoever phones marks the call.
  'directory.call-marked',
  // A person's own reminders (decision 020): what they saw and acknowledged.
  'reminders.acknowledged',
  'reminders.notified',
  'reminders.channels-set',
  // The roster of devices has its own rules (shared/sync/roster.ts): trusted signers only.
  'sync.device-added',
  'sync.device-revoked',
  'sync.device-key-published',
  'sync.epoch-started',
  // Alerts (decision 018): whoever files a first report starts its call tree; the host's reports and acknowledgements are recorded by anyone.
  'alerts.escalation-started',
  'alerts.outcomes-recorded',
  'alerts.acknowledged',
] as const satisfies readonly EventType[];

/** Only direction: approvals, the decisions that bind the company, and who holds which role. */
const DIRECTION_ONLY = [
  'disclosure.statement-approved',
  'disclosure.notice-approved',
  'faq.entry-approved',
  'faq.entry-retired',
  'disclosure.decision-recorded',
  'contacts.notice-published',
  'outgoing.override-recorded',
  'roles.role-assigned',
  'roles.role-removed',
  'company.profile-saved',
  'boards.template-saved',
  // Where the team's alerts go (chat webhooks, details opt-in).
  'alerts.channel-saved',
  'alerts.channel-removed',
  'alerts.email-details-set',
  // The intake page (decision 019): its key, the reports fetched from the host, and what became of them.
  'intake.key-created',
  'intake.reports-received',
  'intake.report-handled',
  // The emergency contact list and its call trees (shared/directory): the workspace's, read by all.
  'directory.person-saved',
  'directory.person-removed',
  'directory.tree-saved',
  'directory.tree-removed',
] as const satisfies readonly EventType[];

const STATEMENT = ['disclosure.statement-published', 'disclosure.notice-published'] as const satisfies readonly EventType[];

const CONTACT_LEAD = [
  'contacts.dataset-imported',
  'contacts.batch-created',
  'contacts.batch-sent',
  'contacts.batch-reassigned',
  'contacts.batch-cancelled',
  'contacts.outcomes-recorded',
  'contacts.customers-excluded',
  'contacts.event-undone',
  'contacts.nayose-decided',
  'contacts.nayose-undone',
  // Letter variants by segment (decision 028): who runs the mailings decides which letter each segment gets.
  'letters.variant-saved',
  'letters.variant-removed',
  'contacts.gift-programme-set',
  'contacts.gifts-redeemed',
  'contacts.gift-redemption-undone',
  // May approve an export: the second person of the two-person export (direction may too).
  'access.export-approved',
  'access.export-refused',
  // The FAQ handed to the call-centre vendor (decision 034): whoever runs the contact work hands it over.
  'faq.handed-over',
] as const satisfies readonly EventType[];

const ANALYST = [
  'disclosure.settings-changed',
  'disclosure.report-filed',
  'disclosure.contact-logged',
  'incident.prevention-planned',
  'incident.pdca-reported',
] as const satisfies readonly EventType[];

/** An observer's laptop still takes part in the team: its own profile, acknowledgements, the record of what it looked at, and its device's roster events. */
const OBSERVER = [
  'people.profile-saved',
  'incident.override-seen',
  'disclosure.override-seen',
  'company.override-seen',
  'access.card-opened',
  'access.lookup-shown',
  'access.printed',
  'reminders.acknowledged',
  'reminders.notified',
  'reminders.channels-set',
  'sync.device-added',
  'sync.device-revoked',
  'sync.device-key-published',
  'sync.epoch-started',
  // An executive alerted at night may hold no other role: acknowledging must still count.
  'alerts.acknowledged',
  'alerts.outcomes-recorded',
] as const satisfies readonly EventType[];

/**
 * The call centre, and nothing else (operator mode, decision 016): outcomes of the calls it
 * makes, the enquiries it takes, the record of what it looked at, its own profile,
 * acknowledgements and its laptop's roster events. A member holding only this role (or
 * this and observer) may write nothing more: no batch, no import, no export record (so no
 * export), no first report, no board edits. What an observer writes, and the call centre's work.
 */
const OPERATOR = [
  ...OBSERVER,
  'contacts.outcomes-recorded',
  'faq.enquiry-logged',
  'faq.enquiry-edited',
  'faq.answer-used',
  // Calling back the enquiries the desk could not answer (decision 033).
  'faq.escalation-owned',
  'faq.escalation-due-set',
  'faq.escalation-noted',
  'faq.escalation-closed',
] as const satisfies readonly EventType[];

export const ROLE_TABLE: Readonly<Record<AccessRole, readonly EventType[]>> = {
  direction: [...DIRECTION_ONLY, ...STATEMENT, ...CONTACT_LEAD, ...ANALYST],
  statement: STATEMENT,
  'contact-lead': CONTACT_LEAD,
  operator: OPERATOR,
  analyst: ANALYST,
  observer: OBSERVER,
};

// Every registered type has a decision: a type missing from both lists does not compile.
type Placed = (typeof ANYONE_IN_INCIDENT)[number] | (typeof DIRECTION_ONLY)[number] | (typeof STATEMENT)[number] | (typeof CONTACT_LEAD)[number] | (typeof OPERATOR)[number] | (typeof ANALYST)[number];
const everyTypePlaced: [EventType] extends [Placed] ? true : never = true;
void everyTypePlaced;

const ANYONE = new Set<string>(ANYONE_IN_INCIDENT);
const ORDER: readonly AccessRole[] = ['direction', 'statement', 'contact-lead', 'analyst', 'operator', 'observer'];

/** The kind of event that approves a bulk export: who may write it "may approve an export". */
export const EXPORT_APPROVAL = 'access.export-approved';

/** Whether a member holding `roles` (in the event's scope) may write an event of `type`. */
export function mayWrite(roles: readonly AccessRole[], type: string): boolean {
  if (roles.includes('direction')) return true;
  if (roles.some((r) => ROLE_TABLE[r].includes(type as EventType))) return true;
  // Only an observer or an operator: nothing but their own lists, which the line above checked.
  if (isOperatorOrObserverOnly(roles)) return false;
  return ANYONE.has(type);
}

/** Roles that confine a member to their own lists: nothing of the everyday work beyond them. */
const CONFINING: readonly AccessRole[] = ['operator', 'observer'];

/** Whether `roles` are all confining (operator, observer) and there is at least one. */
export function isOperatorOrObserverOnly(roles: readonly AccessRole[]): boolean {
  return roles.length > 0 && roles.every((r) => CONFINING.includes(r));
}

/**
 * The roles that may write `type`, for the message that says who may ("only direction may
 * approve statements"). Empty when any member of the incident may.
 */
export function rolesThatMay(type: string): AccessRole[] {
  if (ANYONE.has(type)) return [];
  return ORDER.filter((r) => r === 'direction' || ROLE_TABLE[r].includes(type as EventType));
}

/**
 * Who is shown a caller's name, phone and e-mail on the callback queue (decision 033): the
 * people who call back — the desk (operator, contact lead) and direction. Others see the
 * question and the due time only. Like every role, this decides what the screen shows, not
 * what a member's laptop can decrypt (decision 014).
 */
export const SEES_CALLERS: readonly AccessRole[] = ['direction', 'contact-lead', 'operator'];

export function maySeeCallers(roles: readonly AccessRole[]): boolean {
  return roles.some((r) => SEES_CALLERS.includes(r));
}
