/**
 * Read-only mode: on a laptop the team has revoked, nothing may be changed. The store
 * refuses edits whatever the screen does (EventStore.refuseLocalEdits); screens also show
 * it, so nobody types into a form that cannot be saved. A disabled fieldset turns off every
 * control inside it at once, so no screen has to know about the mode to be safe.
 */
import { createContext, useContext, type ReactNode } from 'react';

const ReadOnlyContext = createContext(false);

export const ReadOnlyProvider = ReadOnlyContext.Provider;

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

/** Everything inside is disabled while read-only (navigation belongs outside it). */
export function ReadOnlyArea({ children }: { children: ReactNode }) {
  const readOnly = useReadOnly();
  if (!readOnly) return children;
  return (
    <fieldset disabled className="read-only-area">
      {children}
    </fieldset>
  );
}
