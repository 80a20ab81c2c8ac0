import { useState } from 'react';
import type { CsvEncoding } from '../../../shared/export/csv';
import { UnencodableError } from '../../../shared/export/csv';
import { duplicatesOfKept, withoutDuplicates } from '../../../shared/incident/duplicates';
import { historyIncidents } from '../../../shared/incident/history';
import { RecordUnreadableMark } from '../errors/RecordUnreadable';
import { useT } from '../i18n/i18n';
import { saveFile } from '../platform/platform';
import { useNav } from '../shell/nav-store';
import { formatDate } from '../ui/format';
import { ReadOnlyArea, useReadOnly } from '../ui/read-only';
import { message, problem, say, type Message } from '../ui/message';
import { historyCsv, historyMarkdown } from './history-export';
import { useIncidentList, useIntakeDuplicates } from './incidents-store';
import { NoIncidentsYet } from '../roles/Membership';
import { useMyRoles, useOperatorMode, useRoles } from '../roles/roles-store';

/** The incident list, which is also the incident history, with its exports. */
export function IncidentsScreen() {
  const t = useT();
  // The same intake report filed on two laptops is one incident here; the duplicate is reached from the one kept.
  const duplicates = useIntakeDuplicates();
  const incidents = withoutDuplicates(useIncidentList(), duplicates);
  const newIncident = useNav((s) => s.newIncident);
  const openIncident = useNav((s) => s.openIncident);
  const [includeDrills, setIncludeDrills] = useState(false);
  const readOnly = useReadOnly();
  const [status, setStatus] = useState<Message | null>(null);
  const shown = historyIncidents(incidents, { includeDrills: true }).reverse();
  const exported = () => historyIncidents(incidents, { includeDrills });
  const bookRead = useRoles((s) => s.book !== null);
  const operator = useOperatorMode();
  const workspaceDirection = useMyRoles(null).includes('direction');

  async function exportCsv(encoding: CsvEncoding) {
    try {
      const rows = exported();
      const suffix = encoding === 'shift_jis' ? '-sjis' : '';
      await saveFile({ suggestedName: `incident-history${suffix}.csv`, data: historyCsv(t, rows, encoding), filters: [{ name: 'CSV', extensions: ['csv'] }] });
      setStatus(message('history.exported', { n: rows.length }));
    } catch (err) {
      if (!(err instanceof UnencodableError)) throw err;
      setStatus(problem('history.unencodable', { chars: err.found.map((f) => f.char).join(' ') }));
    }
  }

  // Until the role book is read nothing is listed: not "no incidents", not all of them.
  if (!bookRead) return <section aria-busy="true" />;

  // Not in any incident (decision 016): whom to ask. Filing a new one stays open to a member
  // who may (it makes them its direction), never to an operator.
  if (incidents.length === 0 && !workspaceDirection) {
    return (
      <section aria-labelledby="incidents-title">
        <h1 id="incidents-title">{t('incidents.title')}</h1>
        <NoIncidentsYet>
          {!operator && !readOnly && (
            <p>
              <button type="button" className="link" onClick={() => newIncident(false)}>
                {t('history.newIncident')}
              </button>
            </p>
          )}
        </NoIncidentsYet>
      </section>
    );
  }

  if (incidents.length === 0) {
    return (
      <section aria-labelledby="incidents-title">
        <h1 id="incidents-title">{t('incidents.title')}</h1>
        <div className="empty">
          <h2>{t('incidents.emptyTitle')}</h2>
          <p>{t('incidents.emptyLead')}</p>
          <ReadOnlyArea>
            <button type="button" className="primary big" onClick={() => newIncident(false)}>
              {t('incidents.createFirst')}
            </button>
            <p>
              <button type="button" className="link" onClick={() => newIncident(true)}>
                {t('history.startDrill')}
              </button>
            </p>
          </ReadOnlyArea>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="incidents-title">
      <div className="board-head">
        <h1 id="incidents-title">{t('history.title')}</h1>
        <span className="spacer" />
        {!readOnly && !operator && (
          <>
            <button type="button" className="primary" onClick={() => newIncident(false)}>
              {t('history.newIncident')}
            </button>
            <button type="button" onClick={() => newIncident(true)}>
              {t('history.startDrill')}
            </button>
          </>
        )}
      </div>
      <p className="hint">{t('history.lead')}</p>
      <table className="table history">
        <thead>
          <tr>
            <th scope="col">{t('history.columns.discoveredAt')}</th>
            <th scope="col">{t('history.columns.completedAt')}</th>
            <th scope="col">{t('history.columns.kind')}</th>
            <th scope="col">{t('history.columns.title')}</th>
            <th scope="col">{t('history.columns.summary')}</th>
            <th scope="col">{t('history.columns.flags')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => (
            <tr key={i.id} className={i.drill ? 'drill' : undefined}>
              <td className="nowrap">{formatDate(i.facts.discoveredAt, t.lang)}</td>
              <td className="nowrap">{i.completedAt ? formatDate(i.completedAt, t.lang) : <span className="meta">{t('history.active')}</span>}</td>
              <td>{t(`kinds.${i.kind}`)}</td>
              <td>
                {i.drill && <span className="badge drill">{t('header.drill')}</span>}
                <button type="button" className="link" onClick={() => openIncident(i.id)}>
                  {i.title}
                </button>
                <DuplicatesLine keptId={i.id} duplicates={duplicates} />
              </td>
              <td className="summary">{i.summary}</td>
              <td>
                {i.excluded && <span className="badge">{t('history.excluded')}</span>}
                {i.published && <span className="badge ok">{t('history.published')}</span>}
                <RecordUnreadableMark incidentId={i.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* An operator exports nothing, the incident history included. */}
      {!operator && (
      <div className="card export-bar" role="group" aria-label={t('history.exportLabel')}>
        <strong>{t('history.exportLabel')}</strong>
        <label className="inline">
          <input type="checkbox" checked={includeDrills} onChange={(e) => setIncludeDrills(e.target.checked)} />
          {t('history.includeDrills')}
        </label>
        <button type="button" onClick={() => void exportCsv('utf-8-bom')}>
          {t('history.exportCsvUtf8')}
        </button>
        <button type="button" onClick={() => void exportCsv('shift_jis')}>
          {t('history.exportCsvSjis')}
        </button>
        <button type="button" onClick={() => void saveFile({ suggestedName: 'incident-history.md', data: historyMarkdown(t, exported()) })}>
          {t('history.exportMd')}
        </button>
        {status && (
          <span role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'error'}>
            {say(t, status)}
          </span>
        )}
      </div>
      )}
    </section>
  );
}

/** Under an incident kept for an intake report: its duplicates, each one click away. */
function DuplicatesLine({ keptId, duplicates }: { keptId: string; duplicates: ReadonlyMap<string, string> }) {
  const t = useT();
  const openIncident = useNav((s) => s.openIncident);
  const mine = duplicatesOfKept(keptId, duplicates);
  if (mine.length === 0) return null;
  return (
    <div className="meta">
      {t('intake.duplicate.inList', { n: mine.length })}{' '}
      {mine.map((id) => (
        <button key={id} type="button" className="link" onClick={() => openIncident(id)}>
          {t('intake.duplicate.openDuplicate')}
        </button>
      ))}
    </div>
  );
}
