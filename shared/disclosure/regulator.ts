/**
 * The disclosure decision and the regulator side: settings that drive the legal clocks,
 * filings, and the log of calls to the police, ministries, card companies and the PPC
 * (004 §8-⑬). One `disclosure` row per incident and one `contacts-log` row per contact.
 * Folds are pure and reach the same rows in any order: settings are last-writer-wins per
 * field by HLC, histories are sorted by clock and de-duplicated by it.
 */
import type { HonbuEvent } from '../events/event';
import { mergeLww, type ProjectionSpec } from '../events/projection';
import { EMPTY_PPC_FIELDS, type PpcDraftFields } from './ppc-fields';

/** 004 §8-⑥'s five viewpoints of the disclosure criteria. */
export const VIEWPOINTS = ['controller', 'form', 'content', 'volume', 'harm'] as const;
export type Viewpoint = (typeof VIEWPOINTS)[number];

export const RATINGS = ['low', 'medium', 'high'] as const;
export type Rating = (typeof RATINGS)[number];

/** 000's qualitative indicators (定性的指標). */
export const QUALITATIVE_INDICATORS = [
  'own-communication-blunder',
  'executive-misconduct',
  'employee-misconduct',
  'negative-campaign',
  'customer-complaint',
  'site-vulnerability',
] as const;
export type QualitativeIndicator = (typeof QUALITATIVE_INDICATORS)[number];

/** 000's quantitative indicators (定量的指標). */
export const QUANTITATIVE_INDICATORS = ['damage', 'business-impact', 'social-impact'] as const;
export type QuantitativeIndicator = (typeof QUANTITATIVE_INDICATORS)[number];

/** 000's disclosure channels. */
export const CHANNELS = ['corporate-site', 'press-release', 'blog-video', 'press-conference'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONTACT_PARTIES = ['police', 'ministry', 'card-company', 'ppc', 'other'] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];

