/** The people part's events: type → payload schema; the fold lives in profile.ts. */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';

export const ROLES = ['direction', 'containment', 'analysis', 'countermeasures', 'counter', 'statement'] as const;
export type Role = (typeof ROLES)[number];

export const profileFieldsSchema = v.object({
  name: v.string(),
  roles: v.array(v.picklist(ROLES)),
  phone: v.string(),
  email: v.string(),
  /** Where the person works from during the response (office, home address…). */
  location: v.string(),
});
export type ProfileFields = v.InferOutput<typeof profileFieldsSchema>;

export const peopleEvents = {
  /** What changed in a member's profile (only the fields saved). */
  'people.profile-saved': v.object({ personId: v.string(), ...v.partial(profileFieldsSchema).entries }),
} as const;

export type PeopleEvent = EventOf<typeof peopleEvents>;
export type ProfileSavedPayload = PayloadIn<typeof peopleEvents, 'people.profile-saved'>;
export const isPeopleEvent = eventGuard(peopleEvents);
