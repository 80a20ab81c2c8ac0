/**
 * The executives' page as a document model: what the screen shows under its figures, what
 * prints on one A4 sheet, and what the Word file holds — one model, so the three agree.
 */
import type { Block, DocumentModel } from '../../../shared/disclosure/document';
import type { ClockLine, ExecSummary } from '../../../shared/exec/summary';
import type { Task } from '../../../shared/boards/tasks';
import { factConflicts } from '../../../shared/incident/validate';
import { conflictText } from '../disclosure/labels';
import { taskTitle } from '../boards/task-words';
import type { useT } from '../i18n/i18n';
import { decisionWhat } from '../incidents/decision-words';
import { itemsText } from '../incidents/items-text';
import { formatCalendarDate, formatCount, formatDateTime, hlcIso, withNote } from '../ui/format';

type T = ReturnType<typeof useT>;

const count = (t: T, n: number | null) => formatCount(n, t.lang) ?? t('facts.unknown');

export function clockDue(t: T, c: ClockLine): string {
  if (c.dueBy === null) return t('exec.noStart');
  return c.date ? formatCalendarDate(c.date, t.lang) : formatDateTime(c.dueBy, t.lang);
}

/** A legal clock across incidents: its kind and due date, and that it is overdue when it is. */
function nextClockText(t: T, c: ClockLine): string {
  const text = `${t(`exec.clockKinds.${c.kind}`)} ${clockDue(t, c)}`;
  return c.overdue ? withNote(text, t('exec.overdue'), t.lang) : text;
}

/** The next public update: its time, said to have passed once it has (as the incident header says). */
function nextUpdateText(t: T, s: ExecSummary): string {
  if (!s.nextUpdate.at) return t('exec.undecided');
  const when = formatDateTime(s.nextUpdate.at, t.lang);
  return s.nextUpdate.late ? t('header.nextUpdateLate', { when }) : when;
}

export function clockStatus(t: T, c: ClockLine): string {
  if (c.filedAt) return t('exec.filed', { at: formatDateTime(c.filedAt, t.lang) });
  if (c.applies === false) return t('exec.notApplicable');
  if (c.dueBy === null) return t('exec.noStart');
  if (c.overdue) return t('exec.overdue');
  return c.left ? t('exec.left', { d: c.left.days, h: c.left.hours }) : '';
}

/** The next clock still running (unfiled, not known not to apply), as the incident header picks it. */
export function nextClock(s: ExecSummary): ClockLine | null {
  return s.clocks.filter((c) => c.applies !== false && c.filedAt === null && c.dueBy !== null).sort((a, b) => a.dueBy!.localeCompare(b.dueBy!))[0] ?? null;
}

function dayLabel(t: T, day: string): string {
  return formatCalendarDate(day, t.lang);
}

export function execBlocks(t: T, s: ExecSummary): Block[] {
  const nf = new Intl.NumberFormat(t.lang === 'ja' ? 'ja-JP' : 'en-GB');
  const blocks: Block[] = [
    { kind: 'heading', text: t('exec.facts') },
    {
      kind: 'fields',
      rows: [
        { label: t('facts.confirmedCount'), value: count(t, s.facts.confirmedCount) },
        { label: t('facts.maxCount'), value: count(t, s.facts.maxCount) },
        { label: t('facts.itemsLeaked'), value: itemsText(t, s.facts.itemsLeaked) },
        { label: t('facts.itemsNotLeaked'), value: itemsText(t, s.facts.itemsNotLeaked) },
      ],
    },
    // Two laptops' edits crossed (1,800 confirmed, at most 1,500): the page says so under the counts.
    ...factConflicts(s.facts).map((c): Block => ({ kind: 'paragraph', text: conflictText(t, c) })),
    { kind: 'heading', text: t('exec.clocks') },
    { kind: 'table', header: [t('exec.report'), t('exec.due'), t('exec.status')], rows: s.clocks.map((c) => [t(`exec.clockKinds.${c.kind}`), clockDue(t, c), clockStatus(t, c)]) },
    { kind: 'heading', text: t('exec.reach') },
  ];
  if (s.reach.length === 0) blocks.push({ kind: 'paragraph', text: t('exec.noLists') });
  else {
    blocks.push({
      kind: 'table',
      header: [t('exec.list'), t('exec.contactable'), t('exec.reached'), t('exec.reachedPct'), t('exec.donePct')],
      rows: s.reach.map((r) => [r.name, nf.format(r.contactable), nf.format(r.reached), `${r.reachedPct.toFixed(1)}%`, `${r.donePct.toFixed(1)}%`]),
    });
    const channels = s.reach[0]!.byChannel.map((c) => c.channel);
    blocks.push({
      kind: 'table',
      header: [t('exec.list'), ...channels.map((c) => t(`contacts.channels.${c}`))],
      rows: s.reach.map((r) => [r.name, ...channels.map((c) => nf.format(r.byChannel.find((x) => x.channel === c)?.reached ?? 0))]),
    });
    for (const r of s.reach)
      if (r.overTime.length > 1)
        blocks.push({ kind: 'paragraph', text: `${withNote(t('exec.overTime'), r.name, t.lang)}: ${r.overTime.map((p) => `${formatDateTime(p.at, t.lang)} ${p.pct.toFixed(1)}%`).join(' → ')}` });
  }
  blocks.push({ kind: 'heading', text: t('exec.enquiries') });
  if (s.enquiries.total === 0) blocks.push({ kind: 'paragraph', text: t('exec.noEnquiries') });
  else {
    blocks.push({
      kind: 'fields',
      rows: [
        { label: t('exec.enquiries'), value: t('exec.enquiriesTotal', { n: nf.format(s.enquiries.total) }) },
        { label: t('exec.escalations'), value: t('exec.count_n', { n: nf.format(s.openEscalations) }) },
        {
          label: t('exec.perDay'),
          value: s.enquiries.perDay.length === 0 ? t('exec.perDayNone') : s.enquiries.perDay.map((d) => t('exec.perDayItem', { day: dayLabel(t, d.day), n: nf.format(d.count) })).join(' / '),
        },
      ],
    });
    if (s.enquiries.top.length > 0) {
      blocks.push({ kind: 'heading', text: t('exec.topQuestions'), level: 3 });
      blocks.push({ kind: 'table', header: [t('exec.topQuestions'), t('exec.count')], rows: s.enquiries.top.map((q) => [q.label, nf.format(q.count)]) });
    }
  }
  blocks.push({ kind: 'heading', text: t('exec.overdueTasks') });
  const overdue = s.overdue.filter((o) => o.count > 0);
  if (overdue.length === 0) blocks.push({ kind: 'paragraph', text: t('exec.overdueNone') });
  else
    blocks.push({
      kind: 'table',
      header: [t('exec.phase'), t('exec.count'), t('exec.task')],
      rows: overdue.map((o) => [t(`roles.${o.phase}`), nf.format(o.count), namedTasks(t, o.tasks)]),
    });
  blocks.push({ kind: 'heading', text: t('exec.decisions') });
  if (s.decisions.length === 0) blocks.push({ kind: 'paragraph', text: t('exec.none') });
  else blocks.push({ kind: 'list', items: s.decisions.map((d) => `${formatDateTime(hlcIso(d.at), t.lang)} ${withNote(decisionWhat(t, d), d.decidedBy, t.lang)}`) });
  blocks.push({ kind: 'heading', text: t('exec.nextUpdate') });
  const last = s.nextUpdate.lastPublished;
  blocks.push({
    kind: 'paragraph',
    text: [
      nextUpdateText(t, s),
      last ? t('exec.lastPublished', { version: last.version, at: formatDateTime(last.at, t.lang) }) : t('exec.notPublished'),
    ].join('\n'),
  });
  return blocks;
}

