import { useState } from 'react';
import { useT } from '../i18n/i18n';

/**
 * Copies a text meant for outside (an e-mail body, the public notice) to the clipboard. The
 * copy goes through the outgoing-text gate like every other way text leaves.
 */
export function CopyText({ text, label, guard }: { text: string; label: string; guard: (copy: () => void) => () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={guard(() => {
        void navigator.clipboard?.writeText(text).catch(() => undefined);
        setCopied(true);
      })}
    >
      {copied ? t('outgoing.copied') : label}
    </button>
  );
}
