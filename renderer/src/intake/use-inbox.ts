/** For the main menu: whether this person may handle reports, and how many wait. */
import { mayWrite } from '../../../shared/roles/table';
import { useRoles } from '../roles/roles-store';
import { useIntake } from './intake-store';

export function useInboxWaiting(): { may: boolean; waiting: number } {
  const may = useRoles((s) => !!s.book && !!s.me && mayWrite(s.book.rolesOf(s.me, null), 'intake.reports-received'));
  const waiting = useIntake((s) => {
    let n = 0;
    for (const r of s.state.reports.values()) if (!r.handled) n++;
    return n;
  });
  return { may, waiting };
}
