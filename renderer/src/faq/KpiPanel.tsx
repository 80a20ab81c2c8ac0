import { useMemo, useState } from 'react';
import type { CallReportRow } from '../../../shared/faq/call-report';
import { answerRate, avgHandling, categoryCounts, dailyKpis, hourlyKpis, indexReports, kpiEnquiries, newQuestions, type CallFigures, type KpiSource, type PeriodKpi } from '../../../shared/faq/kpis';
import { useT, type Translator } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { formatCalendarDate, formatCount } from '../ui/format';
import { CallsChart } from './CallsChart';
import { useIncidentGroups } from './enquiry-groups';
import './kpi.css';

/** Days the daily chart draws at most; the table lists every day. */
const CHART_DAYS = 31;

const EMPTY: CallReportRow[] = [];

/**
 * コールセンター指標: the call centre's figures per day and per hour, from the vendor's daily
 * report (`callReports`, produced by the report import) and Honbu's own enquiry log.
 * The figures come from shared/faq/kpis.ts; this draws them as charts and tables.
 */
export function KpiPanel({ data, callReports = EMPTY, onGoLog }: { data: OpenIncident; callReports?: CallReportRow[]; onGoLog?: () => void }) {
  const t = useT();
  const enquiries = useMemo(() => kpiEnquiries(data.enquiries, data.faq), [data.enquiries, data.faq]);
  const index = useMemo(() => indexReports(callReports), [callReports]);
  const days = useMemo(() => dailyKpis(index, enquiries), [index, enquiries]);
  const withData = days.filter((d) => d.sources.length > 0);
  const [chosen, setChosen] = useState('');
  const day = days.some((d) => d.day === chosen) ? chosen : (withData.at(-1)?.day ?? '');
  const hourly = useMemo(() => (day ? hourlyKpis(index, enquiries, day) : null), [index, enquiries, day]);
  const [scope, setScope] = useState<'day' | 'all'>('day');
  const categories = useMemo(() => categoryCounts(index, enquiries, scope === 'day' ? day : null), [index, enquiries, scope, day]);
  const { groups, items } = useIncidentGroups(data.incident.id, data.enquiries);
  const fresh = useMemo(() => (day && groups ? newQuestions(groups, items, day) : []), [groups, items, day]);

  const n = (x: number) => formatCount(x, t.lang) ?? '';
  const dayLabel = (d: string) => formatCalendarDate(d, t.lang);
  const hourLabel = (h: number) => t('callKpi.hourLabel', { h });
  const summary = (label: string) => (p: PeriodKpi) =>
    t('callKpi.chartPoint', { label, received: n(p.total.received), answered: n(p.total.answered), abandoned: n(p.total.abandoned), rate: rateText(t, p.answerRate) });

  if (withData.length === 0) {
    return (
      <section className="card kpi-panel" aria-labelledby="kpi-title">
        <h2 id="kpi-title">{t('callKpi.title')}</h2>
        <p className="hint">{t('callKpi.noData')}</p>
        {index.skipped > 0 && <p className="error">{t('callKpi.skipped', { n: index.skipped })}</p>}
        {onGoLog && (
          <button type="button" className="primary" onClick={onGoLog}>
            {t('callKpi.goLog')}
          </button>
        )}
      </section>
    );
  }

  const charted = days.slice(-CHART_DAYS);
  const today = days.find((d) => d.day === day);
  return (
    <section className="card kpi-panel" aria-labelledby="kpi-title">
      <h2 id="kpi-title">{t('callKpi.title')}</h2>
      <p className="hint">{t('callKpi.lead')}</p>
      {index.skipped > 0 && <p className="error">{t('callKpi.skipped', { n: index.skipped })}</p>}

      <div className="inline-form no-print">
        <label htmlFor="kpi-day">{t('callKpi.chooseDay')}</label>
        <select id="kpi-day" value={day} onChange={(e) => setChosen(e.target.value)}>
          {[...days].reverse().map((d) => (
            <option key={d.day} value={d.day}>
              {dayLabel(d.day)}
            </option>
          ))}
        </select>
      </div>
      {today && <DayCards t={t} p={today} title={t('callKpi.dayFigures', { day: dayLabel(day) })} />}

      <h3>{t('callKpi.daily')}</h3>
      <CallsChart periods={charted} labels={charted.map((d) => d.day.slice(5).replace('-', '/'))} title={t('callKpi.dailyChart')} format={(p) => summary(dayLabel(p.day))(p)} />
      {days.length > CHART_DAYS && <p className="meta">{t('callKpi.chartShown', { n: CHART_DAYS })}</p>}
      <FiguresTable t={t} caption={t('callKpi.dailyTable')} first={t('callKpi.day')} periods={days} label={(p) => dayLabel(p.day)} keyOf={(p) => p.day} />

      {hourly && (
        <>
          <h3>{t('callKpi.hourly', { day: dayLabel(day) })}</h3>
          {hourly.vendorDayOnly && <p className="hint" role="note">{t('callKpi.vendorDayOnly')}</p>}
          <CallsChart periods={hourly.hours} labels={hourly.hours.map((h) => String(h.hour))} title={t('callKpi.hourlyChart', { day: dayLabel(day) })} format={(p) => summary(hourLabel(p.hour!))(p)} />
          {/* The chart has all 24 hours; the table only those with a record, or it is mostly empty rows. */}
          <FiguresTable t={t} caption={t('callKpi.hourlyTable')} first={t('callKpi.hour')} periods={hourly.hours.filter((h) => h.sources.length > 0)} label={(p) => hourLabel(p.hour!)} keyOf={(p) => `${p.day}#${p.hour}`} />
          <p className="meta">{t('callKpi.hoursOmitted')}</p>
        </>
      )}

      <div className="grid2 kpi-lists">
        <div>
          <h3 id="kpi-cat">{t('callKpi.categories')}</h3>
          <div className="subnav no-print" role="group" aria-labelledby="kpi-cat">
            {(['day', 'all'] as const).map((s) => (
              <button key={s} type="button" aria-pressed={scope === s} onClick={() => setScope(s)}>
                {s === 'day' ? t('callKpi.scopeDay', { day: dayLabel(day) }) : t('callKpi.scopeAll')}
              </button>
            ))}
          </div>
          {categories.length === 0 ? (
            <p className="hint">{t('callKpi.categoriesNone')}</p>
          ) : (
            <table className="table compact kpi-table" data-table="categories">
              <thead>
                <tr>
                  <th scope="col">{t('callKpi.category')}</th>
                  <th scope="col" className="num">{t('callKpi.vendor')}</th>
                  <th scope="col" className="num">{t('callKpi.own')}</th>
                  <th scope="col" className="num">{t('callKpi.total')}</th>
                </tr>
              </thead>
              <tbody>
                {categories.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{c.key === '' ? t('callKpi.uncategorised') : c.label}</th>
                    <td className="num">{n(c.vendor)}</td>
                    <td className="num">{n(c.own)}</td>
                    <td className="num">
                      <span className="kpi-cat-bar" style={{ width: `${(c.total / categories[0]!.total) * 4}rem` }} aria-hidden="true" />
                      {n(c.total)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="meta">{t('callKpi.categoryNote')}</p>
        </div>
        <div>
          <h3>{t('callKpi.newQuestions', { day: dayLabel(day) })}</h3>
          <p className="meta">{t('callKpi.newQuestionsLead')}</p>
          {groups === null ? (
            <p className="hint" role="status">
              {t('faq.groups.grouping')}
            </p>
          ) : fresh.length === 0 ? (
            <p className="hint">{t('callKpi.newQuestionsNone')}</p>
          ) : (
            <table className="table compact kpi-table" data-table="new-questions">
              <thead>
                <tr>
                  <th scope="col">{t('callKpi.question')}</th>
                  <th scope="col" className="num">{t('callKpi.count')}</th>
                </tr>
              </thead>
              <tbody>
                {fresh.map((q) => (
                  <tr key={q.groupId}>
                    <td>{q.label}</td>
                    <td className="num">{n(q.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}

function rateText(t: Translator, rate: number | null): string {
  return rate === null ? t('callKpi.none') : t('callKpi.percent', { p: (Math.round(rate * 1000) / 10).toFixed(1) });
}

function ahtText(t: Translator, sec: number | null): string {
  if (sec === null) return t('callKpi.none');
  const s = Math.round(sec);
  return t('callKpi.duration', { m: Math.floor(s / 60), s: s % 60 });
}

function sourceText(t: Translator, sources: KpiSource[]): string {
  if (sources.length === 0) return t('callKpi.sources.empty');
  return sources.map((s) => t(`callKpi.sources.${s}`)).reduce((a, b) => t('callKpi.joined', { a, b }));
}

function DayCards({ t, p, title }: { t: Translator; p: PeriodKpi; title: string }) {
  const n = (x: number) => formatCount(x, t.lang) ?? '';
  const cards: [string, string, string][] = [
    ['received', t('callKpi.received'), n(p.total.received)],
    ['answered', t('callKpi.answered'), n(p.total.answered)],
    ['abandoned', t('callKpi.abandoned'), n(p.total.abandoned)],
    ['rate', t('callKpi.rate'), rateText(t, p.answerRate)],
    ['aht', t('callKpi.aht'), ahtText(t, p.avgHandlingSec)],
  ];
  return (
    <div>
      <h3>{title}</h3>
      <div className="kpis">
        {cards.map(([key, label, value]) => (
          <div key={key} className="kpi">
            <span className="kpi-label">{label}</span>
            <span className="kpi-value" data-kpi={key}>
              {value}
            </span>
          </div>
        ))}
      </div>
      <p className="meta">
        {t('callKpi.source')}: {sourceText(t, p.sources)}
      </p>
    </div>
  );
}

/** The chart's figures as a table; a period with both sources gets a row for each part under its total. */
function FiguresTable({ t, caption, first, periods, label, keyOf }: { t: Translator; caption: string; first: string; periods: PeriodKpi[]; label: (p: PeriodKpi) => string; keyOf: (p: PeriodKpi) => string }) {
  const n = (x: number) => formatCount(x, t.lang) ?? '';
  const cells = (f: CallFigures, rate: number | null, aht: number | null) => (
    <>
      <td className="num" data-kpi="received">
        {n(f.received)}
      </td>
      <td className="num" data-kpi="answered">
        {n(f.answered)}
      </td>
      <td className="num" data-kpi="abandoned">
        {n(f.abandoned)}
      </td>
      <td className="num" data-kpi="rate">
        {rateText(t, rate)}
      </td>
      <td className="num" data-kpi="aht">
        {ahtText(t, aht)}
      </td>
    </>
  );
  const part = (f: CallFigures) => [answerRate(f.answered, f.received), avgHandling(f)] as const;
  return (
    <div className="scroll-x">
      <table className="table compact kpi-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">{t('callKpi.source')}</th>
            <th scope="col" className="num">{t('callKpi.received')}</th>
            <th scope="col" className="num">{t('callKpi.answered')}</th>
            <th scope="col" className="num">{t('callKpi.abandoned')}</th>
            <th scope="col" className="num">{t('callKpi.rate')}</th>
            <th scope="col" className="num">{t('callKpi.aht')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => {
            const both = p.vendor !== null && p.own.received > 0;
            return [
              <tr key={keyOf(p)} data-period={keyOf(p)} data-row="total" className={p.sources.length === 0 ? 'kpi-empty' : undefined}>
                <th scope="row" className="nowrap">
                  {label(p)}
                </th>
                <td>{both ? t('callKpi.totalOf') : sourceText(t, p.sources)}</td>
                {cells(p.total, p.answerRate, p.avgHandlingSec)}
              </tr>,
              ...(both
                ? [
                    <tr key={`${keyOf(p)}-v`} data-period={keyOf(p)} data-row={p.vendor!.source} className="kpi-part">
                      <td />
                      <td>{t(`callKpi.sources.${p.vendor!.source}`)}</td>
                      {cells(p.vendor!, ...part(p.vendor!))}
                    </tr>,
                    <tr key={`${keyOf(p)}-o`} data-period={keyOf(p)} data-row="own" className="kpi-part">
                      <td />
                      <td>{t('callKpi.sources.own')}</td>
                      {cells(p.own, ...part(p.own))}
                    </tr>,
                  ]
                : []),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
