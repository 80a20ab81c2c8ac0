import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { DocumentModel } from '../../../shared/disclosure/document';
import { mayReadExecPage } from '../../../shared/exec/access';
import { execSummary, type ExecSummary } from '../../../shared/exec/summary';
import { printRecorded } from '../access/print';
import { useContacts } from '../contacts/ui/contacts-store';
import { useListName } from '../contacts/ui/list-name';
import { useIncidentGroups } from '../faq/enquiry-groups';
import { useEscalationEvents } from '../faq/use-escalation-events';
import { useT } from '../i18n/i18n';
import { incidentList } from '../incidents/incidents-store';
import type { OpenIncident } from '../incidents/open-incident';
import { useMyRoles } from '../roles/roles-store';
import { useNav } from '../shell/nav-store';
import { DocumentView } from '../ui/DocumentView';
import { formatCount } from '../ui/format';
import { useNow } from '../ui/use-now';
import { useSession } from '../vault/session-store';
import { openIncidents, readAcross } from './across';
import { acrossDocument, execDocument, nextClock, clockStatus } from './exec-document';
import { readReach, useReach } from './use-reach';
import { saveDocx } from './word-export';
import './exec.css';

type Scope = 'one' | 'all';

const fileBase = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

/** The executives' page (経営層向け): one incident, or every open incident a row each. */
export function ExecView({ data }: { data: OpenIncident }) {
  const t = useT();
  const roles = useMyRoles(data.incident.id);
  const setTab = useNav((s) => s.setTab);
  const [scope, setScope] = useState<Scope>('one');
  if (!mayReadExecPage(roles))
    return (
      <div className="card">
        <p>{t('exec.notAllowed')}</p>
        <button type="button" onClick={() => setTab('overview')}>
          {t('exec.back')}
        </button>
      </div>
    );
  return (
    <article className="exec-page" aria-labelledby="exec-title">
      <div className="board-head no-print">
        <h2 id="exec-title">{scope === 'one' ? t('exec.title') : t('exec.acrossTitle')}</h2>
        <div className="subnav" role="group" aria-label={t('exec.scope')}>
          {(['one', 'all'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} onClick={() => setScope(s)}>
              {t(s === 'one' ? 'exec.scopeOne' : 'exec.scopeAll')}
            </button>
          ))}
        </div>
      </div>
      <p className="hint no-print">{t('exec.lead')}</p>
      {scope === 'one' ? <OneIncident data={data} /> : <AllOpen incidentId={data.incident.id} onCancel={() => setScope('one')} />}
    </article>
  );
}

function OneIncident({ data }: { data: OpenIncident }) {
  const now = useNow();
  const reach = useReach(data.incident.id);
  const escalationEvents = useEscalationEvents(data.incident.id);
  // The same grouping, with the same dictionary and the same moves, as the FAQ tab's groups.
  const { groups } = useIncidentGroups(data.incident.id, data.enquiries);
  const summary = useMemo(
    () =>
      reach &&
      escalationEvents &&
      groups &&
      execSummary({ incident: data.incident, disclosure: data.disclosure, tasks: data.tasks, decisions: data.decisions, statements: data.statements, enquiries: data.enquiries, escalationEvents, groups, reach, now }),
    [data, groups, reach, now, escalationEvents],
  );
  return <Page summaries={summary ? [summary] : null} one incidentId={data.incident.id} now={now} />;
}

