/**
 * Every event type the app defines, with its payload schema and the group the timeline
 * files it under. Each part owns its events (`shared/<part>/events.ts`, prefix = folder);
 * this file merges their maps. It is the one place that knows them all:
 *
 * - `AnyDraft` is what EventStore.append accepts, so an unregistered type or a payload of
 *   the wrong shape does not compile;
 * - `parseEvent` checks anything that comes from outside the process (sync, files) before
 *   it reaches a fold, and says why it refused;
 * - `LEGACY_TYPES` upcasts names used before the prefixes matched the folders (see
 *   docs/decisions/008-legacy-event-names.md), in parseEvent and when events are read.
 *
 * Parts never import this file (the folds narrow with their own unions), so it can import
 * every part without a cycle.
 */
import * as v from 'valibot';
import { accessEvents } from '../access/events';
import { ACKNOWLEDGED, CHANNEL_REMOVED, CHANNEL_SAVED, EMAIL_DETAILS_SET, ESCALATION_STARTED, OUTCOMES_RECORDED, alertsEvents } from '../alerts/events';
import { boardsEvents } from '../boards/events';
import { companyEvents } from '../company/events';
import { CONTACT_EVENT_TYPES, contactEvents } from '../contacts/events';
import { GIFT_EVENT_TYPES, giftEvents } from '../contacts/gift-events';
import { NAYOSE_EVENT_TYPES, nayoseEvents } from '../contacts/nayose-events';
import { directoryEvents } from '../directory/events';
import { disclosureEvents } from '../disclosure/events';
import { ESCALATION_EVENT_TYPES, escalationEvents } from '../faq/escalation-events';
import { faqEvents } from '../faq/events';
import { FAQ_HANDED_OVER, faqHandoverEvents } from '../faq/handover-events';
import { vendorEvents } from '../faq/vendor-events';
import { incidentEvents } from '../incident/events';
import { intakeEvents } from '../intake/events';
import { letterEvents } from '../letters/events';
import { OVERRIDE_RECORDED, outgoingEvents } from '../outgoing/events';
import { peopleEvents } from '../people/events';
import { reminderEvents } from '../reminders/events';
import { ROLE_ASSIGNED, ROLE_REMOVED, roleEvents } from '../roles/events';
import { DEVICE_ADDED, DEVICE_KEY_PUBLISHED, DEVICE_REVOKED, EPOCH_STARTED, syncEvents } from '../sync/events';
import { NO_INCIDENT, type EventDraft, type HonbuEvent } from './event';

export const EVENT_SCHEMAS = {
  ...incidentEvents,
  ...boardsEvents,
  ...disclosureEvents,
  ...outgoingEvents,
  ...contactEvents,
  ...giftEvents,
  ...nayoseEvents,
  ...faqEvents,
  ...escalationEvents,
  ...faqHandoverEvents,
  ...vendorEvents,
  ...peopleEvents,
  ...roleEvents,
  ...companyEvents,
  ...syncEvents,
  ...accessEvents,
  ...alertsEvents,
  ...intakeEvents,
  ...directoryEvents,
  ...reminderEvents,
  ...letterEvents,
} as const;

type Schemas = typeof EVENT_SCHEMAS;
export type EventType = keyof Schemas & string;
export type PayloadOf<T extends EventType> = v.InferOutput<Schemas[T]>;
/** Every event the app knows, as a discriminated union: narrowing on `type` gives the payload. */
export type AnyEvent = { [K in EventType]: HonbuEvent<K, PayloadOf<K>> }[EventType];
/** Every draft the store accepts: a registered type with its payload. */
export type AnyDraft = { [K in EventType]: EventDraft<K, PayloadOf<K>> }[EventType];

/**
 * Names used before event prefixes matched the folders that own them. Stored events were
 * renamed by migration 7; events still arriving under an old name (the shared sync log
 * keeps every event as it was sent) are upcast on the way in.
 */
export const LEGACY_TYPES: Readonly<Record<string, EventType>> = {
  'decision.recorded': 'incident.decision-recorded',
  'enquiry.logged': 'faq.enquiry-logged',
  'enquiry.edited': 'faq.enquiry-edited',
  'regulator.settings-changed': 'disclosure.settings-changed',
  'regulator.report-filed': 'disclosure.report-filed',
  'regulator.contact-logged': 'disclosure.contact-logged',
  'ppc.draft-edited': 'disclosure.ppc-draft-edited',
  'statement.drafted': 'disclosure.statement-drafted',
  'statement.section-edited': 'disclosure.statement-section-edited',
  'statement.approved': 'disclosure.statement-approved',
  'statement.published': 'disclosure.statement-published',
  'notice.drafted': 'disclosure.notice-drafted',
  'notice.section-edited': 'disclosure.notice-section-edited',
  'notice.approved': 'disclosure.notice-approved',
  'notice.published': 'disclosure.notice-published',
  'templates.template-saved': 'boards.template-saved',
};

