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
  if (value !== shown) {
    setShown(value);
    if (!editing) setDraft(value);
  }
  const props = {
    id,
    value: draft,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    onFocus: () => setEditing(true),
    onBlur: () => {
      setEditing(false);
      if (draft !== value) onCommit(draft);
    },
  };
  return rows ? (
    <textarea {...props} autoComplete="off" rows={rows} onChange={(e) => setDraft(e.target.value)} />
  ) : (
    <input {...props} type={type ?? 'text'} autoComplete="off" onChange={(e) => setDraft(e.target.value)} />
  );
}
