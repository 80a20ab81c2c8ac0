/**
 * Before letters or the e-mail text of a batch are saved or copied: they are made only from
 * the approved notice to individuals, current with the facts, with a sender. When one of
 * those is missing nothing is written; the dialog says what is missing and takes the person
 * to fix it (the notice editor, or Settings → company).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { noticeGaps, type NoticeGap } from '../../../shared/outgoing/notice-ready';
import { changeLines } from '../disclosure/documents';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useNav } from '../shell/nav-store';
import { useOpenRequest } from './open-request';

export interface NoticeReady {
  /** A click handler: runs `action` when the notice is ready, else opens the dialog. */
  guard(action: () => unknown): () => void;
  dialog: ReactNode;
}

export function useNoticeReady(data: Pick<OpenIncident, 'incident' | 'notices' | 'company'>): NoticeReady {
  const [gaps, setGaps] = useState<NoticeGap[] | null>(null);
  function guard(action: () => unknown) {
    return () => {
      const found = noticeGaps(data.notices, data.incident.facts, data.company);
      if (found.length === 0) action();
      else setGaps(found);
    };
  }
  const dialog = gaps ? <NoticeReadyDialog gaps={gaps} onClose={() => setGaps(null)} /> : null;
  return { guard, dialog };
}

function NoticeReadyDialog({ gaps, onClose }: { gaps: NoticeGap[]; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const nav = useNav();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  function openNotice() {
    useOpenRequest.getState().request('notices');
    onClose();
    nav.setTab('disclosure');
  }
  function openCompany() {
    onClose();
    nav.go('settings');
  }
  const text = (g: NoticeGap) => {
    if (g.kind === 'not-approved') return g.draftVersion === null ? t('outgoing.noticeReady.notApproved') : t('outgoing.noticeReady.notApprovedDraft', { v: g.draftVersion });
    if (g.kind === 'stale') return t('outgoing.noticeReady.stale', { v: g.version, changes: changeLines(t, g.changes).join(t.dict.facts.listSeparator) });
    return t('outgoing.noticeReady.noSender');
  };
  const noticeGap = gaps.some((g) => g.kind !== 'no-sender');
  const senderGap = gaps.some((g) => g.kind === 'no-sender');

  return (
    <dialog ref={ref} className="release-gate" aria-labelledby="nr-title" aria-describedby="nr-lead" onClose={onClose}>
      <h2 id="nr-title">{t('outgoing.noticeReady.title')}</h2>
      <p id="nr-lead">{t('outgoing.noticeReady.lead')}</p>
      <ul className="rg-facts">
        {gaps.map((g) => (
          <li key={g.kind} className="rg-fact" data-gap={g.kind}>
            {text(g)}
          </li>
        ))}
      </ul>
      <div className="actions wrap">
        {noticeGap && (
          <button type="button" className="primary" autoFocus onClick={openNotice}>
            {t('outgoing.noticeReady.openNotice')}
          </button>
        )}
        {senderGap && (
          <button type="button" className={noticeGap ? undefined : 'primary'} autoFocus={!noticeGap} onClick={openCompany}>
            {t('outgoing.noticeReady.openCompany')}
          </button>
        )}
        <button type="button" onClick={() => ref.current?.close()}>
          {t('outgoing.noticeReady.close')}
        </button>
      </div>
    </dialog>
  );
}
