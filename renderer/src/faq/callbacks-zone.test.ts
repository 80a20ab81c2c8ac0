process.env.TZ = 'Europe/London'; // the laptop of a team member abroad (a stranger's case)
/**
 * The default callback due time is noon in Japan the day after the enquiry, and the callback
 * card says so (「受付の翌日12時」): it is shown in Tokyo time, whatever the laptop's zone.
 */
import { describe, expect, it } from 'vitest';
import { defaultDueAt } from '../../../shared/faq/escalations';
import { formatDateTime, formatTokyoDateTime } from '../ui/format';
import { translate } from '../i18n/i18n';

describe('the default callback due time on a laptop outside Japan', () => {
  it('reads as noon, as its label says', () => {
    const due = defaultDueAt('2026-12-02T22:30:00+09:00');
    expect(due).toBe('2026-12-03T03:00:00.000Z');
    expect(translate('en', 'callbacks.dueDefault', { at: formatTokyoDateTime(due, 'en') })).toMatch(/3 Dec 2026, 12:00 \(noon the day after the enquiry\)/);
    expect(translate('ja', 'callbacks.dueDefault', { at: formatTokyoDateTime(due, 'ja') })).toBe('期限 2026/12/03 12:00（受付の翌日12時）');
    // The laptop's own time would contradict the label.
    expect(formatDateTime(due, 'en')).not.toMatch(/12:00/);
  });
});
