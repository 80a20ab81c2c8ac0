/**
 * One line per event for the timeline and its exports: what happened, in the words of the
 * screen, never the event code. Payloads come from other laptops and other versions, so
 * every field is read defensively: a line with less detail beats a broken timeline.
 * Personal data stays out (an enquiry line names its channel, not its caller).
 */
import type { NewTask, TaskFields } from '../../../shared/boards/tasks';
import type { Phase } from '../../../shared/boards/model';
import { disclosureSummary } from '../disclosure/timeline-summary';
import type { HonbuEvent } from '../../../shared/events/event';
import { eventGroup, isRegisteredEventType } from '../../../shared/events/registry';
import { factChanges } from '../../../shared/incident/events';
import type { FactKey, Facts } from '../../../shared/incident/model';
import type { MessageKey } from '../i18n/dictionary';
import { lookup, type useT } from '../i18n/i18n';
import { formatCount, formatDateTime } from '../ui/format';
import { factText } from './FactList';
import { taskTitle } from '../boards/task-words';
import { decisionWhat } from './decision-words';
import { overrideSummary } from '../outgoing/labels';

type T = ReturnType<typeof useT>;

/** The label of an event type; a type this version does not know says so in words. */
export function typeLabel(t: T, type: string): string {
  return isRegisteredEventType(type) ? t(`events.types.${type}`) : t('events.unknownType');
}