function AllOpen({ incidentId, onCancel }: { incidentId: string; onCancel: () => void }) {
  const t = useT();
  const now = useNow(60_000);
  const store = useSession((s) => s.store);
  const engine = useContacts((s) => s.engine);
  const incidents = incidentList.use((s) => s.rows);
  const listName = useListName();
  const [state, setState] = useState<{ list: ExecSummary[] | null; done: number; failed: boolean; cancelled: boolean }>({ list: null, done: 0, failed: false, cancelled: false });
  const [attempt, setAttempt] = useState(0);
  const [abort, setAbort] = useState<AbortController | null>(null);
  const total = openIncidents(incidents).length;

  useEffect(() => {
    if (!store) return;
    const ctl = new AbortController();
    setAbort(ctl);
    setState({ list: null, done: 0, failed: false, cancelled: false });
    let done = 0;
    readAcross(store, incidents, now, async (id) => {
      const r = engine ? await readReach(engine, id, listName) : [];
      if (!ctl.signal.aborted) setState((s) => ({ ...s, done: ++done }));
      return r;
    }, ctl.signal).then(
      (list) => !ctl.signal.aborted && setState({ list, done, failed: false, cancelled: false }),
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setState({ list: null, done, failed: true, cancelled: false });
        throw err;
      },
    );
    return () => ctl.abort();
    // listName changes with the language only; the figures do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, engine, incidents, now, attempt]);

  if (state.failed || state.cancelled)
    return (
      <div className="card">
        <p className={state.failed ? 'error' : undefined}>{t(state.failed ? 'exec.readFailed' : 'exec.cancelled')}</p>
        <button type="button" onClick={() => setAttempt((a) => a + 1)}>
          {t('exec.retry')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('exec.scopeOne')}
        </button>
      </div>
    );
  if (state.list === null)
    return (
      <div className="card" role="status">
        <p>{t('exec.counting', { done: state.done, total })}</p>
        <progress max={Math.max(1, total)} value={state.done} />
        <button
          type="button"
          onClick={() => {
            abort?.abort();
            setState((s) => ({ ...s, cancelled: true }));
          }}
        >
          {t('exec.cancel')}
        </button>
      </div>
    );
  return <Page summaries={state.list} one={false} incidentId={incidentId} now={now} />;
}

function Page({ summaries, one, incidentId, now }: { summaries: ExecSummary[] | null; one: boolean; incidentId: string; now: number }) {
  const t = useT();
  const me = useSession((s) => s.me);
  if (summaries === null) return <p className="hint" role="status">{t('exec.loading')}</p>;
  const generated = { at: now, who: me?.name ?? '' };
  const doc: DocumentModel = one ? execDocument(t, summaries[0]!, generated) : acrossDocument(t, summaries, generated);
  const base = fileBase(one ? `${summaries[0]!.title}-${t('exec.title')}` : t('exec.acrossTitle'));
  return (
    <>
      <div className="actions no-print">
        <button type="button" className="primary" onClick={() => void printRecorded(incidentId, 'situation-report', `${base}.pdf`)}>
          {t('exec.print')}
        </button>
        <button type="button" onClick={() => void saveDocx(doc, base)}>
          {t('word.export')}
        </button>
      </div>
      {one && <Kpis s={summaries[0]!} />}
      <div className="exec-sheet">
        <DocumentView doc={doc} />
      </div>
      <ExecPrint doc={doc} kpis={one ? summaries[0]! : null} />
    </>
  );
}

/** The few figures an executive asks for first, large. */
function Kpis({ s }: { s: ExecSummary }) {
  const t = useT();
  const nf = new Intl.NumberFormat(t.lang === 'ja' ? 'ja-JP' : 'en-GB');
  const next = nextClock(s);
  const reach = s.reach[0];
  const cells: [string, string, string][] = [
    ['confirmedCount', t('facts.confirmedCount'), formatCount(s.facts.confirmedCount, t.lang) ?? t('facts.unknown')],
    ['maxCount', t('facts.maxCount'), formatCount(s.facts.maxCount, t.lang) ?? t('facts.unknown')],
    ['reachedPct', t('exec.kpiReached'), reach ? `${reach.reachedPct.toFixed(1)}%` : '—'],
    ['enquiries', t('exec.enquiries'), nf.format(s.enquiries.total)],
    ['escalations', t('exec.escalations'), nf.format(s.openEscalations)],
    ['overdue', t('exec.overdueTasks'), nf.format(s.overdueTotal)],
    ['nextDeadline', next ? t(`exec.clockKinds.${next.kind}`) : t('exec.nextDeadline'), next ? clockStatus(t, next) : t('exec.none')],
  ];
  return (
    <div className="kpis exec-kpis">
      {cells.map(([key, label, value]) => (
        <div key={key} className={`kpi${key === 'overdue' && s.overdueTotal > 0 ? ' alert' : ''}`}>
          <span className="kpi-label">{label}</span>
          <span className="kpi-value" data-exec={key}>
            {value}
          </span>
        </div>
      ))}
    </div>
  );
}

/** What prints: the figures and the document alone, sized to one A4 sheet (document.css, styles). */
function ExecPrint({ doc, kpis }: { doc: DocumentModel; kpis: ExecSummary | null }) {
  const [host, setHost] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const el = document.createElement('div');
    el.id = 'print-root';
    el.className = 'exec-print';
    el.setAttribute('aria-hidden', 'true');
    document.body.append(el);
    setHost(el);
    return () => el.remove();
  }, []);
  return host
    ? createPortal(
        <>
          {kpis && <Kpis s={kpis} />}
          <DocumentView doc={doc} />
        </>,
        host,
      )
    : null;
}
