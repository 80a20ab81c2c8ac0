/**
 * Who sees the executives' page: direction (対策本部長・役員) and observers (executives who
 * follow the incident without working a board). The page holds counts and facts, no
 * customer's name or contact; the other roles have their own screens.
 */
import type { AccessRole } from '../roles/model';

export const EXEC_PAGE_ROLES: readonly AccessRole[] = ['direction', 'observer'];

export function mayReadExecPage(roles: readonly AccessRole[]): boolean {
  return roles.some((r) => EXEC_PAGE_ROLES.includes(r));
}
