/** Commands of the people part: a member's own profile. */
import { accept, refuse, unchanged, type CommandContext, type CommandResult } from '../events/command';
import type { ProfileFields } from './events';
import { checkProfile } from './profile';

/** Saves the fields given of the person using this laptop (the actor): checked first. */
export function saveProfile(ctx: CommandContext, _state: null, args: { fields: Partial<ProfileFields> }): CommandResult {
  const problems = checkProfile(args.fields);
  if (problems.length > 0) return refuse(problems);
  if (Object.keys(args.fields).length === 0) return unchanged('profile');
  return accept([{ type: 'people.profile-saved', incidentId: null, payload: { personId: ctx.actor.personId, ...args.fields } }]);
}
