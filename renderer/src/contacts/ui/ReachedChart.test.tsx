import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../../shared/events/hlc';
import type { Totals } from '../../../../shared/contacts/fallback';
import { formatDateTime } from '../../ui/format';
import { ReachedChart } from './DashboardPanel';

const totals = (reached: number, covered: number, pending: number): Totals => ({
  rows: reached + covered + pending,
  byPhase: { pending, 'in-progress': 0, reached, covered, excluded: 0 },
  byChannel: {},
  unreachable: 0,
  calledIn: 0,
  excluded: {} as Totals['excluded'],
});
const at = (iso: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'n1' });

/** The words the chart draws, in order. */
const texts = (html: string) => [...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the dashboard chart of the share done over time', () => {
  it('has its scale, the latest share at the end of the line, and the times of its first and last points', () => {
    const html = renderToStaticMarkup(
      <ReachedChart series={[{ at: at('2026-12-07T09:00:00+09:00'), totals: totals(0, 0, 1000) }, { at: at('2026-12-07T11:30:00+09:00'), totals: totals(600, 150, 250) }]} />,
    );
    expect(texts(html)).toEqual(['0%', '100%', '75%', formatDateTime('2026-12-07T00:00:00.000Z', 'ja'), formatDateTime('2026-12-07T02:30:00.000Z', 'ja')]);
    // Its caption names what it counts: reached or covered by the notice (not reached alone, which the card beside it shows).
    expect(html).toContain('対応済み（連絡済み・公告でカバー）の割合の推移');
  });

  it('places the points by their time, and says 100% only when nobody is left', () => {
    const html = renderToStaticMarkup(
      <ReachedChart
        series={[
          { at: at('2026-12-07T09:00:00+09:00'), totals: totals(0, 0, 100_000) },
          { at: at('2026-12-07T09:01:00+09:00'), totals: totals(10, 0, 99_990) },
          { at: at('2026-12-07T17:00:00+09:00'), totals: totals(99_996, 0, 4) },
        ]}
      />,
    );
    const xs = [...html.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    // 9:01 lies near the start of a 9:00–17:00 axis, not in its middle.
    expect((xs[1]! - xs[0]!) / (xs[2]! - xs[0]!)).toBeCloseTo(1 / 480, 3);
    // 99,996 of 100,000 is 99.9%, not "100%".
    expect(texts(html)[2]).toBe('99.9%');
  });

  it('one point: one time below it; no points: no chart', () => {
    expect(texts(renderToStaticMarkup(<ReachedChart series={[{ at: at('2026-12-07T09:00:00+09:00'), totals: totals(1, 0, 3) }]} />))).toEqual(['0%', '100%', '25%', formatDateTime('2026-12-07T00:00:00.000Z', 'ja')]);
    expect(renderToStaticMarkup(<ReachedChart series={[]} />)).toBe('');
  });
});
