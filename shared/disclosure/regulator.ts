/**
 * The disclosure decision and the regulator side: settings that drive the legal clocks,
 * filings, and the log of calls to the police, ministries, card companies and the PPC
 * (004 §8-⑬). One `disclosure` row per incident and one `contacts-log` row per contact.
 * Folds are pure and reach the same rows in any order: settings are last-writer-wins per
 * field by HLC, histories are sorted by clock and de-duplicated by it.
 */
import type { HonbuEvent } from '../events/event';
import { mergeLww, type ProjectionSpec } from '../events/projection';
import { isDisclosurePartEvent, type ContactParty, type DisclosureDecision, type DisclosureEvent, type FilingKind, type Rating, type RegulatorSettings } from './events';
import { EMPTY_PPC_FIELDS, type PpcDraftFields } from './ppc-fields';
import { withDismissal, withWrite, type FieldEdits } from '../events/field-edits';

export {
  CHANNELS,
  CONTACT_PARTIES,
  FILING_KINDS,
  QUALITATIVE_INDICATORS,
  QUANTITATIVE_INDICATORS,
  RATINGS,
  VIEWPOINTS,
} from './events';
export type {
  Channel,
  ContactParty,
  DisclosureDecision,
  FilingKind,
  QualitativeIndicator,
  QuantitativeIndicator,
  Rating,
  RegulatorSettings,
  Viewpoint,
} from './events';

export interface ViewpointAssessment {
  note: string;
  /** null while the viewpoint has not been weighed. */
  rating: Rating | null;
}

export interface RecordedDecision extends DisclosureDecision {
  at: string;
  recordedBy: string;
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
  /** The clock of the filing this one corrected, if it is a correction. */
  corrects?: string;
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
  /** Filings in force, by when they were filed; a corrected filing is not among them. */
  filings: Filing[];
  /**
   * Clocks of filings that a correction replaced. Kept (not only dropped) so a corrected
   * filing that arrives from another laptop after its correction is dropped too.
   */
  corrected?: string[];
  updatedAt: string;
  /** `settings.<field>` → HLC of the event that last set it. */
  stamps: Record<string, string>;
  /** `ppc.<field>` / `settings.<field>` → who wrote what, to tell a person their edit was overwritten. */
  edits?: Record<string, FieldEdits>;
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

type RowEvent = Extract<
  DisclosureEvent,
  { type: 'disclosure.decision-recorded' | 'disclosure.settings-changed' | 'disclosure.report-filed' | 'disclosure.ppc-draft-edited' | 'disclosure.override-seen' }
>;
export type ContactLogged = Extract<DisclosureEvent, { type: 'disclosure.contact-logged' }>;

const ROW_TYPES = new Set<string>(['disclosure.decision-recorded', 'disclosure.settings-changed', 'disclosure.report-filed', 'disclosure.ppc-draft-edited', 'disclosure.override-seen']);

/** An event that changes an incident's disclosure row. */
export function isDisclosureEvent(e: HonbuEvent): e is RowEvent & { incidentId: string } {
  return isDisclosurePartEvent(e) && ROW_TYPES.has(e.type) && e.incidentId !== null;
}

function isContactLogged(e: HonbuEvent): e is ContactLogged & { incidentId: string } {
  return isDisclosurePartEvent(e) && e.type === 'disclosure.contact-logged' && e.incidentId !== null;
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

/** Who wrote each known field of an edit, and the stamp it started from. */
function recordEdits(
  row: DisclosureRow,
  prefix: 'settings' | 'ppc',
  known: object,
  e: HonbuEvent & { payload: { changes: object; seen?: Record<string, string> | undefined } },
): DisclosureRow {
  const edits = { ...row.edits };
  for (const [k, value] of Object.entries(e.payload.changes)) {
    if (!(k in known) || value === undefined) continue;
    edits[`${prefix}.${k}`] = withWrite(edits[`${prefix}.${k}`], { value, at: e.at, actor: e.actor, eventId: e.id }, e.payload.seen?.[k]);
  }
  return { ...row, edits };
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
  // An acknowledged overwrite of a document section belongs to that document's row, not this one.
  keys: (e) => (isDisclosureEvent(e) && !(e.type === 'disclosure.override-seen' && e.payload.doc) ? [e.incidentId] : []),
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
      case 'disclosure.settings-changed':
        next = recordEdits(mergeSettings(next, e.payload.changes, e.at), 'settings', DEFAULT_SETTINGS, e);
        break;
      case 'disclosure.ppc-draft-edited':
        next = recordEdits(mergePpc(next, e.payload.changes, e.at), 'ppc', EMPTY_PPC_FIELDS, e);
        break;
      case 'disclosure.override-seen':
        next = { ...next, edits: { ...next.edits, [e.payload.field]: withDismissal(next.edits?.[e.payload.field], e.actor, e.payload.eventId) } };
        break;
      case 'disclosure.report-filed': {
        const corrected = next.corrected ?? [];
        if (next.filings.some((f) => f.at === e.at)) break;
        const { kind, filedAt, reference = '', note = '', corrects } = e.payload;
        const filing: Filing = { kind, filedAt, reference, note, at: e.at, recordedBy: e.actor, ...(corrects ? { corrects } : {}) };
        // A correction already corrected in turn (its own correction arrived first) still
        // retires the filing it replaced, or that typo would come back when it arrives.
        const retired = corrects && !corrected.includes(corrects) ? [...corrected, corrects].sort() : corrected;
        const filings = (corrected.includes(e.at) ? next.filings : [...next.filings, filing])
          .filter((f) => !retired.includes(f.at))
          .sort((a, b) => (a.filedAt < b.filedAt ? -1 : a.filedAt > b.filedAt ? 1 : byClock(a, b)));
        next = { ...next, filings, ...(retired.length > 0 ? { corrected: retired } : {}) };
        break;
      }
    }
    return { ...next, updatedAt: e.at > next.updatedAt ? e.at : next.updatedAt };
  },
  index: (row) => ({ updatedAt: row.updatedAt }),
};

export const contactsLogProjection: ProjectionSpec<ContactLogEntry> = {
  table: 'contacts-log',
  keys: (e) => (isContactLogged(e) ? [e.payload.contactId] : []),
  reduce(row, e, key) {
    if (!isContactLogged(e)) return row ?? null;
    // A correction is logged again under the same id; the later clock wins.
    if (row && row.at >= e.at) return row;
    const { party, who, when, notes } = e.payload;
    return { id: key, incidentId: e.incidentId, party, who, when, notes, at: e.at, recordedBy: e.actor };
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
