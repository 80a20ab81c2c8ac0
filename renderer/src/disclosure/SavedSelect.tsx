import { useRef, useState, type ReactNode } from 'react';

/** Keys that move a closed select's choice: each fires a change on the way to the wanted one. */
const STEP_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * A select that records a choice once. Picked with the mouse (or from the open list), the
 * choice is saved at once; stepped through with the arrow keys, the options passed on the
 * way are not choices, so it is saved when the person leaves the field — one edit, not one
 * per key press on every laptop's timeline.
 */
export function SavedSelect({ id, value, onCommit, children }: { id: string; value: string; onCommit: (value: string) => void; children: ReactNode }) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const stepping = useRef(false);
  // A choice stepped to with the keyboard and not yet saved: a value arriving from another
  // laptop meanwhile does not replace it under the person's eyes.
  const [pending, setPending] = useState(false);
  if (value !== shown) {
    setShown(value);
    if (!pending) setDraft(value);
  }
  return (
    <select
      id={id}
      value={draft}
      onKeyDown={(e) => {
        if (STEP_KEYS.has(e.key) || (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey)) stepping.current = true;
      }}
      onMouseDown={() => {
        stepping.current = false;
      }}
      onChange={(e) => {
        setDraft(e.target.value);
        if (stepping.current) setPending(true);
        else if (e.target.value !== value) onCommit(e.target.value);
      }}
      onBlur={() => {
        if (pending && draft !== value) onCommit(draft);
        setPending(false);
        stepping.current = false;
      }}
    >
      {children}
    </select>
  );
}
