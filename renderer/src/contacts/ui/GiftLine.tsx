import { useEffect, useState } from 'react';
import { formatGiftCode } from '../../../../shared/contacts/gift-code';
import { dayText } from '../../../../shared/contacts/gift-state';
import { useT } from '../../i18n/i18n';
import { customerGift } from '../gifts';
import { useContacts } from './contacts-store';

type Gift = Awaited<ReturnType<typeof customerGift>>;

/** The customer card's お詫び品: the code printed on their letter, and whether (what, when) they redeemed it. */
export function GiftLine({ incidentId, datasetId, row }: { incidentId: string; datasetId: string; row: number }) {
  const t = useT();
  const engine = useContacts((s) => s.engine);
  const [gift, setGift] = useState<Gift>(null);
  useEffect(() => {
    let live = true;
    if (engine) void customerGift(engine, incidentId, datasetId, row).then((g) => live && setGift(g));
    return () => {
      live = false;
    };
  }, [engine, incidentId, datasetId, row]);
  if (!gift) return null;
  return (
    <>
      <h3>{t('gifts.card.title')}</h3>
      <dl className="facts">
        <dt>{t('gifts.card.code')}</dt>
        <dd data-field="gift-code" className="mono">
          {formatGiftCode(gift.code)}
        </dd>
        <dt>{t('gifts.card.title')}</dt>
        <dd data-field="gift-state">{gift.redemption ? t('gifts.card.redeemed', { option: gift.label ?? '—', date: dayText(gift.redemption.day) }) : t('gifts.card.notRedeemed')}</dd>
      </dl>
    </>
  );
}
