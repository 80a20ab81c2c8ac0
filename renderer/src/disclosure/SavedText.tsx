import { useState } from 'react';

/**
 * A text (or date) field that records what was typed when the person leaves it (blur), so a tab
 * switch never loses it and each edit is one event, not one per keystroke. While the field
 * is not being edited it shows the stored value, also when it changes on another laptop.
 */
export function SavedText({
  id,
  value,
  onCommit,
  rows,
  describedBy,
  invalid,
  type,
}: {
  id: string;
  value: string;
  onCommit: (text: string) => void;
  /** A textarea with this many rows; a single-line input without. */
  rows?: number;
  describedBy?: string;
  invalid?: boolean;
  /**
   * A single-line input of this type ('date'): typed with the keyboard, a date passes through
   * partial values (0002-12-10, 0020-12-10…) that must not each become an edit.
   */
  type?: 'text' | 'date';
}) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const [editing, setEditing] = useState(false);
  // What the field showed when it took the focus: only typing changes it. Clicking in and out
  // is not an edit, and must not save the old words over ones another laptop saved meanwhile.
  const [start, setStart] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (!editing) setDraft(value);
  }
  const props = {
    id,
    value: draft,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    onFocus: () => {
      setEditing(true);
      setStart(draft);
    },
    onBlur: () => {
      setEditing(false);
      if (draft === start) setDraft(value);
      else if (draft !== value) onCommit(draft);
    },
  };
  return rows ? (
    <textarea {...props} autoComplete="off" rows={rows} onChange={(e) => setDraft(e.target.value)} />
  ) : (
    <input {...props} type={type ?? 'text'} autoComplete="off" onChange={(e) => setDraft(e.target.value)} />
  );
}
