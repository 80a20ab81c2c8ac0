/**
 * Drafts of the regulator reports, laid out as the PPC's form asks (the reporting business,
 * the report type and date, the nine items of 施行規則8条1項 with their structured parts),
 * pre-filled from the incident so nobody re-types a count under stress. Every item says
 * whether it is still missing: the preliminary report may go with gaps (only what is known
 * then), the final one may not. Words come from the caller's dictionaries; shared/ holds none.
 */
import type { CompanyFields } from '../company/profile';
import type { DataItem, Facts, FactKey, Incident } from '../incident/model';
import { renderTemplate, type RenderLabels } from '../incident/render';
import { factConflicts, type FactConflict } from '../incident/validate';
import { countdown, gdprDeadline, type InstantInput } from './deadlines';
import { PREFILLED_TEXTS, type Causer, type Medium, type PpcDraftFields, type PrefilledText, type ReportStage, type Subject } from './ppc-fields';
import type { RegulatorSettings } from './regulator';
import { RULES, ppcItemRule, type PpcItemKey, type PpcItemNumber, type ReportableCase } from './rules';

export interface DraftLabels {
  render: RenderLabels;
  locale: string;
  timeZone?: string;
  /** The number of people, in render.ts's {{placeholder}} syntax, e.g. "{{confirmedCount}}人（最大{{maxCount}}人）". */
  countTemplate: string;
  /** The same when the maximum is not known yet: said in words, not a marker inside "up to … people". */
  countMaxUnknown?: string;
  /** The same when only the maximum is known. */
  countConfirmedUnknown?: string;
  /** Line labels inside the items ("発生日時：" …), so each line says what it is. */
  lines: Record<SummaryLine | 'medium' | 'subjects' | 'items' | 'causedBy', string>;
  /** "施行規則7条{n}号" */
  caseName: string;
  noCase: string;
  media: Record<Medium, string>;
  subjects: Record<Subject, string>;
  causers: Record<Causer, string>;
  /** "委託先：{name}", "委託元：{name}" */
  contractor: string;
  client: string;
  noEntrustment: string;
  /** Added to the entrustment line when the report is filed jointly. */
  jointFiling: string;
  notSelected: string;
}

type SummaryLine = 'occurredAt' | 'discoveredAt' | 'foundBy' | 'discovery' | 'course' | 'cases' | 'entrustment';

/** What the app already knows for the texts nobody has written yet (composed by the caller). */
export type PpcPrefill = Record<PrefilledText, string>;

export interface PpcReportContext {
  facts: Facts;
  company: CompanyFields | null;
  /** The effective settings (derived values included): entrustment and joint filing. */
  settings: Pick<RegulatorSettings, 'contractor' | 'contractorName' | 'client' | 'clientName' | 'jointFiling'>;
  /** The 施行規則7条 cases that apply now. */
  cases: readonly ReportableCase[];
  fields: PpcDraftFields;
  prefill: PpcPrefill;
  labels: DraftLabels;
  /** The report date when none is set: today in Tokyo. */
  today: string;
}

export interface DraftItem<K extends string = string> {
  key: K;
  value: string;
  /** Nothing known for this item yet. */
  missing: boolean;
  /** Facts the value would quote but that are not known yet (shown as markers). */
  unknownFacts: FactKey[];
  /**
   * Facts the value quotes that contradict each other as stored (1,800 confirmed, at most
   * 1,500: two laptops' edits merged): to be checked and corrected before the report is filed.
   */
  conflicts: FactConflict[];
  source: string;
}

export interface PpcReportItem extends DraftItem<PpcItemKey> {
  item: PpcItemNumber;
}

/** The reporting business as the form asks for it. */
export const REPORTER_FIELDS = ['name', 'corporateNumber', 'representative', 'address', 'industry', 'contactPerson', 'department', 'phone', 'email'] as const;
export type ReporterField = (typeof REPORTER_FIELDS)[number];
const REPORTER_REQUIRED: readonly ReporterField[] = ['name', 'representative', 'address', 'industry', 'contactPerson', 'phone', 'email'];

/** Choices the form needs that are not one of the nine items' texts. */
export type PpcGap = `reporter.${ReporterField}` | 'medium' | 'subjects' | 'causedBy' | 'entrustment-name';

export interface PpcText {
  value: string;
  /** Someone wrote it (it no longer follows what the app knows). */
  edited: boolean;
}

