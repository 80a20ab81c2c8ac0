import { unusual } from '../../../shared/access/report';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useActorName } from '../incidents/use-actor-name';
import { formatCalendarDate, formatCount } from '../ui/format';
import { ExportsRecord } from './ExportsRecord';

/**
 * Direction's view of who looked at customers' personal data: one line per member and day,
 * with the days that stand out (far more cards than calls, very many customers listed, a file
 * exported without a reason) marked in words.
 */
export function AccessReport({ data }: { data: OpenIncident }) {
  const t = useT();
  const nameOf = useActorName();
  const n = (x: number) => formatCount(x, t.lang) ?? '0';
  const c = t.dict.access.columns;
  const rows = data.accessDays;
  return (
    <>
    <ExportsRecord data={data} />
    <section className="card access-report" aria-labelledby="access-title">
      <h2 id="access-title">{t('access.title')}</h2>
      <p className="hint">{t('access.lead')}</p>
      {rows.length === 0 ? (
        <p className="hint" role="status">
          {t('access.empty')}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{c.day}</th>
              <th scope="col">{c.person}</th>
              <th scope="col">{c.cards}</th>
              <th scope="col">{c.lookups}</th>
              <th scope="col">{c.work}</th>
              <th scope="col">{c.exports}</th>
              <th scope="col">{c.prints}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const flags = unusual(r);
              return (
                <tr key={r.id} className={flags.length > 0 ? 'unusual' : undefined} data-person={nameOf(r.personId)} data-day={r.day}>
                  <td>{formatCalendarDate(r.day, t.lang)}</td>
                  <th scope="row">
                    {nameOf(r.personId)}
                    {flags.length > 0 && (
                      <>
                        {' '}
                        <span className="badge overdue">{t('access.unusualLabel')}</span>
                        <ul className="unusual-why">
                          {flags.map((f) => (
                            <li key={f}>{t(`access.unusual.${f}`)}</li>
                          ))}
                        </ul>
                      </>
                    )}
                  </th>
                  <td data-col="cards">{t('access.cards', { n: n(r.customers.length), opened: n(r.cards) })}</td>
                  <td data-col="lookups">{t('access.lookups', { n: n(r.shown), times: n(r.lookups) })}</td>
                  <td data-col="work">{t('access.work', { calls: n(r.calls), enquiries: n(r.enquiries) })}</td>
                  <td data-col="exports">
                    {r.exports.length > 0 && (
                      <ul>
                        {r.exports.map((x) => (
                          <li key={x.exportId}>{t('access.exportLine', { kind: t(`access.kinds.${x.kind}`), rows: n(x.rows), reason: x.reason || t('access.noReason') })}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-col="prints">{r.prints > 0 ? n(r.prints) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
    </>
  );
}
