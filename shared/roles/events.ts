/**
 * The roles part's events. The event's incidentId is the scope: null gives the role in the
 * whole workspace (every incident), an id gives it in that incident only. Both are signed
 * by the device that sent them and judged on every laptop (book.ts): only direction of the
 * scope may assign or remove, and the last direction member cannot be removed.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf } from '../events/event';
import { ACCESS_ROLES } from './model';

export const ROLE_ASSIGNED = 'roles.role-assigned';
export const ROLE_REMOVED = 'roles.role-removed';

const change = v.object({ personId: v.pipe(v.string(), v.minLength(1)), role: v.picklist(ACCESS_ROLES) });

export const roleEvents = {
  [ROLE_ASSIGNED]: change,
  [ROLE_REMOVED]: change,
} as const;

export type RoleEvent = EventOf<typeof roleEvents>;
export const isRoleEvent = eventGuard(roleEvents);
