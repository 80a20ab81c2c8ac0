import { useEffect, useMemo, useState } from 'react';
import { contactable, doneShare, PHASES, reachedShare, type Totals, totalsFromCells } from '../../../../shared/contacts/fallback';
import { reportError } from '../../errors/report';
import { useT } from '../../i18n/i18n';
import { formatDateTime, hlcIso } from '../../ui/format';
import { hlcTime } from '../../../../shared/events/hlc';
import type { OpenIncident } from '../../incidents/open-incident';
import { cellsOf } from '../contact-data';
import { seriesMemo } from '../series-walk';
import { useContacts } from './contacts-store';
import { DatasetSelect, SegmentSelect } from './pickers';
import { NoticeCover } from './NoticeCover';

/** Points the chart draws at most: a long day has tens of thousands of events. */
const CHART_POINTS = 240;

/**
 * Totals by state and channel, reached over time, unreachable: read from the projection
 * (running totals and the chart's records), never counted or folded here. That they equal
 * a fold of the events is checked now and then in the background (contacts-store verify).
 */
export function DashboardPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const { datasets, missing, wantSeries, verify } = useContacts();
  const [datasetId, setDatasetId] = useState('');
  const [segment, setSegment] = useState('');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const id = dataset?.id;
  const cells = useContacts((s) => (id ? s.cells[id] : undefined));
  const records = useContacts((s) => (id ? s.series[id] : undefined));
  const storeTotals = useContacts((s) => (id ? s.totals[id] : undefined));
  const fold = useContacts((s) => (id ? s.folds[id] : undefined));
  const order = dataset?.meta.channelOrder;
  const seg = dataset && segment ? dataset.meta.segments.indexOf(segment) : null;

  useEffect(() => {
    if (!id) return;
    wantSeries(id);
    verify(id);
  }, [id, wantSeries, verify]);

  const totals = useMemo(() => (cells && order ? totalsFromCells(cellsOf(cells, seg), order) : null), [cells, order, seg]);
  // Walks only the records added since (a result recorded), not all of them each time.
  const [walkSeries] = useState(seriesMemo);
  const series = useMemo(() => (cells && records && order ? walkSeries(cells, records, seg, order, CHART_POINTS) : []), [walkSeries, cells, records, order, seg]);

  const missingHint = missing.length > 0 && (
    <p className="hint" role="note">
      {t('contacts.import.missing.missingHint', { count: missing.length })}
    </p>
  );
  if (!dataset) return missingHint || <p className="hint">{t('contacts.noDatasets')}</p>;
  const nf = new Intl.NumberFormat();
  const channels = dataset.meta.channelOrder;
  const pct = (share: number) => (share * 100).toFixed(1);

  return (
    <div>
      {missingHint}
      <div className="grid3 card">
        <DatasetSelect id="db-dataset" value={dataset.id} onChange={setDatasetId} wide />
        <SegmentSelect id="db-segment" label={t('contacts.dashboard.segment')} segments={dataset.meta.segments} value={segment} onChange={setSegment} />
      </div>
      {totals && (
        <section className="card" aria-labelledby="db-title">
          <h2 id="db-title">{t('contacts.dashboard.title')}</h2>
          <div className="kpis">
            {(
              [
                // Excluded rows (duplicates, deceased, do-not-contact) are nobody to contact.
                ['total', t('contacts.dashboard.total'), contactable(totals)],
                ['reached', t('contacts.phases.reached'), totals.byPhase.reached],
                ['unreachable', t('contacts.dashboard.unreachable'), totals.unreachable],
                ['covered', t('contacts.phases.covered'), totals.byPhase.covered],
              ] as const
            ).map(([key, label, n]) => (
              <div key={key} className="kpi">
                <span className="kpi-label">{label}</span>
                <span className="kpi-value" data-kpi={key}>
                  {nf.format(n)}
                </span>
                {key === 'total' && totals.byPhase.excluded > 0 && <span className="meta">{t('contacts.dashboard.totalExcluding', { n: nf.format(totals.byPhase.excluded) })}</span>}
                {key === 'reached' && <span className="meta">{t('contacts.dashboard.reachedPct', { pct: pct(reachedShare(totals)) })}</span>}
                {key === 'reached' && totals.calledIn > 0 && <span className="meta">{t('contacts.dashboard.calledIn', { n: nf.format(totals.calledIn) })}</span>}
              </div>
            ))}
          </div>
          <div className="grid2">
            <div>
              <h3>{t('contacts.dashboard.byPhase')}</h3>
              <table className="table compact">
                <tbody>
                  {PHASES.map((p) => (
                    <tr key={p}>
                      <th scope="row">{t(`contacts.phases.${p}`)}</th>
                      <td data-phase={p}>{nf.format(totals.byPhase[p])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div>
              <h3>{t('contacts.dashboard.byChannel')}</h3>
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">{t('contacts.dashboard.columns.channel')}</th>
                    <th scope="col">{t('contacts.dashboard.columns.pending')}</th>
                    <th scope="col">{t('contacts.dashboard.columns.inProgress')}</th>
                    <th scope="col">{t('contacts.dashboard.columns.reached')}</th>
                  </tr>
                </thead>
                <tbody>
                  {channels.map((c) => (
                    <tr key={c} data-channel={c}>
                      <th scope="row">{t(`contacts.channels.${c}`)}</th>
                      <td>{nf.format(totals.byChannel[c]?.pending ?? 0)}</td>
                      <td>{nf.format(totals.byChannel[c]?.inProgress ?? 0)}</td>
                      <td>{nf.format(totals.byChannel[c]?.reached ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <ReachedChart series={series} />
          {fold && (
            <p className={fold.totalsMatch && fold.mismatchedRows === 0 ? 'ok' : 'error'} role="status">
              {fold.totalsMatch && fold.mismatchedRows === 0 ? t('contacts.dashboard.foldOk') : t('contacts.dashboard.foldBad', { n: fold.mismatchedRows })}
            </p>
          )}
          {fold && !(fold.totalsMatch && fold.mismatchedRows === 0) && id && <RepairFigures datasetId={id} />}
          <NoticeCover data={data} dataset={dataset} unreachable={storeTotals?.unreachable ?? 0} />
        </section>
      )}
    </div>
  );
}

/** The way out when the figures differ from the events: fold them again from the events. */
function RepairFigures({ datasetId }: { datasetId: string }) {
  const t = useT();
  const repair = useContacts((s) => s.repair);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const run = () => {
    setState('busy');
    repair(datasetId).then(
      (done) => setState(done ? 'idle' : 'failed'),
      (e: unknown) => {
        setState('failed');
        reportError(e, 'background');
      },
    );
  };
  return (
    <p>
      <button type="button" onClick={run} disabled={state === 'busy'}>
        {state === 'busy' ? t('contacts.dashboard.repairing') : t('contacts.dashboard.repair')}
      </button>
      {state === 'failed' && <span className="error" role="alert"> {t('contacts.dashboard.repairFailed')}</span>}
    </p>
  );
}

export function ReachedChart({ series }: { series: { at: string; totals: Totals }[] }) {
  const t = useT();
  if (series.length === 0) return null;
  const W = 640;
  const H = 160;
  // Room for the scale on the left, the latest figure on the right and the times below.
  const left = 48;
  const right = 64;
  const top = 10;
  const bottom = H - 30;
  // Along the time between the first point and the last (the times are printed under the ends);
  // points all within one moment are spread evenly instead.
  const times = series.map((p) => hlcTime(p.at));
  const span = times[times.length - 1]! - times[0]!;
  const pts = series.map((p, i) => {
    const share = doneShare(p.totals);
    const along = span > 0 ? (times[i]! - times[0]!) / span : i / Math.max(1, series.length - 1);
    return [left + along * (W - left - right), bottom - share * (bottom - top)] as const;
  });
  const last = series[series.length - 1]!.totals;
  // Rounded down: 100% only when nobody is left.
  const lastPct = Math.floor(doneShare(last) * 1000) / 10;
  const [lastX, lastY] = pts[pts.length - 1]!;
  const label = { fontSize: 12, fill: '#5b6673' };
  return (
    <figure className="chart-figure">
      <figcaption>{t('contacts.dashboard.chart')}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={`${t('contacts.dashboard.chart')}: ${lastPct}%`}>
        <line x1={left} y1={bottom} x2={W - right} y2={bottom} stroke="#d5dbe2" />
        <line x1={left} y1={top} x2={W - right} y2={top} stroke="#eef1f4" />
        <text x={left - 8} y={bottom + 4} textAnchor="end" {...label}>{'0%'}</text>
        <text x={left - 8} y={top + 4} textAnchor="end" {...label}>{'100%'}</text>
        <polyline fill="none" stroke="#1f4e79" strokeWidth="3" points={pts.map(([x, y]) => `${x},${y}`).join(' ')} />
        {pts.length <= 60 && pts.map(([x, y], i) => <circle key={i} cx={x} cy={y} r="3.5" fill="#1f4e79" />)}
        <text x={lastX + 8} y={lastY + 4} fontSize={13} fontWeight={700} fill="#1f4e79">{`${lastPct}%`}</text>
        <text x={left} y={H - 8} {...label}>{formatDateTime(hlcIso(series[0]!.at), t.lang)}</text>
        {series.length > 1 && <text x={W - right} y={H - 8} textAnchor="end" {...label}>{formatDateTime(hlcIso(series[series.length - 1]!.at), t.lang)}</text>}
      </svg>
    </figure>
  );
}
