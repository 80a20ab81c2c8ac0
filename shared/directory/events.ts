/** The directory part's events (the emergency contact list, call trees, the calling checklist): type → payload schema. */
import * as v from 'valibot';
import { SEVERITIES } from '../alerts/plan';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';
import { CALL_OUTCOMES, CONTACT_CATEGORIES, MAX_EMAILS, MAX_PHONES, MAX_STEPS, MAX_WAIT_MINUTES } from './model';

const text = v.pipe(v.string(), v.maxLength(500));

export const personFieldsSchema = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  organisation: text,
  title: text,
  category: v.picklist(CONTACT_CATEGORIES),
  phones: v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(MAX_PHONES)),
  emails: v.pipe(v.array(v.pipe(v.string(), v.maxLength(254))), v.maxLength(MAX_EMAILS)),
  chat: text,
  deputyId: v.nullable(v.string()),
  hours: v.pipe(v.string(), v.maxLength(100)),
});

const treeSchema = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  scenario: v.nullable(v.string()),
  severity: v.nullable(v.picklist(SEVERITIES)),
  steps: v.pipe(
    v.array(
      v.object({
        personIds: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(50)),
        waitMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_WAIT_MINUTES)),
      }),
    ),
    v.minLength(1),
    v.maxLength(MAX_STEPS),
  ),
});

export const directoryEvents = {
  /** A person of the contact list added or changed: the whole record (the list is small; last save wins). */
  'directory.person-saved': v.object({ personId: v.string(), person: personFieldsSchema }),
  'directory.person-removed': v.object({ personId: v.string() }),
  /** A call tree added or changed, whole. */
  'directory.tree-saved': v.object({ treeId: v.string(), tree: treeSchema }),
  'directory.tree-removed': v.object({ treeId: v.string() }),
  /** On an incident's calling checklist: what the call to this person got (who and when are the event's). */
  'directory.call-marked': v.object({ personId: v.string(), outcome: v.picklist(CALL_OUTCOMES) }),
} as const;

type Schemas = typeof directoryEvents;
export type PersonSavedPayload = PayloadIn<Schemas, 'directory.person-saved'>;
export type TreeSavedPayload = PayloadIn<Schemas, 'directory.tree-saved'>;
export type DirectoryEvent = EventOf<typeof directoryEvents>;
export const isDirectoryEvent = eventGuard(directoryEvents);
