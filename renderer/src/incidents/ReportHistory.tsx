import { FIRST_REPORT_FIELDS, FOLLOW_UP_FIELDS, type DataItem, type Report, type ReportField } from '../../../shared/incident/model';
import { diffReports, type FieldChange } from '../../../shared/incident/report-diff';
import { useT } from '../i18n/i18n';
import { formatCount, formatDateTime, hlcIso } from '../ui/format';
import { useActorName } from './use-actor-name';

/** Every report as a version, newest first, each with what changed since the one before. */
export function ReportHistory({ reports }: { reports: Report[] }) {
  const t = useT();
  const actorName = useActorName();
  const show = (field: ReportField, value: unknown): string => {
    if (value === null || value === '') return t('facts.unknown');
    if (Array.isArray(value)) return (value as DataItem[]).map((i) => t.dict.items[i]).join(t.dict.facts.listSeparator) || '—';
    if (typeof value === 'number') return formatCount(value, t.lang)!;
    if (field === 'discoveredAt' || field === 'occurredAt') return formatDateTime(value as string, t.lang);
    return String(value);
  };
  const describe = (c: FieldChange<ReportField>) => {
    if (c.added || c.removed) {
      const parts = [];
      if (c.added?.length) parts.push(t('reports.added', { items: c.added.map((i) => t.dict.items[i]).join(t.dict.facts.listSeparator) }));
      if (c.removed?.length) parts.push(t('reports.removed', { items: c.removed.map((i) => t.dict.items[i]).join(t.dict.facts.listSeparator) }));
      return parts.join(' / ');
    }
    return `${show(c.field, c.before)} → ${show(c.field, c.after)}`;
  };

  return (
    <section className="card" aria-labelledby="reports-title">
      <h2 id="reports-title">{t('reports.title')}</h2>
      {[...reports].reverse().map((r) => {
        const previous = reports.find((x) => x.number === r.number - 1);
        const fields = r.number === 1 ? FIRST_REPORT_FIELDS : FOLLOW_UP_FIELDS;
        const changes = previous ? diffReports(previous.fields, r.fields, FOLLOW_UP_FIELDS) : [];
        return (
          <article key={r.id} className="report" aria-labelledby={`report-${r.number}`}>
            <h3 id={`report-${r.number}`}>
              {t('reports.nth', { n: r.number })}
              <span className="meta">{t('reports.by', { actor: actorName(r.actor), at: formatDateTime(hlcIso(r.at), t.lang) })}</span>
            </h3>
            {previous && (
              <div className="diff" aria-label={t('reports.changes')}>
                <h4>{t('reports.changes')}</h4>
                {changes.length === 0 ? (
                  <p>{t('reports.noChanges')}</p>
                ) : (
                  <ul>
                    {changes.map((c) => (
                      <li key={c.field}>
                        <strong>{t(`reports.field.${c.field}`)}</strong>
                        {': '}
                        {describe(c)}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <dl className="facts">
              {fields
                .filter((f) => {
                  const v = r.fields[f];
                  return Array.isArray(v) ? v.length > 0 : v !== null && v !== '';
                })
                .map((f) => (
                  <div key={f} className="contents">
                    <dt>{t(`reports.field.${f}`)}</dt>
                    <dd>{show(f, r.fields[f])}</dd>
                  </div>
                ))}
            </dl>
          </article>
        );
      })}
    </section>
  );
}
