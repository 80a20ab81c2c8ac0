/**
 * People: the local profile of whoever uses this laptop, the actor of every event, and
 * later the HQ roster. Contact details are personal data: they only ever live sealed.
 */
import type { HonbuEvent } from '../events/event';
import { mergeLww, type ProjectionSpec, type Stamped } from '../events/projection';
import { isPeopleEvent, ROLES, type PeopleEvent, type ProfileFields } from './events';

export { ROLES } from './events';
export type { ProfileFields, Role } from './events';

export interface Person extends ProfileFields, Stamped {
  id: string;
  createdAt: string;
}

export type ProfileSavedEvent = Extract<PeopleEvent, { type: 'people.profile-saved' }>;

export function isProfileSaved(e: HonbuEvent): e is ProfileSavedEvent {
  return isPeopleEvent(e) && e.type === 'people.profile-saved';
}

/**
 * A profile event about someone other than its author. Only the person may save their own
 * profile (the command writes the actor's id): every laptop refuses such an event from
 * another laptop (the sync receiver) and the fold ignores it. The author is the event's
 * actor, which a receiving laptop has checked is the person of the device that signed it.
 */
export function isProfileOfAnother(e: HonbuEvent): boolean {
  return isProfileSaved(e) && e.payload.personId !== e.actor;
}

export interface ProfileProblem {
  field: keyof ProfileFields;
  reason: 'required' | 'too-long' | 'invalid';
}

/** Validates a profile before it becomes an event. */
export function checkProfile(fields: Partial<ProfileFields>): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  if (fields.name !== undefined) {
    if (fields.name.trim() === '') problems.push({ field: 'name', reason: 'required' });
    else if (fields.name.length > 100) problems.push({ field: 'name', reason: 'too-long' });
  }
  if (fields.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email.normalize('NFKC'))) {
    problems.push({ field: 'email', reason: 'invalid' });
  }
  if (fields.phone && !/^[+\d\s()\-\u2010-\u2015\u2212\u30fc\uff0d]{6,20}$/.test(fields.phone.normalize('NFKC'))) {
    problems.push({ field: 'phone', reason: 'invalid' });
  }
  if (fields.location && fields.location.length > 300) problems.push({ field: 'location', reason: 'too-long' });
  if (fields.roles && !fields.roles.every((r) => (ROLES as readonly string[]).includes(r))) {
    problems.push({ field: 'roles', reason: 'invalid' });
  }
  return problems;
}

export const peopleProjection: ProjectionSpec<Person> = {
  table: 'people',
  // A profile event about another person than its author names nobody (isProfileOfAnother).
  keys: (e) => (isProfileSaved(e) && !isProfileOfAnother(e) ? [e.payload.personId] : []),
  reduce(row, e, key) {
    if (!isProfileSaved(e) || isProfileOfAnother(e)) return row ?? null;
    const { personId: _id, ...patch } = e.payload;
    const base: Person = row ?? {
      id: key,
      name: '',
      roles: [],
      phone: '',
      email: '',
      location: '',
      createdAt: e.at,
      stamps: {},
    };
    const merged = mergeLww(base, patch, e.at);
    // The earliest event that mentions the person is when they joined, whatever the arrival order.
    return e.at < merged.createdAt ? { ...merged, createdAt: e.at } : merged;
  },
  index: () => ({}),
};