export const FILING_KINDS = ['preliminary', 'final', 'gdpr'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

export interface ViewpointAssessment {
  note: string;
  /** null while the viewpoint has not been weighed. */
  rating: Rating | null;
}

export interface DisclosureDecision {
  viewpoints: Record<Viewpoint, ViewpointAssessment>;
  qualitative: QualitativeIndicator[];
  quantitative: QuantitativeIndicator[];
  publish: boolean;
  why: string;
  channels: Channel[];
  timing: { plannedAt: string | null; note: string };
  /** Timing agreed with client companies before publishing (004 §8-⑬). */
  clientCoordination: { needed: boolean; note: string };
  /** Who took the decision (may differ from who recorded it), by name. */
  decidedBy: string;
  /** The member who decided (a person id), or null when the decider is not a member. */
  deciderId?: string | null;
}

export interface RecordedDecision extends DisclosureDecision {
  at: string;
  recordedBy: string;
}

export interface RegulatorSettings {
  /** When the company learned of the leak (知った時点): starts the PPC clocks. */
  learnedAt: string | null;
  improperPurpose: boolean | null;
  financialHarmRisk: boolean | null;
  encryptedAdvanced: boolean;
  allRecoveredUnseen: boolean;
  /** A contractor (委託先) handled the data: both report, possibly jointly. */
  contractor: boolean;
  contractorName: string;
  /** We handled the data for a client (委託元): it reports too. */
  client: boolean;
  clientName: string;
  /** The report is filed jointly with the contractor or client (連名). */
  jointFiling: boolean;
  euResidents: boolean;
  /** When the company became aware under the GDPR: starts the 72-hour clock. */
  awareAt: string | null;
}

export const DEFAULT_SETTINGS: RegulatorSettings = {
  learnedAt: null,
  improperPurpose: null,
  financialHarmRisk: null,
  encryptedAdvanced: false,
  allRecoveredUnseen: false,
  contractor: false,
  contractorName: '',
  client: false,
  clientName: '',
  jointFiling: false,
  euResidents: false,
  awareAt: null,
};

export interface Filing {
  kind: FilingKind;
  /** ISO instant the report was submitted (typed by a person, so not the event clock). */
  filedAt: string;
  /** Receipt number or similar from the regulator's form. */
  reference: string;
  note: string;
  at: string;
  recordedBy: string;
}

export interface DisclosureRow {
  /** The incident id: one row per incident. */
  id: string;
  incidentId: string;
  /** The decision in force: the latest recorded. */
  decision: RecordedDecision | null;
  /** Every decision, oldest first: reversals stay on the record. */
  decisions: RecordedDecision[];
  settings: RegulatorSettings;
  /** What the team typed into the PPC report draft. */
  ppc: PpcDraftFields;
  filings: Filing[];
  updatedAt: string;
  /** `settings.<field>` → HLC of the event that last set it. */
  stamps: Record<string, string>;
}

export interface ContactLogEntry {
  /** Chosen by the command, so a correction of the same contact replaces it. */
  id: string;
  incidentId: string;
  party: ContactParty;
  /** The organisation and person spoken to. */
  who: string;
  /** ISO instant of the call or visit. */
  when: string;
  notes: string;
  at: string;
  recordedBy: string;
}

export type DecisionRecorded = HonbuEvent<'disclosure.decision-recorded', DisclosureDecision>;
export type SettingsChanged = HonbuEvent<'regulator.settings-changed', { changes: Partial<RegulatorSettings> }>;
export type ReportFiled = HonbuEvent<'regulator.report-filed', { kind: FilingKind; filedAt: string; reference?: string; note?: string }>;
export type ContactLogged = HonbuEvent<
  'regulator.contact-logged',
  { contactId: string; party: ContactParty; who: string; when: string; notes: string }
>;
export type PpcDraftEdited = HonbuEvent<'ppc.draft-edited', { changes: Partial<PpcDraftFields> }>;
export type DisclosureEvent = DecisionRecorded | SettingsChanged | ReportFiled | PpcDraftEdited;

const DISCLOSURE_TYPES = new Set(['disclosure.decision-recorded', 'regulator.settings-changed', 'regulator.report-filed', 'ppc.draft-edited']);

export function isDisclosureEvent(e: HonbuEvent): e is DisclosureEvent {
  return DISCLOSURE_TYPES.has(e.type) && e.incidentId !== null;
}

function byClock<T extends { at: string }>(a: T, b: T): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}

function emptyRow(id: string, e: HonbuEvent): DisclosureRow {
  return {
    id,
    incidentId: id,
    decision: null,
    decisions: [],
    settings: { ...DEFAULT_SETTINGS },
    ppc: { ...EMPTY_PPC_FIELDS },
    filings: [],
    updatedAt: e.at,
    stamps: {},
  };
}

/**
 * Last-writer-wins per field of one group (settings, ppc) of the row; the group's stamps
 * carry its prefix so they stay apart from the others'. Unknown fields are dropped: an
 * event from a newer version must not smuggle in a field this one cannot show.
 */
function mergeGroup<T extends object>(current: T, defaults: T, stamps: Record<string, string>, prefix: string, changes: Partial<T>, at: string): { value: T; stamps: Record<string, string> } {
  const flat = { ...defaults, ...current, stamps: {} as Record<string, string> };
  for (const [k, v] of Object.entries(stamps)) if (k.startsWith(`${prefix}.`)) flat.stamps[k.slice(prefix.length + 1)] = v;
  const known = Object.fromEntries(Object.entries(changes).filter(([k]) => k in defaults)) as Partial<T>;
  const { stamps: merged, ...value } = mergeLww(flat, known as Partial<Omit<typeof flat, 'stamps'>>, at);
  const nextStamps = { ...stamps };
  for (const [k, v] of Object.entries(merged)) nextStamps[`${prefix}.${k}`] = v;
  return { value: value as unknown as T, stamps: nextStamps };
}

function mergeSettings(row: DisclosureRow, changes: Partial<RegulatorSettings>, at: string): DisclosureRow {
  const { value, stamps } = mergeGroup(row.settings, DEFAULT_SETTINGS, row.stamps, 'settings', changes, at);
  return { ...row, settings: value, stamps };
}

