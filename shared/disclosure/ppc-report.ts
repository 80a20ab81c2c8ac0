/**
 * Drafts of the regulator reports, pre-filled from the incident so nobody re-types a count
 * under stress. Every item says whether it is still missing: the preliminary report may go
 * with gaps (only what is known then), the final one may not. Words come from the caller's
 * dictionaries; shared/ holds none.
 */
import type { DataItem, Facts, FactKey, Incident } from '../incident/model';
import { renderTemplate, type RenderLabels } from '../incident/render';
import { countdown, gdprDeadline, type InstantInput } from './deadlines';
import { RULES, ppcItemRule, type PpcItemKey, type PpcItemNumber } from './rules';

export interface DraftLabels {
  render: RenderLabels;
  locale: string;
  timeZone?: string;
  /** The number of people, in render.ts's {{placeholder}} syntax, e.g. "{{confirmedCount}}人（最大{{maxCount}}人）". */
  countTemplate: string;
  /** Put before the root cause so a reader tells it from the direct cause. */
  rootCausePrefix: string;
  /** Item 9's sentence when a contractor handled the data; "{name}" is the contractor. */
  contractorNote: string;
}

export interface PpcReportContext {
  incident: Pick<Incident, 'title' | 'summary' | 'facts'>;
  labels: DraftLabels;
  stage: 'preliminary' | 'final';
  /** From the latest report's `cause` and `rootCause`. */
  cause: string;
  rootCause: string;
  secondaryHarm: string;
  individualResponse: string;
  publication: string;
  prevention: string;
  other: string;
  contractor: boolean;
  contractorName?: string;
}

export interface DraftItem<K extends string = string> {
  key: K;
  value: string;
  /** Nothing known for this item yet. */
  missing: boolean;
  /** Facts the value would quote but that are not known yet (shown as markers). */
  unknownFacts: FactKey[];
  source: string;
}

export interface PpcReportItem extends DraftItem<PpcItemKey> {
  item: PpcItemNumber;
}

export interface PpcReportDraft {
  stage: 'preliminary' | 'final';
  items: PpcReportItem[];
  missing: PpcItemKey[];
  /** The final report must be complete; the preliminary one carries what is known. */
  fileable: boolean;
  /** The PPC form asks this first. */
  myNumberInvolved: boolean;
  /** Client and contractor both report and may file jointly. */
  jointFilingPossible: boolean;
  rulesVersion: string;
}

function joinLines(...parts: string[]): string {
  return parts.map((p) => p.trim()).filter((p) => p !== '').join('\n');
}

/** The leaked items in words; the "other" item is replaced by what it covers, when known. */
export function itemsText(facts: Pick<Facts, 'itemsLeaked' | 'otherItems'>, labels: RenderLabels): string {
  return facts.itemsLeaked
    .map((item: DataItem) => (item === 'other' && facts.otherItems.trim() !== '' ? facts.otherItems.trim() : labels.items[item]))
    .join(labels.listSeparator);
}

export function countText(incident: Pick<Incident, 'title' | 'facts'>, labels: DraftLabels): { value: string; missing: boolean; unknownFacts: FactKey[] } {
  const { confirmedCount, maxCount } = incident.facts;
  if (confirmedCount === null && maxCount === null) return { value: '', missing: true, unknownFacts: ['confirmedCount', 'maxCount'] };
  const r = renderTemplate(labels.countTemplate, { title: incident.title, facts: incident.facts }, { labels: labels.render, locale: labels.locale, timeZone: labels.timeZone });
  return { value: r.text, missing: false, unknownFacts: r.missing.filter((p): p is FactKey => p !== 'title') };
}

function item(key: PpcItemKey, value: string, unknownFacts: FactKey[] = []): PpcReportItem {
  const rule = ppcItemRule(key);
  return { item: rule.item, key, value, missing: value.trim() === '', unknownFacts, source: rule.source };
}

