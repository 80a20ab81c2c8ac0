/**
 * What a member sees of incidents they are not in (decision 016): a calm empty state that says
 * whom to ask, and a notice in place of an incident they are not a member of (reached through
 * the nav store, a stale link or a synced change), with the way back.
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { usePeople } from '../people/people-store';
import { useNav } from '../shell/nav-store';
import { useDirection } from './roles-store';

/** The names of direction (the workspace's): whom to ask. */
function useAskWho(): string {
  const t = useT();
  const people = usePeople();
  const names = useDirection(null).map((p) => people.find((x) => x.id === p)?.name || t('permissions.someone'));
  return names.join(t.lang === 'ja' ? '、' : ', ');
}

export function NoIncidentsYet({ children }: { children?: ReactNode }) {
  const t = useT();
  const names = useAskWho();
  return (
    <div className="empty" data-membership="none">
      <h2>{t('membership.noneTitle')}</h2>
      <p>{t('membership.noneLead')}</p>
      {names && <p>{t('membership.askWho', { names })}</p>}
      {children}
    </div>
  );
}

export function NotAMember() {
  const t = useT();
  const names = useAskWho();
  const go = useNav((s) => s.go);
  return (
    <div className="empty" role="status" data-membership="not-member">
      <p>{t('membership.notMember')}</p>
      {names && <p>{t('membership.askWho', { names })}</p>}
      <button type="button" onClick={() => go('incidents')}>
        {t('membership.back')}
      </button>
    </div>
  );
}
