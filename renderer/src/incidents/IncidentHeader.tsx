import { memo } from 'react';
import { incidentClocks } from '../../../shared/disclosure/effective';
import type { DataItem } from '../../../shared/incident/model';
import { itemsText } from './items-text';
import type { DisclosureRow } from '../../../shared/disclosure/regulator';
import type { Incident } from '../../../shared/incident/model';
import { nextUpdateLate } from '../../../shared/incident/next-update';
import type { Statement } from '../../../shared/disclosure/statement-events';
import { useT } from '../i18n/i18n';
import { clockName, conflictText } from '../disclosure/labels';
import { factConflicts } from '../../../shared/incident/validate';
import { elapsedParts, formatCalendarDate, formatCount, formatDateTime } from '../ui/format';
import { useNow } from '../ui/use-now';

/**
 * The persistent header: the live facts and the time since discovery, on every incident screen.
 * Memoised: a task added or an enquiry logged redraws the screen below it, not the header.
 */
export const IncidentHeader = memo(function IncidentHeader({ incident, disclosure, statements }: { incident: Incident; disclosure: DisclosureRow | null; statements: readonly Statement[] }) {
  const t = useT();
  const now = useNow();
  const f = incident.facts;
  const unknown = t('facts.unknown');
  const elapsed = f.discoveredAt ? elapsedParts(f.discoveredAt, now) : null;
  // The next legal deadline that still runs: unfiled, and not known not to apply.
  const next = incidentClocks(incident, disclosure, now)
    .clocks.filter((c) => c.applies !== false && c.countdown !== null && c.dueBy !== null)
    .sort((a, b) => a.dueBy!.localeCompare(b.dueBy!))[0];
  const items = (list: readonly DataItem[]) => itemsText(t, list);
  const updateLate = nextUpdateLate(incident, statements, now);
  return (
    <section className={`incident-header${incident.drill ? ' drill' : ''}`} aria-labelledby="incident-title">
      <div className="title-row">
        {incident.drill && <span className="badge drill">{t('header.drill')}</span>}
        <h1 id="incident-title">{incident.title}</h1>
        {incident.severity && (
          <span className={`badge severity ${incident.severity}`} data-severity={incident.severity}>
            {t('severity.badge', { level: t(`severity.${incident.severity}`) })}
          </span>
        )}
        <span className="elapsed" role="timer" aria-live="off">
          {elapsed === null
            ? t('header.notDiscovered')
            : elapsed.d > 0
              ? t('header.elapsed', elapsed)
              : t('header.elapsedHours', elapsed)}
        </span>
      </div>
      <dl className="header-facts">
        <div>
          <dt>{t('facts.confirmedCount')}</dt>
          <dd data-fact="confirmedCount">{formatCount(f.confirmedCount, t.lang) ?? unknown}</dd>
        </div>
        <div>
          <dt>{t('facts.maxCount')}</dt>
          <dd data-fact="maxCount">{formatCount(f.maxCount, t.lang) ?? unknown}</dd>
        </div>
        <div className="wide">
          <dt>{t('facts.itemsLeaked')}</dt>
          <dd data-fact="itemsLeaked">{items(f.itemsLeaked)}</dd>
        </div>
        <div className="wide">
          <dt>{t('facts.itemsNotLeaked')}</dt>
          <dd data-fact="itemsNotLeaked">{items(f.itemsNotLeaked)}</dd>
        </div>
        {next && (
          <div className={next.countdown!.overdue ? 'deadline overdue' : 'deadline'}>
            <dt>{clockName(t, next.kind)}</dt>
            <dd data-fact="nextDeadline">
              {next.countdown!.overdue
                ? t('regulator.overdue')
                : t('header.deadlineLeft', { date: next.date ?? next.window?.to ? formatCalendarDate(next.date ?? next.window!.to, t.lang) : formatDateTime(next.dueBy, t.lang), left: t('regulator.remaining', { d: next.countdown!.days, h: next.countdown!.hours }) })}
            </dd>
          </div>
        )}
        {f.nextUpdateAt && (
          // The update promised to the public is late once its time has passed: said, in the deadline's colour.
          <div className={updateLate ? 'next-update late' : 'next-update'}>
            <dt>{t('facts.nextUpdateAt')}</dt>
            <dd data-fact="nextUpdateAt">{updateLate ? t('header.nextUpdateLate', { when: formatDateTime(f.nextUpdateAt, t.lang) }) : formatDateTime(f.nextUpdateAt, t.lang)}</dd>
          </div>
        )}
      </dl>
      {/* Counts each laptop saved as valid can cross once merged: said under them, in the facts card's words, until one is corrected. */}
      {factConflicts(f).map((c) => (
        <p key={c.reason} className="notice header-check" role="note" data-header-check={c.reason}>
          {conflictText(t, c)}
        </p>
      ))}
    </section>
  );
});
