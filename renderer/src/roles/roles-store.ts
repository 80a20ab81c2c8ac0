/**
 * What the screens read about roles: the open workspace's role book (role-book.ts), the
 * person using this laptop, and a version that changes whenever the book does.
 */
import { create } from 'zustand';
import type { RoleBook } from '../../../shared/roles/book';
import type { AccessRole } from '../../../shared/roles/model';
import type { EventStore } from '../data/event-store';
import { StoreClosedError } from '../data/store-contract';
import { reportError } from '../errors/report';
import { currentRoleBook } from './role-book';

interface RolesState {
  book: RoleBook | null;
  me: string | null;
  version: number;
}

export const useRoles = create<RolesState>(() => ({ book: null, me: null, version: 0 }));

/** Binds the screens to the workspace's book until the returned disposable is disposed (on lock). */
export function bindRoles(store: EventStore, personId: string): { dispose(): void } {
  let stop: (() => void) | null = null;
  let disposed = false;
  currentRoleBook(store).then(
    (book) => {
      if (disposed) return;
      useRoles.setState({ book, me: personId, version: useRoles.getState().version + 1 });
      stop = book.subscribe(() => useRoles.setState((s) => ({ version: s.version + 1 })));
    },
    (err: unknown) => {
      // Locked before the book was read: nothing to show, and not a fault.
      if (!(err instanceof StoreClosedError)) reportError(err);
    },
  );
  return {
    dispose() {
      disposed = true;
      stop?.();
      useRoles.setState({ book: null, me: null });
    },
  };
}

/** The roles the person using this laptop holds in an incident (or the workspace, null). */
export function useMyRoles(incidentId: string | null): readonly AccessRole[] {
  const { book, me } = useRoles();
  return book && me ? book.rolesOf(me, incidentId) : [];
}

/** Who holds direction in an incident (or the workspace), by person id. */
export function useDirection(incidentId: string | null): string[] {
  const { book } = useRoles();
  return book ? book.directionOf(incidentId) : [];
}

/**
 * Whether the person using this laptop is a member of an incident (decision 016); null while
 * the book is being read (nothing is shown then, rather than everything).
 */
export function useIsMember(incidentId: string | null): boolean | null {
  const { book, me } = useRoles();
  if (!book || !me) return null;
  return incidentId !== null && book.isMember(me, incidentId);
}

/** Operator mode: this laptop's person holds only the operator role (decision 016). */
export function useOperatorMode(): boolean {
  const { book, me } = useRoles();
  return book !== null && me !== null && book.operatorMode(me);
}

/** Operator mode, read outside React (menu commands, the nav store's guard). */
export function operatorModeNow(): boolean {
  const { book, me } = useRoles.getState();
  return book !== null && me !== null && book.operatorMode(me);
}