/** The current name of a type (an old name upcast; any other returned as it is). */
export function currentType(type: string): string {
  return Object.hasOwn(LEGACY_TYPES, type) ? LEGACY_TYPES[type]! : type;
}

/** Timeline groups, in the order the type filter shows them. */
export const EVENT_GROUPS = ['report', 'board', 'decision', 'regulator', 'statement', 'contacts', 'enquiries', 'closing', 'workspace', 'access'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

const BY_GROUP = {
  report: ['incident.first-reported', 'incident.report-filed', 'incident.facts-changed', 'incident.details-changed', 'incident.override-seen', ESCALATION_STARTED, OUTCOMES_RECORDED, ACKNOWLEDGED],
  board: ['boards.tasks-added', 'boards.task-changed', 'boards.checklist-item-toggled', 'directory.call-marked', 'reminders.acknowledged', 'reminders.notified', 'reminders.channels-set'],
  decision: ['incident.decision-recorded', 'disclosure.decision-recorded', OVERRIDE_RECORDED],
  regulator: ['disclosure.settings-changed', 'disclosure.report-filed', 'disclosure.contact-logged', 'disclosure.ppc-draft-edited', 'disclosure.override-seen'],
  statement: [
    'disclosure.statement-drafted',
    'disclosure.statement-section-edited',
    'disclosure.statement-approved',
    'disclosure.statement-published',
    'disclosure.notice-drafted',
    'disclosure.notice-section-edited',
    'disclosure.notice-approved',
    'disclosure.notice-published',
  ],
  contacts: [...Object.values(CONTACT_EVENT_TYPES), ...Object.values(GIFT_EVENT_TYPES), 'letters.variant-saved', 'letters.variant-removed', ...Object.values(NAYOSE_EVENT_TYPES)],
  enquiries: [
    'faq.enquiry-logged',
    'faq.enquiry-edited',
    'faq.enquiry-regrouped',
    'faq.entry-drafted',
    'faq.entry-edited',
    'faq.entry-approved',
    'faq.entry-retired',
    'faq.variants-added',
    'faq.answer-used',
    ...Object.values(ESCALATION_EVENT_TYPES),
    FAQ_HANDED_OVER,
    'faq.vendor-enquiries-imported',
    'faq.vendor-report-imported',
  ],
  closing: ['incident.prevention-planned', 'incident.pdca-reported'],
  access: ['access.card-opened', 'access.lookup-shown', 'access.exported', 'access.printed', 'access.export-requested', 'access.export-approved', 'access.export-refused', 'access.export-withdrawn'],
  workspace: ['people.profile-saved', 'company.profile-saved', 'company.override-seen', 'boards.template-saved', DEVICE_ADDED, DEVICE_REVOKED, DEVICE_KEY_PUBLISHED, EPOCH_STARTED, ROLE_ASSIGNED, ROLE_REMOVED, 'intake.key-created', 'intake.reports-received', 'intake.report-handled', 'directory.person-saved', 'directory.person-removed', 'directory.tree-saved', 'directory.tree-removed', CHANNEL_SAVED, CHANNEL_REMOVED, EMAIL_DETAILS_SET],
} as const satisfies Record<EventGroup, readonly EventType[]>;

// Every registered type has a group: a type missing here does not compile.
type Grouped = (typeof BY_GROUP)[EventGroup][number];
const everyTypeGrouped: [EventType] extends [Grouped] ? true : never = true;
void everyTypeGrouped;

export const EVENT_TYPES: readonly EventType[] = EVENT_GROUPS.flatMap((g) => BY_GROUP[g] as readonly EventType[]);

const GROUP_OF = new Map<string, EventGroup>(EVENT_GROUPS.flatMap((g) => BY_GROUP[g].map((type) => [type, g] as const)));

export function isRegisteredEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_SCHEMAS, type);
}

/**
 * An event of a registered type, narrowed to its payload. Sound because nothing is stored
 * unparsed (see eventGuard in event.ts); a type from a newer version is not one.
 */
export function isKnownEvent(e: HonbuEvent): e is AnyEvent {
  return isRegisteredEventType(e.type);
}

/** The group a type is filed under; undefined for a type this version does not know (from a newer laptop). */
export function eventGroup(type: string): EventGroup | undefined {
  return GROUP_OF.get(type);
}

/** The registered types of one group, in registry order. */
export function typesOfGroup(group: EventGroup): readonly EventType[] {
  return BY_GROUP[group];
}

// ---- Parsing at the boundary ---------------------------------------------------------

export type Parsed<T> = { ok: true; event: T } | { ok: false; reason: string };

const HLC = /^\d{16}-[0-9a-f]{4}-.+$/;

