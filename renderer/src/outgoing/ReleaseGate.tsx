/**
 * The one gate before anything leaves the building (export, print, publish, copy): when
 * the text would carry a fact nobody has filled in, it stops, names each fact and where
 * it is used, and offers to fill it in. Only direction may send it anyway, with a
 * recorded reason; everyone else is told why they cannot.
 */
import { useDirection, useMyRoles } from '../roles/roles-store';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Problem } from '../../../shared/events/command';
import { OVERRIDE_ROLES } from '../../../shared/outgoing/overrides';
import { checkRelease, type OutgoingDocument, type ReleaseCheck } from '../../../shared/outgoing/unfilled';
import { translateIfAny, useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { usePeople } from '../people/people-store';
import { useNav } from '../shell/nav-store';
import { locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import { useSession } from '../vault/session-store';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useFillRequest } from './fill-request';
import { factLabel, factList, markerFor, placeText } from './labels';
import './outgoing.css';

/** Uses listed per fact before "n more places": enough to find them, short enough to read. */
const SHOWN_USES = 5;

type Documents = OutgoingDocument[] | (() => OutgoingDocument[]);

interface Pending {
  documents: OutgoingDocument[];
  check: ReleaseCheck;
  action: () => unknown;
}

export interface ReleaseGate {
  /** A click handler: runs `action` when nothing unfilled goes out, else opens the gate. */
  guard(documents: Documents, action: () => unknown): () => void;
  /** The gate's dialog: render it once where the gate is used. */
  dialog: ReactNode;
}

export function useReleaseGate(data: Pick<OpenIncident, 'incident' | 'releaseOverrides'>): ReleaseGate {
  const t = useT();
  const [pending, setPending] = useState<Pending | null>(null);
  // The release-overrides projection (never a fold over the events in the view).
  const overrides = data.releaseOverrides;

  function guard(documents: Documents, action: () => unknown) {
    return () => {
      const list = typeof documents === 'function' ? documents() : documents;
      const opts = { labels: renderLabels(t.dict), locale: locale(t.lang), timeZone: 'Asia/Tokyo' };
      const check = checkRelease(list, { title: data.incident.title, facts: data.incident.facts }, opts, overrides);
      if (check.blocked.length === 0) action();
      else setPending({ documents: list, check, action });
    };
  }

  const dialog = pending ? <GateDialog incidentId={data.incident.id} pending={pending} onClose={() => setPending(null)} /> : null;
  return { guard, dialog };
}

function GateDialog({ incidentId, pending, onClose }: { incidentId: string; pending: Pending; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const store = useSession((s) => s.store);
  const people = usePeople();
  const setTab = useNav((s) => s.setTab);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const { blocked, allowed } = pending.check;
  const isDirection = useMyRoles(incidentId).some((r) => OVERRIDE_ROLES.includes(r));
  const direction = useDirection(incidentId);
  const directionNames = people.filter((p) => direction.includes(p.id)).map((p) => p.name);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  function fill() {
    useFillRequest.getState().request(blocked[0]!.fact);
    onClose();
    setTab('overview');
  }

  async function sendAnyway() {
    if (!store) return;
    const ids = new Set(blocked.flatMap((b) => b.uses.map((u) => u.documentId)));
    const documents = pending.documents.filter((d, i, all) => ids.has(d.id) && all.findIndex((x) => x.id === d.id) === i);
    const decisionWhat = t('outgoing.decisionWhat', { document: documents.map((d) => d.title).join(t.dict.facts.listSeparator), facts: factList(t, blocked.map((b) => b.fact)) });
    setBusy(true);
    try {
      await dispatch('outgoing.release-with-gaps', { incidentId, documents, unfilled: blocked, reason, decisionWhat });
      onClose();
      pending.action();
    } catch (err) {
      if (err instanceof CommandRefused) setProblems(err.problems);
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="release-gate" aria-labelledby="rg-title" aria-describedby="rg-lead" onClose={onClose}>
      <h2 id="rg-title">{t('outgoing.title')}</h2>
      <p id="rg-lead">{t('outgoing.lead', { marker: markerFor(t, blocked[0]!.fact) })}</p>
      <ul className="rg-facts" aria-label={t('outgoing.usedIn')}>
        {blocked.map((b) => (
          <li key={b.fact} className="rg-fact">
            <strong>{factLabel(t, b.fact)}</strong>
            <span className="meta">{t('outgoing.usedIn')}</span>
            <ul className="rg-uses">
              {b.uses.slice(0, SHOWN_USES).map((u, i) => (
                <li key={i}>{placeText(t, u)}</li>
              ))}
              {b.uses.length > SHOWN_USES && <li className="meta">{t('outgoing.more', { n: b.uses.length - SHOWN_USES })}</li>}
            </ul>
          </li>
        ))}
      </ul>
      {allowed.length > 0 && <p className="meta">{t('outgoing.allowedBefore', { facts: factList(t, allowed.map((a) => a.fact)) })}</p>}
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={fill}>
          {t('outgoing.fill')}
        </button>
        <button type="button" onClick={() => ref.current?.close()}>
          {t('outgoing.cancel')}
        </button>
      </div>
      <p className="hint">{t('outgoing.fillHint')}</p>
      <section className="rg-override" aria-labelledby="rg-override-title">
        <h3 id="rg-override-title">{t('outgoing.overrideTitle')}</h3>
        {isDirection ? (
          <form
            autoComplete="off"
            onSubmit={(e) => {
              e.preventDefault();
              void sendAnyway();
            }}
          >
            <p className="hint">{t('outgoing.overrideLead')}</p>
            <label htmlFor="rg-reason">{t('outgoing.reason')}</label>
            <textarea id="rg-reason" rows={2} autoComplete="off" value={reason} aria-invalid={problems.some((p) => p.field === 'reason')} onChange={(e) => setReason(e.target.value)} />
            {problems.length > 0 && (
              <ul role="alert" className="error">
                {problems.map((p) => (
                  <li key={p.field + p.reason}>{translateIfAny(t, `outgoing.problems.${p.reason}`) ?? t('outgoing.problems.required')}</li>
                ))}
              </ul>
            )}
            <div className="actions">
              <button type="submit" className="danger" disabled={busy}>
                {t('outgoing.override')}
              </button>
            </div>
          </form>
        ) : (
          <div className="notice">
            <p>{t('outgoing.onlyDirection')}</p>
            <p className="meta">{directionNames.length > 0 ? t('outgoing.directionPeople', { names: directionNames.join(t.dict.facts.listSeparator) }) : t('outgoing.noDirectionPeople')}</p>
          </div>
        )}
      </section>
    </dialog>
  );
}
