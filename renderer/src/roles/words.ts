/** Role refusals in the person's words: what was asked and which role may do it. */
import type { Problem } from '../../../shared/events/command';
import { isAccessRole, type AccessRole } from '../../../shared/roles/model';
import { translateIfAny, type useT } from '../i18n/i18n';

type T = ReturnType<typeof useT>;

export function roleNames(t: T, roles: readonly AccessRole[]): string {
  return roles.map((r) => t(`permissions.roles.${r}`)).join(t('permissions.or'));
}

/** What an event kind does, in words ("声明文の承認"); the same words the timeline uses. */
export function kindWords(t: T, kind: string): string {
  return translateIfAny(t, `events.types.${kind}`) ?? t('events.unknownType');
}

/** The sentence for a refusal by role, or null when the problem is not about roles. */
export function roleRefusalText(t: T, p: Pick<Problem, 'reason' | 'params'>): string | null {
  if (p.reason === 'last-direction') return t('permissions.lastDirection');
  if (p.reason !== 'role-required') return null;
  const roles = String(p.params?.roles ?? '').split(',').filter(isAccessRole);
  const what = kindWords(t, String(p.params?.kind ?? ''));
  // No role named: any member may, but not an observer.
  if (roles.length === 0) return t('permissions.refusedObserver', { what });
  return t('permissions.refused', { what, roles: roleNames(t, roles) });
}
