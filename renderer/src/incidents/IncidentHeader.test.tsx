import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type Incident } from '../../../shared/incident/model';
import { translate } from '../i18n/i18n';
import { IncidentHeader } from './IncidentHeader';

const HOUR = 3_600_000;

function incident(nextUpdateAt: string | null): Incident {
  return {
    id: 'i1', title: '会員データベースの流出', kind: 'personal-data', scenario: 'database-leak', drill: false, summary: '', completedAt: null,
    excluded: false, published: false, facts: { ...EMPTY_FACTS, nextUpdateAt }, reportCount: 1,
    createdAt: new Date(Date.now() - 5 * HOUR).toISOString(), createdBy: 'p1', updatedAt: new Date().toISOString(), stamps: {},
  };
}

/** The next-update fact as the header shows it: its words, and whether it is marked late. */
function nextUpdate(nextUpdateAt: string | null) {
  const html = renderToStaticMarkup(<IncidentHeader incident={incident(nextUpdateAt)} disclosure={null} statements={[]} />);
  const m = /<div class="(next-update[^"]*)"><dt>([^<]*)<\/dt><dd data-fact="nextUpdateAt">([^<]*)<\/dd>/.exec(html);
  return m ? { late: m[1]!.includes('late'), label: m[2], text: m[3] } : null;
}

describe('the next public update in the incident header', () => {
  it('a time still ahead is shown as it is', () => {
    const shown = nextUpdate(new Date(Date.now() + 2 * HOUR).toISOString());
    expect(shown).toMatchObject({ late: false, label: '次回の更新予定' });
    expect(shown!.text).not.toContain('過ぎ');
  });

  it('a time that has passed says so, in Japanese and in English, so the team sees the promised update is late', () => {
    const past = new Date(Date.now() - 30 * 60_000).toISOString();
    const ja = nextUpdate(past)!;
    expect(ja.late).toBe(true);
    expect(ja.text).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}（予定の時刻を過ぎています）$/);
    // Rendered on the server, the header reads the language it starts in (Japanese); the English words:
    expect(translate('en', 'header.nextUpdateLate', { when: '12/1/2026, 5:00 PM' })).toBe('12/1/2026, 5:00 PM (this time has passed)');
  });

  it('no time set: nothing is shown', () => {
    expect(nextUpdate(null)).toBeNull();
  });
});