/** A label from another part's dictionary when it is there, else the fallback (never a raw code). */
function wordFor(t: T, key: string, fallback = ''): string {
  const text = lookup(t.dict, key);
  return typeof text === 'string' ? text : fallback;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const count = (t: T, v: unknown): string => formatCount(Array.isArray(v) ? v.length : num(v), t.lang) ?? '0';

/** "確定件数 → 1,200, 漏えいしていない項目 → クレジットカード情報": what an event did to the facts. */
export function describeFacts(t: T, changes: Partial<Facts>): string {
  return Object.entries(changes)
    .filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${wordFor(t, `facts.${k}`, k)} → ${factText(t, k as FactKey, v)}`)
    .join(', ');
}

function taskChanges(t: T, changes: Partial<TaskFields>): string {
  return Object.entries(changes ?? {})
    .map(([k, v]) => {
      if (k === 'status') return `${t('board.status')} → ${wordFor(t, `statuses.${str(v)}`, str(v))}`;
      if (k === 'dueAt') return `${t('board.due')} → ${formatDateTime(v as string | null, t.lang)}`;
      if (k === 'owner') return `${t('board.owner')} → ${str(v) || t('board.unassigned')}`;
      if (k === 'notes') return `${t('board.notes')} → ${str(v)}`;
      if (k === 'title') return `${t('events.summaries.taskFields.title')} → ${str(v)}`;
      if (k === 'phase') return `${t('events.summaries.taskFields.phase')} → ${wordFor(t, `roles.${str(v)}`, str(v))}`;
      return '';
    })
    .filter(Boolean)
    .join(', ');
}

export interface Summary {
  summary: string;
  phase: Phase | null;
}

export interface SummaryContext {
  /** Task id → its title and phase, for lines about a task. */
  tasks: Map<string, { title: string; phase: Phase }>;
  actorName: (id: string) => string;
}

/** The summary of one event; never throws, never returns the event code. */
export function summarise(t: T, e: HonbuEvent, ctx: SummaryContext): Summary {
  try {
    return summariseUnsafe(t, e, ctx);
  } catch {
    return { summary: typeLabel(t, e.type), phase: null };
  }
}

function summariseUnsafe(t: T, e: HonbuEvent, ctx: SummaryContext): Summary {
  // The disclosure part words its own events (who approved, what was typed into the PPC draft).
  const disclosure = disclosureSummary(t, e, ctx.actorName);
  if (disclosure) return disclosure;
  const p = (e.payload ?? {}) as Record<string, unknown>;
  const s = (key: string, params?: Record<string, string | number>) => t(`events.summaries.${key}` as MessageKey, params);
  const none = (summary: string): Summary => ({ summary, phase: null });
  switch (e.type) {
    case 'incident.first-reported':
      return none(`${t('timeline.summaries.firstReported', { title: str(p.title) })} — ${describeFacts(t, factChanges(e))}`);
    case 'incident.report-filed':
      return none(`${t('timeline.summaries.reportFiled', { n: num(p.number) })} — ${describeFacts(t, factChanges(e))}`);
    case 'incident.facts-changed':
      return none(t('timeline.summaries.factsChanged', { changes: describeFacts(t, factChanges(e)) }));
    case 'incident.details-changed': {
      const fields = Object.keys((p.changes as object) ?? {}).map((k) => wordFor(t, `events.summaries.detailFields.${k}`)).filter(Boolean);
      return none(t('timeline.summaries.detailsChanged', { fields: fields.join(', ') }));
    }
    case 'incident.override-seen': {
      const fact = str(p.fact) as FactKey;
      return none(s('overrideSeen', { fact: wordFor(t, `facts.${fact}`, fact), by: ctx.actorName(str(p.by)), value: factText(t, fact, p.value) }));
    }
    case 'incident.prevention-planned': {
      const measure = (p.measure ?? {}) as Record<string, unknown>;
      return none(s('prevention', { point: wordFor(t, `closing.points.${str(p.point)}`, str(p.point)), measures: str(measure.measures) }));
    }
    case 'incident.pdca-reported':
      return none(s('pdca', { stage: wordFor(t, `closing.stages.${str(p.stage)}`, str(p.stage)), text: str(p.text), by: str(p.reportedBy), to: str(p.reportedTo) }));
    case 'boards.tasks-added': {
      const added = (p.tasks as NewTask[] | undefined) ?? [];
      if (added.length === 1) return { summary: taskTitle(added[0]!, t.lang), phase: added[0]!.phase };
      return none(t('timeline.summaries.tasksAdded', { n: added.length }));
    }
    case 'boards.task-changed': {
      const task = ctx.tasks.get(str(p.taskId));
      return { summary: t('timeline.summaries.taskChanged', { title: task?.title ?? '?', changes: taskChanges(t, p.changes as Partial<TaskFields>) }), phase: task?.phase ?? null };
    }
    case 'boards.checklist-item-toggled': {
      const task = ctx.tasks.get(str(p.taskId));
      const state = p.done ? t('timeline.summaries.checked') : t('timeline.summaries.unchecked');
      return { summary: t('timeline.summaries.checklist', { title: task?.title ?? '?', n: num(p.index) + 1, state }), phase: task?.phase ?? null };
    }
    case 'decision.recorded':
      return {
        summary: t('timeline.summaries.decision', { what: decisionWhat(t, { what: str(p.what), disclosurePublish: p.disclosurePublish as boolean | undefined }), by: str(p.decidedBy), why: str(p.why) || '—' }),
        phase: (p.phase as Phase) ?? null,
      };
    case 'outgoing.override-recorded':
      return { summary: overrideSummary(t, e.payload), phase: 'direction' };
    case 'disclosure.decision-recorded':
      return none(s(p.publish ? 'disclosurePublish' : 'disclosureNoPublish', { by: str(p.decidedBy) || '—' }));
    case 'regulator.settings-changed': {
      const fields = Object.keys((p.changes as object) ?? {})
        .map((k) => wordFor(t, `events.summaries.regulatorFields.${k}`))
        .filter(Boolean);
      return none(s('regulatorSettings', { fields: fields.join(', ') || '—' }));
    }
    case 'regulator.report-filed': {
      const kind = wordFor(t, `events.summaries.filingKinds.${str(p.kind)}`, t('events.types.regulator.report-filed'));
      return none(str(p.reference) ? s('filing', { kind, reference: str(p.reference) }) : s('filingNoReference', { kind }));
    }
    case 'regulator.contact-logged':
      return none(s('contactLogged', { party: wordFor(t, `contactsLog.parties.${str(p.party)}`, '—'), who: str(p.who) }));
    case 'statement.drafted':
      return { summary: s('statementDrafted', { n: num(p.version) }), phase: 'statement' };
    case 'statement.section-edited':
      return { summary: s('statementEdited', { n: num(p.version) }), phase: 'statement' };
    case 'statement.approved':
      return { summary: s('statementApproved', { n: num(p.version), by: str(p.approvedBy) || ctx.actorName(e.actor) }), phase: 'statement' };
    case 'statement.published':
      return { summary: s('statementPublished', { n: num(p.version) }), phase: 'statement' };
    case 'contacts.dataset-imported':
      return { summary: s('datasetImported', { n: count(t, p.rows) }), phase: 'counter' };
    case 'contacts.batch-created':
      return { summary: s('batchCreated', { channel: wordFor(t, `contacts.channels.${str(p.channel)}`, '—'), n: count(t, p.rows) }), phase: 'counter' };
    case 'contacts.batch-sent':
      return { summary: s('batchSent'), phase: 'counter' };
    case 'contacts.batch-reassigned':
      return { summary: s('batchReassigned', { n: count(t, p.rows), operators: Array.isArray(p.operators) ? p.operators.map(str).join(t.dict.facts.listSeparator) : '—' }), phase: 'counter' };
    case 'contacts.batch-cancelled':
      return { summary: s('batchCancelled', { channel: wordFor(t, `contacts.channels.${str(p.channel)}`, '—'), n: count(t, p.rows) }), phase: 'counter' };
    case 'contacts.outcomes-recorded':
      return { summary: s('outcomesRecorded', { channel: wordFor(t, `contacts.channels.${str(p.channel)}`, '—'), n: count(t, p.rows) }), phase: 'counter' };
    case 'contacts.customers-excluded':
      return { summary: s('customersExcluded', { n: count(t, p.rows) }), phase: 'counter' };
    case 'contacts.notice-published':
      return { summary: s('noticePublished'), phase: 'counter' };
    case 'contacts.event-undone':
      return { summary: s('eventUndone'), phase: 'counter' };
    case 'enquiry.logged':
      return { summary: s('enquiryLogged', { channel: wordFor(t, `faq.channels.${str(p.channel)}`, '—') }), phase: 'counter' };
    case 'enquiry.edited':
      return { summary: s('enquiryEdited'), phase: 'counter' };
    case 'faq.entry-drafted':
      return { summary: s('faqDrafted', { question: str(p.question) }), phase: 'counter' };
    case 'faq.entry-edited':
      return { summary: s('faqEdited', { question: str(p.question), n: num(p.version) }), phase: 'counter' };
    case 'faq.entry-approved':
      return { summary: s('faqApproved', { n: num(p.version) }), phase: 'counter' };
    case 'faq.entry-retired':
      return { summary: s('faqRetired', { reason: str(p.reason) || '—' }), phase: 'counter' };
    case 'faq.variants-added':
      return { summary: s('faqVariants', { n: count(t, p.questions) }), phase: 'counter' };
    case 'faq.answer-used':
      return { summary: s('faqUsed'), phase: 'counter' };
    case 'people.profile-saved':
      return none(s('profileSaved'));
    case 'templates.template-saved':
      return none(s('templateSaved', { name: str((p.template as { name?: unknown } | undefined)?.name) }));
    case 'sync.device-added':
      return none(s('deviceAdded', { name: str(p.personName) || '—' }));
    case 'sync.device-revoked':
      return none(s('deviceRevoked'));
    default:
      // A registered type with no line of its own yet still reads as its label.
      return none(eventGroup(e.type) ? typeLabel(t, e.type) : t('events.unknownType'));
  }
}
