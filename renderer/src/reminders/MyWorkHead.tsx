import { useT } from '../i18n/i18n';

/**
 * The header both tables of 私の対応 share (what is due now, and my deadlines): one place, so
 * the two cannot drift apart. The last column holds the buttons; its name is for screen
 * readers only (a visible "操作" over two buttons adds nothing for the eye).
 */
export function MyWorkHead() {
  const t = useT();
  return (
    <thead>
      <tr>
        <th scope="col">{t('myWork.deadline')}</th>
        <th scope="col">{t('myWork.what')}</th>
        <th scope="col">{t('myWork.incident')}</th>
        <th scope="col">
          <span className="visually-hidden">{t('myWork.actions')}</span>
        </th>
      </tr>
    </thead>
  );
}