export interface PpcReportDraft {
  stage: ReportStage;
  reportDate: string;
  reporter: DraftItem<ReporterField>[];
  texts: Record<PrefilledText, PpcText>;
  items: PpcReportItem[];
  missing: PpcItemKey[];
  gaps: PpcGap[];
  /** Contradicting facts the items quote, each once (the items name theirs too). */
  conflicts: FactConflict[];
  /** The final report must be complete; the preliminary one carries what is known. Neither goes with facts that contradict each other. */
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

export function countText(incident: { facts: Facts }, labels: DraftLabels): { value: string; missing: boolean; unknownFacts: FactKey[]; conflicts: FactConflict[] } {
  const { confirmedCount, maxCount } = incident.facts;
  if (confirmedCount === null && maxCount === null) return { value: '', missing: true, unknownFacts: ['confirmedCount', 'maxCount'], conflicts: [] };
  // One of the two unknown: a sentence that says which, not "最大［未確定］人" or a 0.
  const template = (maxCount === null ? labels.countMaxUnknown : confirmedCount === null ? labels.countConfirmedUnknown : undefined) ?? labels.countTemplate;
  const r = renderTemplate(template, { title: '', facts: incident.facts }, { labels: labels.render, locale: labels.locale, timeZone: labels.timeZone });
  // Still named as unknown (the release check asks about them), whichever words say so.
  const unknown = new Set<FactKey>(r.missing.filter((p): p is FactKey => p !== 'title'));
  if (maxCount === null) unknown.add('maxCount');
  if (confirmedCount === null) unknown.add('confirmedCount');
  // Both known and crossed (two laptops' edits merged): said as stored, and flagged to be checked.
  return { value: r.text, missing: false, unknownFacts: [...unknown], conflicts: factConflicts(incident.facts) };
}

function item(key: PpcItemKey, value: string, missing: boolean, unknownFacts: FactKey[] = [], conflicts: FactConflict[] = []): PpcReportItem {
  const rule = ppcItemRule(key);
  return { item: rule.item, key, value, missing, unknownFacts, conflicts, source: rule.source };
}

function reporterValue(company: CompanyFields | null, field: ReporterField): string {
  if (!company) return '';
  if (field === 'representative') return [company.representativeTitle, company.representative].map((x) => x.trim()).filter((x) => x !== '').join(' ');
  if (field === 'address') return [company.postcode.trim() === '' ? '' : `〒${company.postcode.trim()}`, company.address.trim()].filter((x) => x !== '').join(' ');
  return company[field].trim();
}

/** "委託先：株式会社サンプル（連名で報告）": never a bracket with nothing in it. */
export function entrustmentText(settings: PpcReportContext['settings'], labels: DraftLabels): string {
  const parts: string[] = [];
  if (settings.contractor && settings.contractorName.trim() !== '') parts.push(labels.contractor.replace('{name}', settings.contractorName.trim()));
  if (settings.client && settings.clientName.trim() !== '') parts.push(labels.client.replace('{name}', settings.clientName.trim()));
  if (parts.length === 0) return labels.noEntrustment;
  return parts.join(labels.render.listSeparator) + (settings.jointFiling ? labels.jointFiling : '');
}

function uniqueConflicts(list: readonly FactConflict[]): FactConflict[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = `${c.reason}:${c.facts.join()}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function draftPpcReport(ctx: PpcReportContext): PpcReportDraft {
  const { facts, labels, fields } = ctx;
  const texts = Object.fromEntries(
    PREFILLED_TEXTS.map((k) => [k, fields[k] === null ? { value: ctx.prefill[k].trim(), edited: false } : { value: fields[k]!.trim(), edited: true }]),
  ) as Record<PrefilledText, PpcText>;
  const fact = (name: 'occurredAt' | 'discoveredAt') =>
    renderTemplate(`{{${name}}}`, { title: '', facts }, { labels: labels.render, locale: labels.locale, timeZone: labels.timeZone });
  const line = (label: string, value: string) => (value.trim() === '' ? '' : `${label}${value}`);
  const occurred = fact('occurredAt');
  const discovered = fact('discoveredAt');
  const cases = ctx.cases.length === 0 ? labels.noCase : ctx.cases.map((n) => labels.caseName.replace('{n}', String(n))).join(labels.render.listSeparator);

  const summary = joinLines(
    // Not known yet: the marker alone ("［未確定：発生日時］"), which names the date itself; it
    // stays a marker, so the release gate stops the report until a reason is recorded.
    occurred.missing.length > 0 ? occurred.text : line(labels.lines.occurredAt, occurred.text),
    discovered.missing.length > 0 ? discovered.text : line(labels.lines.discoveredAt, discovered.text),
    line(labels.lines.foundBy, texts.foundBy.value),
    line(labels.lines.discovery, texts.discovery.value),
    line(labels.lines.course, texts.course.value),
    line(labels.lines.cases, cases),
    line(labels.lines.entrustment, entrustmentText(ctx.settings, labels)),
  );
  const subjects = fields.subjects.map((s) => (s === 'other' && fields.subjectsNote.trim() !== '' ? fields.subjectsNote.trim() : labels.subjects[s]));
  const dataItems = joinLines(
    line(labels.lines.medium, fields.medium ? labels.media[fields.medium] : labels.notSelected),
    line(labels.lines.subjects, subjects.length > 0 ? subjects.join(labels.render.listSeparator) : labels.notSelected),
    line(labels.lines.items, itemsText(facts, labels.render)),
  );
  const cause = joinLines(line(labels.lines.causedBy, fields.causedBy ? labels.causers[fields.causedBy] : labels.notSelected), texts.cause.value);
  const people = countText({ facts }, labels);

  const items: PpcReportItem[] = [
    item('summary', summary, texts.course.value === '' && texts.discovery.value === '', [...occurred.missing, ...discovered.missing].filter((p): p is FactKey => p !== 'title')),
    item('dataItems', dataItems, facts.itemsLeaked.length === 0, facts.itemsLeaked.length === 0 ? ['itemsLeaked'] : []),
    item('people', people.value, people.missing, people.unknownFacts, people.conflicts),
    item('cause', cause, texts.cause.value === ''),
    item('secondaryHarm', texts.secondaryHarm.value, texts.secondaryHarm.value === ''),
    item('individualResponse', texts.individualResponse.value, texts.individualResponse.value === ''),
    item('publication', texts.publication.value, texts.publication.value === ''),
    item('prevention', texts.prevention.value, texts.prevention.value === ''),
    // Item 9 is "other useful matters": it may rightly be empty.
    item('other', fields.other.trim(), false),
  ];
  const reporter = REPORTER_FIELDS.map((f) => {
    const value = reporterValue(ctx.company, f);
    return { key: f, value, missing: value === '' && REPORTER_REQUIRED.includes(f), unknownFacts: [], conflicts: [], source: RULES.appi.report.form.source };
  });
  const gaps: PpcGap[] = [
    ...reporter.filter((r) => r.missing).map((r): PpcGap => `reporter.${r.key}`),
    ...(fields.medium === null ? (['medium'] as const) : []),
    ...(fields.subjects.length === 0 ? (['subjects'] as const) : []),
    ...(fields.causedBy === null ? (['causedBy'] as const) : []),
    ...((ctx.settings.contractor && ctx.settings.contractorName.trim() === '') || (ctx.settings.client && ctx.settings.clientName.trim() === '') ? (['entrustment-name'] as const) : []),
  ];
  const missing = items.filter((i) => i.missing).map((i) => i.key);
  const conflicts = uniqueConflicts(items.flatMap((i) => i.conflicts));
  const stage = fields.stage ?? 'preliminary';
  return {
    stage,
    reportDate: fields.reportDate ?? ctx.today,
    reporter,
    texts,
    items,
    missing,
    gaps,
    conflicts,
    fileable: conflicts.length === 0 && (stage === 'preliminary' || (missing.length === 0 && gaps.length === 0)),
    myNumberInvolved: facts.itemsLeaked.includes('myNumber'),
    jointFilingPossible: (ctx.settings.contractor || ctx.settings.client) && RULES.appi.contractor.jointFilingAllowed,
    rulesVersion: RULES.version,
  };
}

export type GdprFieldKey = 'nature' | 'categories' | 'approxPeople' | 'approxRecords' | 'dpoContact' | 'consequences' | 'measures' | 'delayReasons';

export interface GdprNoticeContext {
  incident: Pick<Incident, 'facts'>;
  /** What happened, in the words of the PPC draft's course of events. */
  nature: string;
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
  const field = (key: GdprFieldKey, value: string, source: string, unknownFacts: FactKey[] = [], conflicts: FactConflict[] = []): DraftItem<GdprFieldKey> => ({
    key,
    value,
    missing: value.trim() === '',
    unknownFacts,
    conflicts,
    source,
  });
  const fields = [
    field('nature', ctx.nature.trim(), contentsSource),
    field('categories', itemsText(incident.facts, labels.render), contentsSource, incident.facts.itemsLeaked.length === 0 ? ['itemsLeaked'] : []),
    field('approxPeople', people.value, contentsSource, people.unknownFacts, people.conflicts),
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
