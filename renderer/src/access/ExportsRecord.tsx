/**
 * The access record's list of files of customers: each export with who asked, who approved,
 * why, what became of it and its export number (short form: the number printed on the file
 * begins with it). Requests still waiting come first, with approve / decline.
 */
import { exportState, shortExportId } from '../../../shared/access/exports';
import { hlcTime } from '../../../shared/events/hlc';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useActorName } from '../incidents/use-actor-name';
import { formatDateTime, formatCount } from '../ui/format';
import { ExportRequests, exportWhat } from './ExportRequests';

export function ExportsRecord({ data }: { data: OpenIncident }) {
  const t = useT();
  const nameOf = useActorName();
  const c = t.dict.access.exports.columns;
  const rows = data.accessExports;
  return (
    <section className="card export-record" aria-labelledby="exports-title">
      <h2 id="exports-title">{t('access.exports.title')}</h2>
      <p className="hint">{t('access.exports.lead')}</p>
      <ExportRequests rows={rows} incidentId={data.incident.id} />
      {rows.length === 0 ? (
        <p className="hint">{t('access.exports.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{c.requested}</th>
              <th scope="col">{c.what}</th>
              <th scope="col">{c.reason}</th>
              <th scope="col">{c.requester}</th>
              <th scope="col">{c.approver}</th>
              <th scope="col">{c.state}</th>
              <th scope="col">{c.id}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const s = exportState(row);
              const at = row.request?.at ?? row.productions[0]?.at;
              const what = row.request ? exportWhat(t, row) : t('access.exports.what', { kind: row.productions[0] ? t(`access.kinds.${row.productions[0].kind}`) : '', rows: formatCount(row.productions[0]?.rows ?? 0, t.lang) ?? '0' });
              const requester = s.requestedBy ?? row.productions[0]?.by ?? null;
              return (
                <tr key={row.id} className={s.flags.length > 0 ? 'unusual' : undefined} data-export={shortExportId(row.id)}>
                  <td>{at ? formatDateTime(new Date(hlcTime(at)).toISOString(), t.lang) : ''}</td>
                  <td data-col="what">{what}</td>
                  <td data-col="reason">{row.request?.reason ?? ''}</td>
                  <td data-col="requester">{requester ? nameOf(requester) : ''}</td>
                  <td data-col="approver">{s.approvedBy ? nameOf(s.approvedBy) : ''}</td>
                  <td data-col="state">
                    {t(`access.exports.phases.${s.phase}`)}
                    {s.flags.length > 0 && (
                      <ul className="unusual-why">
                        {s.flags.map((f) => (
                          <li key={f}>{t(`access.exports.flags.${f}`)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-col="id">
                    <code>{shortExportId(row.id)}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
