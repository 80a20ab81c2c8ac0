/**
 * One line per event for the timeline and its exports: what happened, in the words of the
 * screen, never the event code. Payloads were parsed on their way in (shared/events/
 * registry.ts), so each case reads its payload by type.
 * Personal data stays out (an enquiry line names its channel, not its caller).
 */
import type { TaskFields } from '../../../shared/boards/tasks';
import type { Phase } from '../../../shared/boards/model';
import { disclosureSummary } from '../disclosure/timeline-summary';
import type { HonbuEvent } from '../../../shared/events/event';
import { isKnownEvent, isRegisteredEventType } from '../../../shared/events/registry';
import { factChanges } from '../../../shared/incident/projections';
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
const count = (t: T, v: number | readonly unknown[]): string => formatCount(typeof v === 'number' ? v : v.length, t.lang) ?? '0';

/** "確定件数 → 1,200, 漏えいしていない項目 → クレジットカード情報": what an event did to the facts. */
export function describeFacts(t: T, changes: Partial<Facts>): string {
  return Object.entries(changes)
    .filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${wordFor(t, `facts.${k}`, k)} → ${factText(t, k as FactKey, v)}`)
    .join(', ');
}

function taskChanges(t: T, changes: Partial<TaskFields>): string {
  return Object.entries(changes)
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
  /** The incident's events by id: a "sent" line names its batch, an undo what it took back. */
  events?: Map<string, HonbuEvent>;
}

/** The summary of one event; never throws, never returns the event code. */
export function summarise(t: T, e: HonbuEvent, ctx: SummaryContext): Summary {
  try {
    return summariseUnsafe(t, e, ctx);
  } catch {
    return { summary: typeLabel(t, e.type), phase: null };
  }
}

function summariseUnsafe(t: T, event: HonbuEvent, ctx: SummaryContext): Summary {
  // A type from a newer version reads as such; every other event was parsed on its way in.
  if (!isKnownEvent(event)) return { summary: t('events.unknownType'), phase: null };
  const e = event;
  // The disclosure part words its own events (who approved, what was typed into the PPC draft).
  const disclosure = disclosureSummary(t, e, ctx.actorName);
  if (disclosure) return disclosure;
  const s = (key: string, params?: Record<string, string | number>) => t(`events.summaries.${key}` as MessageKey, params);
  const none = (summary: string): Summary => ({ summary, phase: null });
  switch (e.type) {
    case 'incident.first-reported':
      return none(`${t('timeline.summaries.firstReported', { title: e.payload.title })} — ${describeFacts(t, factChanges(e))}`);
    case 'incident.report-filed':
      return none(`${t('timeline.summaries.reportFiled', { n: e.payload.number })} — ${describeFacts(t, factChanges(e))}`);
    case 'incident.facts-changed':
      return none(t('timeline.summaries.factsChanged', { changes: describeFacts(t, factChanges(e)) }));
    case 'incident.details-changed': {
      const fields = Object.keys(e.payload.changes).map((k) => wordFor(t, `events.summaries.detailFields.${k}`)).filter(Boolean);
      return none(t('timeline.summaries.detailsChanged', { fields: fields.join(', ') }));
    }
    case 'incident.override-seen': {
      const { fact, by, value } = e.payload;
      return none(s('overrideSeen', { fact: wordFor(t, `facts.${fact}`, fact), by: ctx.actorName(by), value: factText(t, fact, value) }));
    }
    case 'boards.tasks-added': {
      const added = e.payload.tasks;
      const from = e.payload.template;
      if (from) return none(t('timeline.summaries.scenarioTasksAdded', { n: added.length, name: t.lang === 'en' && from.nameEn ? from.nameEn : from.name }));
      if (added.length === 1) return { summary: taskTitle(added[0]!, t.lang), phase: added[0]!.phase };
      return none(t('timeline.summaries.tasksAdded', { n: added.length }));
    }
    case 'boards.task-changed': {
      const task = ctx.tasks.get(e.payload.taskId);
      return { summary: t('timeline.summaries.taskChanged', { title: task?.title ?? '?', changes: taskChanges(t, e.payload.changes) }), phase: task?.phase ?? null };
    }
    case 'boards.checklist-item-toggled': {
      const task = ctx.tasks.get(e.payload.taskId);
      const state = e.payload.done ? t('timeline.summaries.checked') : t('timeline.summaries.unchecked');
      return { summary: t('timeline.summaries.checklist', { title: task?.title ?? '?', n: e.payload.index + 1, state }), phase: task?.phase ?? null };
    }
    case 'incident.decision-recorded': {
      const { decidedBy, why, phase } = e.payload;
      return { summary: t('timeline.summaries.decision', { what: decisionWhat(t, e.payload), by: decidedBy, why: why || '—' }), phase };
    }
    case 'outgoing.override-recorded':
      return { summary: overrideSummary(t, e.payload), phase: 'direction' };
    case 'contacts.dataset-imported':
      return { summary: s('datasetImported', { n: count(t, e.payload.rows) }), phase: 'counter' };
    case 'contacts.batch-created':
      return { summary: s('batchCreated', { channel: wordFor(t, `contacts.channels.${e.payload.channel}`, '—'), n: count(t, e.payload.rows) }), phase: 'counter' };
    case 'contacts.batch-sent': {
      // The post batch and the e-mail batch would read alike: name the batch that was sent.
      const batchId = e.payload.batchId;
      const created = [...(ctx.events?.values() ?? [])].find((x) => x.type === 'contacts.batch-created' && (x.payload as { batchId?: unknown } | null)?.batchId === batchId);
      const b = (created?.payload ?? null) as { channel?: unknown; rows?: unknown } | null;
      if (!b) return { summary: s('batchSent'), phase: 'counter' };
      return { summary: s('batchSentOf', { channel: wordFor(t, `contacts.channels.${str(b.channel)}`, '—'), n: count(t, Array.isArray(b.rows) ? b.rows : 0) }), phase: 'counter' };
    }
    case 'contacts.batch-reassigned':
      return { summary: s('batchReassigned', { n: count(t, e.payload.rows), operators: e.payload.operators.join(t.dict.facts.listSeparator) || '—' }), phase: 'counter' };
    case 'contacts.batch-cancelled':
      return { summary: s('batchCancelled', { channel: wordFor(t, `contacts.channels.${e.payload.channel}`, '—'), n: count(t, e.payload.rows) }), phase: 'counter' };
    case 'contacts.outcomes-recorded':
      return { summary: s('outcomesRecorded', { channel: wordFor(t, `contacts.channels.${e.payload.channel}`, '—'), n: count(t, e.payload.rows) }), phase: 'counter' };
    case 'contacts.customers-excluded':
      return { summary: s('customersExcluded', { n: count(t, e.payload.rows) }), phase: 'counter' };
    case 'contacts.notice-published':
      return { summary: s('noticePublished'), phase: 'counter' };
    case 'contacts.event-undone': {
      const undone = ctx.events?.get(e.payload.eventId);
      if (!undone || undone.type === e.type) return { summary: s('eventUndone'), phase: 'counter' };
      return { summary: s('eventUndoneOf', { what: summariseUnsafe(t, undone, ctx).summary }), phase: 'counter' };
    }
    case 'faq.enquiry-logged':
      return { summary: s('enquiryLogged', { channel: wordFor(t, `faq.channels.${e.payload.channel}`, '—') }), phase: 'counter' };
    case 'faq.enquiry-edited':
      return { summary: s('enquiryEdited'), phase: 'counter' };
    case 'faq.enquiry-regrouped':
      return { summary: s(e.payload.groupWith === null ? 'enquiryRegroupedAuto' : 'enquiryRegrouped'), phase: 'counter' };
    case 'faq.entry-drafted':
      return { summary: s('faqDrafted', { question: e.payload.question }), phase: 'counter' };
    case 'faq.entry-edited':
      return { summary: s('faqEdited', { question: e.payload.question, n: e.payload.version }), phase: 'counter' };
    case 'faq.entry-approved':
      return { summary: s('faqApproved', { n: e.payload.version }), phase: 'counter' };
    case 'faq.entry-retired':
      return { summary: s('faqRetired', { reason: e.payload.reason || '—' }), phase: 'counter' };
    case 'faq.variants-added':
      // Questions attached again (moved back to the entry's group) add no new phrasing: said as questions attached.
      return e.payload.questions.length === 0 && (e.payload.enquiryIds?.length ?? 0) > 0
        ? { summary: s('faqAttached', { n: count(t, e.payload.enquiryIds!) }), phase: 'counter' }
        : { summary: s('faqVariants', { n: count(t, e.payload.questions) }), phase: 'counter' };
    case 'faq.answer-used':
      return { summary: s('faqUsed'), phase: 'counter' };
    case 'faq.vendor-enquiries-imported':
      return { summary: s('vendorEnquiries', { n: count(t, e.payload.enquiries) }), phase: 'counter' };
    case 'faq.vendor-report-imported':
      return { summary: s('vendorReport', { days: e.payload.days.join(t.dict.facts.listSeparator) }), phase: 'counter' };
    case 'directory.call-marked':
      // The outcome only: who was called stays on the checklist, out of the timeline's exports.
      return none(t('calls.timeline', { outcome: t(`calls.outcomes.${e.payload.outcome}`) }));
    case 'people.profile-saved':
      return none(s('profileSaved'));
    case 'boards.template-saved':
      return none(s('templateSaved', { name: e.payload.template.name }));
    case 'sync.device-added':
      return none(s('deviceAdded', { name: e.payload.personName || '—' }));
    case 'sync.device-revoked':
      return none(s('deviceRevoked'));
    case 'roles.role-assigned':
    case 'roles.role-removed':
      return none(s(e.type === 'roles.role-assigned' ? 'roleAssigned' : 'roleRemoved', { name: ctx.actorName(e.payload.personId), role: t(`permissions.roles.${e.payload.role}`) }));
    default:
      // A registered type with no line of its own yet still reads as its label.
      return none(typeLabel(t, e.type));
  }
}