function mergePpc(row: DisclosureRow, changes: Partial<PpcDraftFields>, at: string): DisclosureRow {
  const { value, stamps } = mergeGroup(row.ppc ?? EMPTY_PPC_FIELDS, EMPTY_PPC_FIELDS, row.stamps, 'ppc', changes, at);
  return { ...row, ppc: value, stamps };
}

/** The PPC draft fields of a row, also of rows folded before the draft was kept. */
export function ppcFields(row: Pick<DisclosureRow, 'ppc'> | null | undefined): PpcDraftFields {
  return { ...EMPTY_PPC_FIELDS, ...(row?.ppc ?? {}) };
}

/** The settings of a row with every field, also of rows folded before a field existed. */
export function settingsOf(row: Pick<DisclosureRow, 'settings'> | null | undefined): RegulatorSettings {
  return { ...DEFAULT_SETTINGS, ...(row?.settings ?? {}) };
}

/** Whether anyone has set this setting (a stamp exists), as opposed to its default. */
export function settingSet(row: Pick<DisclosureRow, 'stamps'> | null | undefined, field: keyof RegulatorSettings): boolean {
  return row?.stamps[`settings.${field}`] !== undefined;
}


export const disclosureProjection: ProjectionSpec<DisclosureRow> = {
  table: 'disclosure',
  keys: (e) => (isDisclosureEvent(e) ? [e.incidentId!] : []),
  reduce(row, event, key) {
    if (!isDisclosureEvent(event)) return row ?? null;
    const e = event;
    let next = row ?? emptyRow(key, e);
    switch (e.type) {
      case 'disclosure.decision-recorded': {
        if (next.decisions.some((d) => d.at === e.at)) break;
        const decisions = [...next.decisions, { ...e.payload, at: e.at, recordedBy: e.actor }].sort(byClock);
        next = { ...next, decisions, decision: decisions[decisions.length - 1] ?? null };
        break;
      }
      case 'regulator.settings-changed':
        next = mergeSettings(next, e.payload.changes, e.at);
        break;
      case 'ppc.draft-edited':
        next = mergePpc(next, e.payload.changes, e.at);
        break;
      case 'regulator.report-filed': {
        if (next.filings.some((f) => f.at === e.at)) break;
        const { kind, filedAt, reference = '', note = '' } = e.payload;
        const filings = [...next.filings, { kind, filedAt, reference, note, at: e.at, recordedBy: e.actor }].sort(
          (a, b) => (a.filedAt < b.filedAt ? -1 : a.filedAt > b.filedAt ? 1 : byClock(a, b)),
        );
        next = { ...next, filings };
        break;
      }
    }
    return { ...next, updatedAt: e.at > next.updatedAt ? e.at : next.updatedAt };
  },
  index: (row) => ({ updatedAt: row.updatedAt }),
};

export const contactsLogProjection: ProjectionSpec<ContactLogEntry> = {
  table: 'contacts-log',
  keys: (e) => (e.type === 'regulator.contact-logged' && e.incidentId !== null ? [(e as ContactLogged).payload.contactId] : []),
  reduce(row, event, key) {
    const e = event as ContactLogged;
    // A correction is logged again under the same id; the later clock wins.
    if (row && row.at >= e.at) return row;
    const { party, who, when, notes } = e.payload;
    return { id: key, incidentId: e.incidentId!, party, who, when, notes, at: e.at, recordedBy: e.actor };
  },
  index: (row) => ({ incidentId: row.incidentId }),
};

/** The most recent filing of a kind (by when it was filed), or null. */
export function latestFiling(filings: readonly Filing[], kind: FilingKind): Filing | null {
  const ofKind = filings.filter((f) => f.kind === kind);
  return ofKind[ofKind.length - 1] ?? null;
}

/** Contacts of one incident in the order they happened. */
export function contactsTimeline(entries: Iterable<ContactLogEntry>, incidentId: string): ContactLogEntry[] {
  return [...entries].filter((c) => c.incidentId === incidentId).sort((a, b) => (a.when < b.when ? -1 : a.when > b.when ? 1 : byClock(a, b)));
}
