import { useId } from 'react';
import type { PeriodKpi } from '../../../shared/faq/kpis';
import { useT } from '../i18n/i18n';

export const CALL_COLOURS = { received: '#dfe7ef', answered: '#1f4e79', abandoned: '#b86e00', rate: '#2e7d32' } as const;

/**
 * Received, answered and abandoned calls as bars, the answer rate as a line on a 0–100 %
 * scale at the right. Drawn as SVG like the other charts (no chart library, no script);
 * abandoned calls are hatched so the bars read in black-and-white print too. A screen
 * reader gets the title and every period's figures in the description, and the same figures
 * are in the table beside the chart.
 */
export function CallsChart({ periods, labels, title, format }: { periods: PeriodKpi[]; labels: string[]; title: string; format: (p: PeriodKpi) => string }) {
  const t = useT();
  const id = useId();
  const hatch = `${id}-hatch`;
  const W = 720;
  const H = 220;
  const left = 44;
  const right = 48;
  const top = 12;
  const bottom = 28;
  const plotH = H - top - bottom;
  const slot = (W - left - right) / Math.max(1, periods.length);
  const bar = Math.max(3, Math.min(36, slot * 0.7));
  const max = niceMax(Math.max(1, ...periods.map((p) => Math.max(p.total.received, p.total.answered + p.total.abandoned))));
  const y = (n: number) => top + plotH - (n / max) * plotH;
  const yRate = (r: number) => top + plotH - Math.min(1, Math.max(0, r)) * plotH;
  const every = periods.length > 16 ? Math.ceil(periods.length / 12) : 1;
  // The rate line breaks where nothing was received (no rate), rather than dropping to 0.
  const segments: [number, number][][] = [[]];
  periods.forEach((p, i) => {
    if (p.answerRate === null) segments.push([]);
    else segments.at(-1)!.push([left + slot * i + slot / 2, yRate(p.answerRate)]);
  });
  return (
    <figure className="chart-figure kpi-chart">
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{periods.map(format).join('。 ')}</desc>
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={CALL_COLOURS.abandoned} strokeWidth="3" />
          </pattern>
        </defs>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={left} x2={W - right} y1={y(max * f)} y2={y(max * f)} stroke={f === 0 ? '#8a96a3' : '#e3e8ee'} />
            <text x={left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="11" fill="#556170">
              {max * f}
            </text>
            <text x={W - right + 6} y={yRate(f) + 4} fontSize="11" fill={CALL_COLOURS.rate}>
              {f * 100}%
            </text>
          </g>
        ))}
        {periods.map((p, i) => {
          const x = left + slot * i + (slot - bar) / 2;
          const { received, answered, abandoned } = p.total;
          return (
            <g key={i} className="kpi-bar" data-period={labels[i]}>
              {/* A hover tip for the mouse; a screen reader reads the chart's description instead. */}
              <title>{format(p)}</title>
              <rect className="hit" x={left + slot * i} y={top} width={slot} height={plotH} fill="transparent" />
              {received > 0 && <rect className="bar" x={x} y={y(received)} width={bar} height={y(0) - y(received)} fill={CALL_COLOURS.received} stroke={CALL_COLOURS.answered} strokeWidth="0.8" />}
              {answered > 0 && <rect className="bar" x={x + 1} y={y(answered)} width={bar - 2} height={y(0) - y(answered)} fill={CALL_COLOURS.answered} />}
              {abandoned > 0 && <rect className="bar" x={x + 1} y={y(answered + abandoned)} width={bar - 2} height={y(answered) - y(answered + abandoned)} fill={`url(#${hatch})`} stroke={CALL_COLOURS.abandoned} strokeWidth="0.8" />}
              {i % every === 0 && (
                <text x={x + bar / 2} y={H - 10} textAnchor="middle" fontSize="11" fill="#556170">
                  {labels[i]}
                </text>
              )}
            </g>
          );
        })}
        {segments
          .filter((s) => s.length > 0)
          .map((s, i) => (
            <g key={i}>
              {s.length > 1 && <polyline fill="none" stroke={CALL_COLOURS.rate} strokeWidth="2" strokeDasharray="5 3" points={s.map(([px, py]) => `${px},${py}`).join(' ')} />}
              {s.map(([px, py], j) => (
                <circle key={j} cx={px} cy={py} r="3" fill={CALL_COLOURS.rate} />
              ))}
            </g>
          ))}
      </svg>
      <p className="legend" aria-hidden="true">
        <span className="legend-item">
          <svg width="12" height="12">
            <rect width="12" height="12" fill={CALL_COLOURS.received} stroke={CALL_COLOURS.answered} />
          </svg>
          {t('callKpi.received')}
        </span>
        <span className="legend-item">
          <svg width="12" height="12">
            <rect width="12" height="12" fill={CALL_COLOURS.answered} />
          </svg>
          {t('callKpi.answered')}
        </span>
        <span className="legend-item">
          <svg width="12" height="12">
            <rect width="12" height="12" fill={`url(#${hatch})`} stroke={CALL_COLOURS.abandoned} />
          </svg>
          {t('callKpi.abandoned')}
        </span>
        <span className="legend-item">
          <svg width="18" height="12">
            <line x1="0" y1="6" x2="18" y2="6" stroke={CALL_COLOURS.rate} strokeWidth="2" strokeDasharray="5 3" />
          </svg>
          {t('callKpi.legendRate')}
        </span>
      </p>
    </figure>
  );
}

/** A round top for the count axis whose half is a whole number too: 2, 4, 10 × 10ⁿ. */
export function niceMax(n: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, n)));
  for (const m of [2, 4, 10]) if (m * p >= n) return m * p;
  return 20 * p;
}
