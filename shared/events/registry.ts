/**
 * Every event type the app defines, in one list, each in the group the timeline files it
 * under. The timeline's labels, its type filter and the tests that every type has words in
 * both languages all read this list, so a type missing here is caught by a test
 * (registry.test.ts scans the sources for event types) instead of reaching the screen as
 * a raw code. Parts that keep their own constants (contacts, sync) are spread in, so a
 * type added there is registered without touching this file.
 */
import { CONTACT_EVENT_TYPES } from '../contacts/events';
import { OVERRIDE_RECORDED } from '../outgoing/overrides';
import { DEVICE_ADDED, DEVICE_REVOKED } from '../sync/roster';

/** Timeline groups, in the order the type filter shows them. */
export const EVENT_GROUPS = ['report', 'board', 'decision', 'regulator', 'statement', 'contacts', 'enquiries', 'closing', 'workspace'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

const BY_GROUP = {
  report: ['incident.first-reported', 'incident.report-filed', 'incident.facts-changed', 'incident.details-changed', 'incident.override-seen'],
  board: ['boards.tasks-added', 'boards.task-changed', 'boards.checklist-item-toggled'],
  decision: ['decision.recorded', 'disclosure.decision-recorded', OVERRIDE_RECORDED],
  regulator: ['regulator.settings-changed', 'regulator.report-filed', 'regulator.contact-logged', 'ppc.draft-edited'],
  statement: ['statement.drafted', 'statement.section-edited', 'statement.approved', 'statement.published', 'notice.drafted', 'notice.section-edited', 'notice.approved', 'notice.published'],
  contacts: Object.values(CONTACT_EVENT_TYPES),
  enquiries: [
    'enquiry.logged',
    'enquiry.edited',
    'faq.entry-drafted',
    'faq.entry-edited',
    'faq.entry-approved',
    'faq.entry-retired',
    'faq.variants-added',
    'faq.answer-used',
  ],
  closing: ['incident.prevention-planned', 'incident.pdca-reported'],
  workspace: ['people.profile-saved', 'company.profile-saved', 'templates.template-saved', DEVICE_ADDED, DEVICE_REVOKED],
} as const satisfies Record<EventGroup, readonly string[]>;

export type EventType = (typeof BY_GROUP)[EventGroup][number];

export const EVENT_TYPES: readonly EventType[] = EVENT_GROUPS.flatMap((g) => BY_GROUP[g] as readonly EventType[]);

const GROUP_OF = new Map<string, EventGroup>(EVENT_GROUPS.flatMap((g) => BY_GROUP[g].map((type) => [type, g] as const)));

export function isRegisteredEventType(type: string): type is EventType {
  return GROUP_OF.has(type);
}

/** The group a type is filed under; undefined for a type this version does not know (from a newer laptop). */
export function eventGroup(type: string): EventGroup | undefined {
  return GROUP_OF.get(type);
}

/** The registered types of one group, in registry order. */
export function typesOfGroup(group: EventGroup): readonly EventType[] {
  return BY_GROUP[group];
}
