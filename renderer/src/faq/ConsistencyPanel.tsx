import { consistencyOf, faqTexts, type QuotingText } from '../../../shared/faq/stale';
import { latestVersion } from '../../../shared/faq/model';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { locale } from '../ui/format';

/** Every text that quotes a fact — FAQ answers and statements — current, stale or contradicting. */
export function ConsistencyPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const statementTexts: QuotingText[] = data.statements.flatMap((s) =>
    s.sections.map((sec) => ({
      id: `${s.id}:${sec.key}`,
      kind: 'statement',
      template: sec.text,
      approvedSnapshot: s.factsSnapshot ?? undefined,
    })),
  );
  const texts = [...faqTexts(data.faq), ...statementTexts];
  const results = consistencyOf(texts, data.incident.facts).filter((r) => r.quotes.length > 0 || r.contradictions.length > 0 || r.unknown.length > 0);
  const label = (id: string, kind: string) => {
    if (kind === 'faq') return latestVersion(data.faq.find((e) => e.id === id) ?? { versions: [] })?.question ?? id;
    const [incident, version, key] = id.split(':');
    void incident;
    return `${t('statements.version', { v: Number(version) })} · ${(t.dict.statements.sectionNames as Record<string, string>)[key ?? ''] ?? key}`;
  };
  const factName = (k: string) => (t.dict.facts as Record<string, string>)[k] ?? k;
  const nf = new Intl.NumberFormat(locale(t.lang));

  return (
    <section className="card" aria-labelledby="cs-title">
      <h2 id="cs-title">{t('faq.consistency.title')}</h2>
      <p className="hint">{t('faq.consistency.lead')}</p>
      {results.length === 0 ? (
        <p className="hint">{t('faq.consistency.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('faq.consistency.columns.kind')}</th>
              <th scope="col">{t('faq.consistency.columns.text')}</th>
              <th scope="col">{t('faq.consistency.columns.state')}</th>
              <th scope="col">{t('faq.consistency.columns.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => {
              const state = r.contradictions.length > 0 ? 'contradicting' : r.stale.length > 0 ? 'stale' : 'current';
              return (
                <tr key={r.id} className={state}>
                  <td>{t(`faq.consistency.kinds.${r.kind === 'faq' ? 'faq' : 'statement'}`)}</td>
                  <td>{label(r.id, r.kind)}</td>
                  <td>
                    <span className={`badge ${state === 'current' ? 'ok' : 'overdue'}`}>{t(`faq.consistency.states.${state}`)}</span>
                  </td>
                  <td>
                    {r.stale.length > 0 && <div>{t('faq.consistency.staleDetail', { facts: r.stale.map(factName).join(t.dict.facts.listSeparator) })}</div>}
                    {r.contradictions.map((c, i) => (
                      <div key={i}>
                        {t('faq.consistency.contradiction', {
                          line: c.line,
                          column: c.column,
                          text: c.text,
                          live: [c.live.confirmedCount, c.live.maxCount].filter((n): n is number => n !== null).map((n) => nf.format(n)).join(' / '),
                        })}
                      </div>
                    ))}
                    {state === 'current' && r.unknown.length === 0 && t('faq.consistency.ok')}
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