export function draftPpcReport(ctx: PpcReportContext): PpcReportDraft {
  const { incident, labels } = ctx;
  const people = countText(incident, labels);
  const contractorNote = ctx.contractor ? labels.contractorNote.replace('{name}', ctx.contractorName ?? '') : '';
  const items: PpcReportItem[] = [
    item('summary', joinLines(incident.title, incident.summary)),
    item('dataItems', itemsText(incident.facts, labels.render), incident.facts.itemsLeaked.length === 0 ? ['itemsLeaked'] : []),
    item('people', people.value, people.unknownFacts),
    item('cause', joinLines(ctx.cause, ctx.rootCause.trim() === '' ? '' : `${labels.rootCausePrefix}${ctx.rootCause.trim()}`)),
    item('secondaryHarm', ctx.secondaryHarm.trim()),
    item('individualResponse', ctx.individualResponse.trim()),
    item('publication', ctx.publication.trim()),
    item('prevention', ctx.prevention.trim()),
    item('other', joinLines(ctx.other, contractorNote)),
  ];
  const missing = items.filter((i) => i.missing).map((i) => i.key);
  return {
    stage: ctx.stage,
    items,
    missing,
    fileable: ctx.stage === 'preliminary' || missing.length === 0,
    myNumberInvolved: incident.facts.itemsLeaked.includes('myNumber'),
    jointFilingPossible: ctx.contractor && RULES.appi.contractor.jointFilingAllowed,
    rulesVersion: RULES.version,
  };
}

/** The items a notice to each individual carries (規則10条: items 1, 2, 4, 5 and 9). */
export function noticeItems(draft: Pick<PpcReportDraft, 'items'>): PpcReportItem[] {
  const wanted: readonly number[] = RULES.appi.noticeToIndividuals.items;
  return draft.items.filter((i) => wanted.includes(i.item));
}

export type GdprFieldKey = 'nature' | 'categories' | 'approxPeople' | 'approxRecords' | 'dpoContact' | 'consequences' | 'measures' | 'delayReasons';

export interface GdprNoticeContext {
  incident: Pick<Incident, 'title' | 'summary' | 'facts'>;
  labels: DraftLabels;
  /** Records can outnumber people (one person, several rows), so they are asked apart. */
  recordCount: number | null;
  dpoContact: string;
  consequences: string;
  /** Taken or proposed, including what mitigates the harm. */
  measures: string;
  awareAt: InstantInput | null;
  /** When the notice is (to be) filed: past 72 h it must give reasons for the delay. */
  now: InstantInput;
  delayReasons: string;
}

export interface GdprNoticeDraft {
  fields: DraftItem<GdprFieldKey>[];
  missing: GdprFieldKey[];
  late: boolean;
  /** Art. 33 allows details to follow in phases, so a draft with gaps may still be sent. */
  phasedAllowed: boolean;
  rulesVersion: string;
}

export function draftGdprNotice(ctx: GdprNoticeContext): GdprNoticeDraft {
  const { incident, labels } = ctx;
  const rule = RULES.gdpr.supervisoryAuthority;
  const contentsSource = rule.contents[0].source;
  const people = countText(incident, labels);
  const late = ctx.awareAt !== null && countdown(gdprDeadline(ctx.awareAt).dueAt, ctx.now).overdue;
  const field = (key: GdprFieldKey, value: string, source: string, unknownFacts: FactKey[] = []): DraftItem<GdprFieldKey> => ({
    key,
    value,
    missing: value.trim() === '',
    unknownFacts,
    source,
  });
  const fields = [
    field('nature', joinLines(incident.title, incident.summary), contentsSource),
    field('categories', itemsText(incident.facts, labels.render), contentsSource, incident.facts.itemsLeaked.length === 0 ? ['itemsLeaked'] : []),
    field('approxPeople', people.value, contentsSource, people.unknownFacts),
    field('approxRecords', ctx.recordCount === null ? '' : new Intl.NumberFormat(labels.locale).format(ctx.recordCount), contentsSource),
    field('dpoContact', ctx.dpoContact.trim(), contentsSource),
    field('consequences', ctx.consequences.trim(), contentsSource),
    field('measures', ctx.measures.trim(), contentsSource),
  ];
  if (late) fields.push(field('delayReasons', ctx.delayReasons.trim(), rule.source));
  return {
    fields,
    missing: fields.filter((f) => f.missing).map((f) => f.key),
    late,
    phasedAllowed: rule.phasedDetailsAllowed,
    rulesVersion: RULES.version,
  };
}