const envelopeSchema = v.object({
  id: v.pipe(v.string(), v.uuid('id must be a uuid')),
  incidentId: v.nullable(v.pipe(v.string(), v.minLength(1), v.check((id) => id !== NO_INCIDENT, 'incidentId is reserved for "no incident"'))),
  at: v.pipe(v.string(), v.regex(HLC, 'at must be a hybrid logical clock')),
  actor: v.pipe(v.string(), v.minLength(1, 'actor is required')),
  type: v.string(),
  payload: v.unknown(),
});

/**
 * "payload.report.discoveredAt: expected (string | null)". Built from what was expected,
 * never from what was received: a refused payload can hold personal data, and reasons are
 * kept and shown.
 */
function reasonOf(issues: readonly v.BaseIssue<unknown>[], prefix: string): string {
  const first = issues[0]!;
  const path = v.getDotPath(first);
  const where = path ? `${prefix}${path}` : prefix.replace(/\.$/, '') || 'event';
  // valibot's own messages end "…received <the value>"; messages written in this code quote no value.
  const quotesValue = /received/i.test(first.message);
  const what = !quotesValue ? first.message : first.received === 'undefined' ? 'missing' : first.expected ? `expected ${first.expected}` : `not a valid ${first.type}`;
  return `${where}: ${what}`;
}

/**
 * The sync part's events (the roster of laptops and the key epochs) are the workspace's own:
 * every roster and chain a laptop builds from its store reads the workspace's events only, so
 * one filed under an incident would count where it arrives and be forgotten at the next
 * start. Such an event is refused, from another laptop and from this one alike.
 */
function workspaceOnly(type: EventType, incidentId: string | null): { ok: false; reason: string } | null {
  return incidentId !== null && Object.hasOwn(syncEvents, type) ? { ok: false, reason: `incidentId: a ${type} event belongs to no incident` } : null;
}

function parsePayload(type: string, payload: unknown): { ok: true; type: EventType; payload: unknown } | { ok: false; reason: string } {
  const name = currentType(type);
  if (!isRegisteredEventType(name)) return { ok: false, reason: `type: "${type}" is not an event type this version knows` };
  const result = v.safeParse(EVENT_SCHEMAS[name], payload);
  if (!result.success) return { ok: false, reason: `${name} ${reasonOf(result.issues, 'payload.')}` };
  return { ok: true, type: name, payload: result.output };
}

/**
 * Checks an event from outside the process: the envelope (uuid id, incident, clock, actor),
 * a registered type (an old name upcast) and its payload. The reason names the field.
 */
export function parseEvent(raw: unknown): Parsed<AnyEvent> {
  const envelope = v.safeParse(envelopeSchema, raw);
  if (!envelope.success) return { ok: false, reason: reasonOf(envelope.issues, '') };
  const e = envelope.output;
  const p = parsePayload(e.type, e.payload);
  if (!p.ok) return p;
  const misfiled = workspaceOnly(p.type, e.incidentId);
  if (misfiled) return misfiled;
  return { ok: true, event: toAny({ ...e, type: p.type, payload: p.payload }) };
}

/** Checks a draft before the store stamps it: a registered type and its payload. */
export function parseDraft(raw: EventDraft): Parsed<AnyDraft> {
  if (raw.incidentId === NO_INCIDENT) return { ok: false, reason: 'incidentId: reserved for "no incident"' };
  const p = parsePayload(raw.type, raw.payload);
  if (!p.ok) return p;
  const misfiled = workspaceOnly(p.type, raw.incidentId);
  if (misfiled) return misfiled;
  return { ok: true, event: toAnyDraft({ type: p.type, incidentId: raw.incidentId, payload: p.payload }) };
}

// The payload was checked against the schema of exactly this type just above; TypeScript
// cannot follow a check on a type chosen at run time, so the union is asserted here, once.
function toAny(e: HonbuEvent<EventType>): AnyEvent {
  return e as AnyEvent;
}
function toAnyDraft(d: EventDraft<EventType>): AnyDraft {
  return d as AnyDraft;
}

/** An event read back from this laptop's own store: written after parsing, sealed (AES-GCM), only its name upcast. */
export function upcastStored<E extends { type: string }>(e: E): E {
  const type = currentType(e.type);
  return type === e.type ? e : { ...e, type };
}

/**
 * The id an event must carry, for the two events that make something others then act on: an
 * incident's first report carries the incident's id, an export request the export's. Both ids
 * are fresh (made by the command), and a laptop keeps the first event it stores under an id,
 * so nobody else's event can carry them: a second "first report" or "request" of the same
 * incident or export, under another id, is someone reaching for it (backdated, it named its
 * author direction, or the requester an approval was given to). The role book and the export
 * fold go by the bound one.
 */
export function boundEventId(d: AnyDraft): string | undefined {
  const id = d.type === 'incident.first-reported' ? d.incidentId : d.type === 'access.export-requested' ? d.payload.exportId : null;
  // Only an id that can be an event's (the commands make uuids; hand-made test ids are not).
  return id !== null && UUID.test(id) ? id : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
