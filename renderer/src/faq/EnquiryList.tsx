import { useState } from 'react';
import { ENQUIRY_CHANNELS, ENQUIRY_TAGS, jstDay, latestVersion, type Enquiry, type EnquiryChannel } from '../../../shared/faq/model';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { formatDateTime } from '../ui/format';

const COLOURS: Record<EnquiryChannel, string> = { phone: '#1f4e79', email: '#4f8a3a', web: '#b86e00', letter: '#6b3fa0', 'in-person': '#8a8f98' };

/** Every enquiry, filterable, with enquiries per day by channel as a chart. */
export function EnquiryList({ data }: { data: OpenIncident }) {
  const t = useT();
  const [channel, setChannel] = useState('');
  const [tag, setTag] = useState('');
  const shown = data.enquiries.filter((e) => (channel === '' || e.channel === channel) && (tag === '' || e.tags.includes(tag as Enquiry['tags'][number])));
  const question = (id: string | null) => (id ? latestVersion(data.faq.find((x) => x.id === id) ?? { versions: [] })?.question ?? '' : '');
  return (
    <div>
      <DailyChart enquiries={data.enquiries} />
      <section className="card" aria-labelledby="el-title">
        <div className="board-head">
          <h2 id="el-title">{t('faq.list.title')}</h2>
          <span className="meta">{t('faq.list.count', { n: shown.length })}</span>
        </div>
        <div className="filters">
          <div>
            <label htmlFor="el-channel">{t('faq.list.filterChannel')}</label>
            <select id="el-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
              <option value="">{t('faq.list.all')}</option>
              {ENQUIRY_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`faq.channels.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="el-tag">{t('faq.list.filterTag')}</label>
            <select id="el-tag" value={tag} onChange={(e) => setTag(e.target.value)}>
              <option value="">{t('faq.list.all')}</option>
              {ENQUIRY_TAGS.map((x) => (
                <option key={x} value={x}>
                  {t(`faq.tagNames.${x}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('faq.list.columns.at')}</th>
              <th scope="col">{t('faq.list.columns.channel')}</th>
              <th scope="col">{t('faq.list.columns.question')}</th>
              <th scope="col">{t('faq.list.columns.answer')}</th>
              <th scope="col">{t('faq.list.columns.operator')}</th>
              <th scope="col">{t('faq.list.columns.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatDateTime(e.at, t.lang)}</td>
                <td>{t(`faq.channels.${e.channel}`)}</td>
                <td>{e.question}</td>
                <td>{e.answerEntryId ? `${t('faq.list.faqUsed')}: ${question(e.answerEntryId)}` : e.answerText}</td>
                <td>{e.source?.kind === 'vendor' ? t('vendorlog.vendorOperator', { id: e.operator }) : e.operator}</td>
                <td>
                  {e.source?.kind === 'vendor' && <span className="badge">{t('vendorlog.vendorMark')}</span>}
                  {e.escalate && <span className="badge overdue">{t('faq.list.escalate')}</span>}
                  {e.tags.map((x) => (
                    <span key={x} className="badge">
                      {t(`faq.tagNames.${x}`)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/** A stacked bar per day (Japan time), one colour per channel; drawn as SVG so no script runs. */
function DailyChart({ enquiries }: { enquiries: Enquiry[] }) {
  const t = useT();
  const days = [...new Set(enquiries.map((e) => jstDay(e.at)))].sort().slice(-14);
  const counts = days.map((d) => ENQUIRY_CHANNELS.map((c) => enquiries.filter((e) => jstDay(e.at) === d && e.channel === c).length));
  const max = Math.max(1, ...counts.map((row) => row.reduce((a, b) => a + b, 0)));
  const W = 640;
  const H = 160;
  const bar = days.length > 0 ? Math.min(48, (W - 40) / days.length - 8) : 0;
  const summary = days.map((d, i) => `${d}: ${counts[i]!.reduce((a, b) => a + b, 0)}`).join(', ');
  return (
    <section className="card" aria-labelledby="el-chart">
      <h2 id="el-chart">{t('faq.list.chart')}</h2>
      <svg viewBox={`0 0 ${W} ${H + 24}`} className="chart" role="img" aria-label={`${t('faq.list.chart')}: ${summary}`}>
        {days.map((d, i) => {
          let y = H;
          const x = 30 + i * ((W - 40) / days.length);
          return (
            <g key={d}>
              {counts[i]!.map((n, c) => {
                const h = (n / max) * (H - 10);
                y -= h;
                return n > 0 ? <rect key={c} x={x} y={y} width={bar} height={h} fill={COLOURS[ENQUIRY_CHANNELS[c]!]} /> : null;
              })}
              <text x={x + bar / 2} y={H + 16} textAnchor="middle" fontSize="11" fill="#556170">
                {d.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="legend">
        {ENQUIRY_CHANNELS.map((c) => (
          <span key={c} className="legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" fill={COLOURS[c]} />
            </svg>
            {t(`faq.channels.${c}`)}
          </span>
        ))}
      </p>
    </section>
  );
}
