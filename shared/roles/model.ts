/**
 * Access roles: what a member may do in the workspace or in one incident. Not the board
 * phases of a member's profile (people/events.ts ROLES: where they work); these are
 * assigned by direction as signed events and decide what a member's events may be.
 */
export const ACCESS_ROLES = ['direction', 'contact-lead', 'operator', 'statement', 'analyst', 'observer'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export function isAccessRole(r: string): r is AccessRole {
  return (ACCESS_ROLES as readonly string[]).includes(r);
}
