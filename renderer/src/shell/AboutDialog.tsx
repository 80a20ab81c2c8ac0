import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import { useT } from '../i18n/i18n';
import { appInfo } from '../platform/platform';
import { useNav } from './nav-store';

declare const __APP_VERSION__: string;

export function AboutDialog() {
  const t = useT();
  const open = useNav((s) => s.aboutOpen);
  const setAbout = useNav((s) => s.setAbout);
  const ref = useRef<HTMLDialogElement>(null);
  const [info, setInfo] = useState<AppInfo | undefined>();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      void appInfo().then(setInfo);
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} aria-labelledby="about-title" onClose={() => setAbout(false)}>
      <h2 id="about-title">{t('about.title')}</h2>
      <p>{t('about.lead')}</p>
      <dl className="facts">
        <dt>{t('about.version')}</dt>
        <dd>{info?.version ?? __APP_VERSION__}</dd>
        <dt>{t('about.runtime')}</dt>
        <dd>{info ? `Electron ${info.electron} / Chromium ${info.chrome} / ${info.platform}` : t('about.web')}</dd>
        <dt>{t('about.dataPath')}</dt>
        <dd>{info?.dataPath ?? t('about.dataPathWeb')}</dd>
      </dl>
      <p className="notice">{t('about.encryption')}</p>
      <form method="dialog">
        <button type="submit" className="primary" autoFocus>
          {t('about.close')}
        </button>
      </form>
    </dialog>
  );
}
