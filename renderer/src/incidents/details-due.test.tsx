/** The completion date's "reports still due" notice names each report's last day as the regulator panel shows it, in any time zone (a stranger's test). */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_FACTS, type Incident } from '../../../shared/incident/model';
import { incidentClocks } from '../../../shared/disclosure/effective';
import { DetailsCard } from './DetailsCard';

afterEach(() => vi.useRealTimers());

function incident(): Incident {
  return {
    id: 'i1', title: '会員データベースの流出', kind: 'personal-data', scenario: 'lost-device', drill: false, summary: '', completedAt: '2026-12-20T03:00:00.000Z',
    excluded: false, published: false,
    facts: { ...EMPTY_FACTS, itemsLeaked: ['creditCard'], confirmedCount: 10, maxCount: 10, discoveredAt: '2026-12-01T01:00:00.000Z' },
    reportCount: 1, createdAt: '2026-12-01T01:00:00.000Z', createdBy: 'p1', updatedAt: '2026-12-20T03:00:00.000Z', stamps: {},
  };
}

describe('completion date: reports still due', () => {
  it('names the final report due on 31 Dec (the day the regulator panel and board show)', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-21T00:00:00Z'), toFake: ['Date'] });
    const inc = incident();
    const c = incidentClocks(inc, null, Date.now());
    const final = c.clocks.find((k) => k.kind === 'ppc-final')!;
    expect(final.date).toBe('2026-12-31');
    const html = renderToStaticMarkup(<DetailsCard incident={inc} disclosure={null} />);
    const notice = /<p class="notice" id="details-unfiled">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
    expect(notice).toContain('確報');
    // The final report's last day is 31 Dec; the notice should not name 1 Jan.
    expect(notice).toMatch(/確報（期限 2026\/12\/31）/);
    // The preliminary report's last day is the end of its window (1 Dec learned → 6 Dec).
    expect(notice).toMatch(/速報（期限 2026\/12\/06）/);
  });
});