/**
 * A phase's overdue tasks by name, the first few only: a board where nobody ticked tasks for
 * a day has dozens, and the page must stay one A4 sheet. The count beside it says how many.
 */
const OVERDUE_NAMED = 3;
function namedTasks(t: T, tasks: readonly Task[]): string {
  const names = tasks.slice(0, OVERDUE_NAMED).map((x) => taskTitle(x, t.lang));
  if (tasks.length > OVERDUE_NAMED) names.push(t('exec.andMore', { n: count(t, tasks.length - OVERDUE_NAMED) }));
  return names.join('\n');
}

export function execDocument(t: T, s: ExecSummary, generated: { at: number; who: string }): DocumentModel {
  return {
    lang: t.lang,
    date: t('exec.generated', { at: formatDateTime(new Date(generated.at).toISOString(), t.lang), who: generated.who }),
    to: [],
    from: [],
    title: `${s.drill ? `【${t('exec.drill')}】` : ''}${t('exec.title')}: ${s.title}`,
    draftMark: null,
    blocks: execBlocks(t, s),
    closing: null,
  };
}

/** An incident as the row across incidents names it. */
const incidentName = (t: T, s: ExecSummary) => `${s.drill ? `【${t('exec.drill')}】` : ''}${s.title}`;

/**
 * One row per open incident. Counts that cross (two laptops' edits merged: 1,800 confirmed, at
 * most 1,500) are marked in their cell, and said under the table in the facts card's words.
 */
export function acrossDocument(t: T, list: readonly ExecSummary[], generated: { at: number; who: string }): DocumentModel {
  const nf = new Intl.NumberFormat(t.lang === 'ja' ? 'ja-JP' : 'en-GB');
  const rows = list.map((s) => {
    const next = nextClock(s);
    const reach = s.reach.length === 0 ? '—' : s.reach.map((r) => `${r.reachedPct.toFixed(1)}%`).join(' / ');
    const people = `${count(t, s.facts.confirmedCount)} / ${count(t, s.facts.maxCount)}`;
    return [
      incidentName(t, s),
      factConflicts(s.facts).length > 0 ? withNote(people, t('exec.checkCounts'), t.lang) : people,
      reach,
      nf.format(s.enquiries.total),
      nf.format(s.openEscalations),
      next ? nextClockText(t, next) : t('exec.none'),
      nf.format(s.overdueTotal),
      nextUpdateText(t, s),
    ];
  });
  return {
    lang: t.lang,
    date: t('exec.generated', { at: formatDateTime(new Date(generated.at).toISOString(), t.lang), who: generated.who }),
    to: [],
    from: [],
    title: t('exec.acrossTitle'),
    draftMark: null,
    blocks:
      list.length === 0
        ? [{ kind: 'paragraph', text: t('exec.noOpen') }]
        : [
            {
              kind: 'table',
              header: [t('exec.incident'), t('exec.people'), t('exec.reachedPct'), t('exec.enquiries'), t('exec.escalations'), t('exec.nextDeadline'), t('exec.overdueShort'), t('exec.nextUpdate')],
              rows,
            },
            ...list.flatMap((s) => factConflicts(s.facts).map((c): Block => ({ kind: 'paragraph', text: t('exec.countsCrossedIn', { incident: incidentName(t, s), note: conflictText(t, c) }) }))),
          ],
    closing: null,
  };
}
