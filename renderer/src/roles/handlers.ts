/** Handlers of the roles part: direction gives and takes roles (shared/roles/commands.ts). */
import { assignRole, removeRole, type RoleArgs } from '../../../shared/roles/commands';
import type { Handler } from '../data/handler';
import { currentRoleBook } from './role-book';

export type RolesHandlers = {
  'roles.assign-role': Handler<RoleArgs>;
  'roles.remove-role': Handler<RoleArgs>;
};

export const rolesHandlers: RolesHandlers = {
  'roles.assign-role': async (h, args) => h.run(assignRole(h.ctx, await currentRoleBook(h.store), args)),
  'roles.remove-role': async (h, args) => h.run(removeRole(h.ctx, await currentRoleBook(h.store), args)),
};
