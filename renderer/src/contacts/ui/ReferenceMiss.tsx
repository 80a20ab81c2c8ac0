import { formatListNo } from '../../../../shared/contacts/list-numbers';
import { useT } from '../../i18n/i18n';
import type { ReferenceTarget } from '../reference-numbers';

/**
 * Why a reference number found nobody, in words a call-centre operator can say back to the
 * caller: typed wrong (read it again), a list not on this laptop (where it comes from), or
 * no such customer (other ways to look).
 */
export function ReferenceMiss({ target }: { target: ReferenceTarget }) {
  const t = useT();
  const text = (() => {
    switch (target.kind) {
      case 'mistyped':
        if (target.problem === 'not-digits') return t('contacts.lookup.reference.notDigits');
        // Still being typed (or one digit too many): said calmly, not as an error.
        if (target.problem === 'length' || target.problem === 'empty') return t('contacts.lookup.reference.digits');
        return t('contacts.lookup.reference.mistyped');
      case 'not-here':
        return t('contacts.lookup.reference.notHere', { no: formatListNo(target.listNo) });
      case 'unknown':
        return t('contacts.lookup.reference.unknown', { no: formatListNo(target.listNo) });
      case 'found':
        return t('contacts.lookup.none');
    }
  })();
  return (
    <p className={target.kind === 'mistyped' && target.problem !== 'length' && target.problem !== 'empty' ? 'error' : 'hint'} role="status" data-reference={target.kind}>
      {text}
    </p>
  );
}
