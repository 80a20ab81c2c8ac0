/** The closing report (DOMAIN.md part 6), drawn from the incident record and its timeline. */
import { PHASES } from '../../../shared/boards/model';
import type { DataItem } from '../../../shared/incident/model';
import { itemsText } from './items-text';
import { PREVENTION_POINTS } from '../../../shared/incident/closing';
import { markdownTable, escapeMarkdownInline } from '../../../shared/export/markdown';
import type { useT } from '../i18n/i18n';
import { formatCount, formatDateTime, hlcIso } from '../ui/format';
import type { TimelineEntry } from './timeline';
import type { OpenIncident } from './workspace-store';

type T = ReturnType<typeof useT>;

export function closingReportMarkdown(t: T, data: OpenIncident, entries: TimelineEntry[], actorName: (id: string) => string): string {
  const { incident } = data;
  const f = incident.facts;
  const md = escapeMarkdownInline;
  const unknown = t('facts.unknown');
  const items = (list: readonly DataItem[]) => itemsText(t, list);
  const out: string[] = [`# ${md(t('closing.reportTitle', { title: incident.title }))}`, ''];

  out.push(`## ${t('closing.sections.facts')}`, '');
  out.push(
    markdownTable(
      [t('closing.sections.facts'), ''],
      [
        [t('facts.discoveredAt'), formatDateTime(f.discoveredAt, t.lang) || unknown],
        [t('details.completedAt'), formatDateTime(incident.completedAt, t.lang) || unknown],
        [t('facts.confirmedCount'), formatCount(f.confirmedCount, t.lang) ?? unknown],
        [t('facts.maxCount'), formatCount(f.maxCount, t.lang) ?? unknown],
        [t('facts.itemsLeaked'), items(f.itemsLeaked)],
        [t('facts.itemsNotLeaked'), items(f.itemsNotLeaked)],
        [t('facts.services'), f.services || unknown],
        [t('details.summary'), incident.summary || unknown],
      ],
    ),
    '',
  );

  out.push(`## ${t('closing.sections.reports')}`, '');
  for (const r of data.reports) {
    out.push(`- ${md(t('reports.nth', { n: r.number }))} — ${formatDateTime(hlcIso(r.at), t.lang)} (${md(actorName(r.actor))})`);
    for (const key of ['cause', 'rootCause', 'scope', 'actionsSoFar'] as const) {
      if (r.fields[key]) out.push(`  - ${t(`reports.field.${key}`)}: ${md(r.fields[key])}`);
    }
  }
  out.push('');

  out.push(`## ${t('closing.sections.decisions')}`, '');
  if (data.decisions.length === 0) out.push(t('closing.none'));
  for (const d of [...data.decisions].reverse()) out.push(`- ${formatDateTime(hlcIso(d.at), t.lang)} ${md(d.what)} (${md(d.decidedBy)}) — ${md(d.why)}`);
  out.push('');

  out.push(`## ${t('closing.sections.progress')}`, '');
  out.push(
    markdownTable(
      [t('board.phases'), t('sitrep.progress')],
      PHASES.map((p) => {
        const tasks = data.tasks.filter((x) => x.phase === p);
        return [t(`roles.${p}`), t('board.taskCount', { done: tasks.filter((x) => x.status === 'done').length, total: tasks.length })];
      }),
    ),
    '',
  );

  const prevention = incident.closing?.prevention ?? {};
  out.push(`## ${t('closing.sections.prevention')}`, '');
  out.push(
    markdownTable(
      ['', t('closing.measures'), t('closing.owner'), t('closing.due')],
      PREVENTION_POINTS.map((p) => [
        t(`closing.points.${p}`),
        prevention[p]?.measures ?? '',
        prevention[p]?.owner ?? '',
        formatDateTime(prevention[p]?.dueAt ?? null, t.lang),
      ]),
    ),
    '',
  );

  out.push(`## ${t('closing.sections.pdca')}`, '');
  const pdca = incident.closing?.pdca ?? [];
  if (pdca.length === 0) out.push(t('closing.none'));
  for (const p of pdca) out.push(`- ${t(`closing.stages.${p.stage}`)}: ${md(p.text)} (${md(p.reportedBy)} → ${md(p.reportedTo)})`);
  out.push('');

  out.push(`## ${t('closing.sections.timeline')}`, '');
  out.push(markdownTable([t('timeline.columns.at'), t('timeline.columns.actor'), t('timeline.columns.summary')], entries.map((e) => [formatDateTime(e.at, t.lang), e.actor, e.summary])));
  return `${out.join('\n')}\n`;
}
