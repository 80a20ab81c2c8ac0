/**
 * Beside a button only direction may use: who may (by name), and — when the person at this
 * laptop may not — why the button is disabled.
 */
import { useT } from '../i18n/i18n';
import { usePeople } from '../people/people-store';
import { useDirection, useMyRoles } from './roles-store';

export function useMayDecide(incidentId: string | null): boolean {
  return useMyRoles(incidentId).includes('direction');
}

export function WhoMayApprove({ incidentId, id }: { incidentId: string | null; id?: string }) {
  const t = useT();
  const people = usePeople();
  const direction = useDirection(incidentId);
  const mine = useMayDecide(incidentId);
  const names = direction.map((p) => people.find((x) => x.id === p)?.name || t('permissions.someone'));
  return (
    <p className="hint" id={id} data-who-may-approve>
      {!mine && <>{t('permissions.whyDisabled')} </>}
      {names.length > 0 ? t('permissions.whoMayApprove', { names: names.join(t.lang === 'ja' ? '、' : ', ') }) : t('permissions.whoMayApproveNobody')}
    </p>
  );
}
