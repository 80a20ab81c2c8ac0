/**
 * The disclosure part's events: the disclosure decision, the regulator side (settings,
 * filings, the contact log, the PPC draft), statements and notices. Type → payload schema;
 * payload types are inferred from the schemas. Folds live in regulator.ts and doc-versions.ts.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';
import { factsSchema } from '../incident/model';
import { ppcDraftFieldsSchema } from './ppc-fields';

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

export const DOC_LANGS = ['ja', 'en'] as const;
export type DocLang = (typeof DOC_LANGS)[number];

const viewpointSchema = v.object({ note: v.string(), rating: v.nullable(v.picklist(RATINGS)) });

export const disclosureDecisionSchema = v.object({
  viewpoints: v.object(Object.fromEntries(VIEWPOINTS.map((k) => [k, viewpointSchema])) as Record<Viewpoint, typeof viewpointSchema>),
  qualitative: v.array(v.picklist(QUALITATIVE_INDICATORS)),
  quantitative: v.array(v.picklist(QUANTITATIVE_INDICATORS)),
  publish: v.boolean(),
  why: v.string(),
  channels: v.array(v.picklist(CHANNELS)),
  timing: v.object({ plannedAt: v.nullable(v.string()), note: v.string() }),
  /** Timing agreed with client companies before publishing (004 §8-⑬). */
  clientCoordination: v.object({ needed: v.boolean(), note: v.string() }),
  /** Who took the decision (may differ from who recorded it), by name. */
  decidedBy: v.string(),
  /** The member who decided (a person id), or null when the decider is not a member. */
  deciderId: v.optional(v.nullable(v.string())),
});

export const regulatorSettingsSchema = v.object({
  /** When the company learned of the leak (知った時点): starts the PPC clocks. */
  learnedAt: v.nullable(v.string()),
  improperPurpose: v.nullable(v.boolean()),
  financialHarmRisk: v.nullable(v.boolean()),
  encryptedAdvanced: v.boolean(),
  allRecoveredUnseen: v.boolean(),
  /** A contractor (委託先) handled the data: both report, possibly jointly. */
  contractor: v.boolean(),
  contractorName: v.string(),
  /** We handled the data for a client (委託元): it reports too. */
  client: v.boolean(),
  clientName: v.string(),
  /** The report is filed jointly with the contractor or client (連名). */
  jointFiling: v.boolean(),
  euResidents: v.boolean(),
  /** When the company became aware under the GDPR: starts the 72-hour clock. */
  awareAt: v.nullable(v.string()),
});

export const statementSectionSchema = v.object({
  /** A StatementSectionKey, or the team's own key for a section they added. */
  key: v.string(),
  text: v.string(),
});

/** Field → the stamp it showed when the edit began, so an overwrite is told from a correction (shared/events/field-edits.ts). */
const seenSchema = v.optional(v.record(v.string(), v.string()));

const version = v.pipe(v.number(), v.integer(), v.minValue(1));

/** The four events of a versioned document (statement or notice). */
const docEvents = {
  drafted: v.object({ version, sections: v.array(statementSectionSchema), lang: v.optional(v.picklist(DOC_LANGS)) }),
  /** `seen`: the section's stamp when the edit began, so an overwrite is told from a correction. */
  'section-edited': v.object({ version, key: v.string(), text: v.string(), seen: v.optional(v.string()) }),
  approved: v.object({
    version,
    approverId: v.optional(v.string()),
    /** The approver's name (older events carried only this, typed by hand). */
    approvedBy: v.string(),
    sections: v.array(statementSectionSchema),
    factsSnapshot: factsSchema,
  }),
  published: v.object({
    version,
    /**
     * Published although the recorded disclosure decision said not to publish: the person
     * confirmed it, and why. The decision's clock names which decision was set aside.
     */
    againstDecision: v.optional(v.object({ decisionAt: v.string(), reason: v.string() })),
  }),
} as const;

export const disclosureEvents = {
  'disclosure.decision-recorded': disclosureDecisionSchema,
  'disclosure.settings-changed': v.object({ changes: v.partial(regulatorSettingsSchema), seen: seenSchema }),
  'disclosure.report-filed': v.object({
    kind: v.picklist(FILING_KINDS),
    filedAt: v.string(),
    reference: v.optional(v.string()),
    note: v.optional(v.string()),
    /** The clock of the filing this one corrects (a typo in its time or receipt number): that one no longer counts. */
    corrects: v.optional(v.string()),
  }),
  'disclosure.contact-logged': v.object({ contactId: v.string(), party: v.picklist(CONTACT_PARTIES), who: v.string(), when: v.string(), notes: v.string() }),
  'disclosure.ppc-draft-edited': v.object({ changes: v.partial(ppcDraftFieldsSchema), seen: seenSchema }),
  /** I saw that another laptop's edit replaced mine on this field (`ppc.cause`, `settings.learnedAt`): stop telling me. */
  'disclosure.override-seen': v.object({
    field: v.string(),
    eventId: v.string(),
    /** Set when the field is a section of a statement or notice version (`section.<key>`). */
    doc: v.optional(v.object({ kind: v.picklist(['statement', 'notice'] as const), version })),
  }),
  'disclosure.statement-drafted': docEvents.drafted,
  'disclosure.statement-section-edited': docEvents['section-edited'],
  'disclosure.statement-approved': docEvents.approved,
  'disclosure.statement-published': docEvents.published,
  'disclosure.notice-drafted': docEvents.drafted,
  'disclosure.notice-section-edited': docEvents['section-edited'],
  'disclosure.notice-approved': docEvents.approved,
  'disclosure.notice-published': docEvents.published,
} as const;

type Schemas = typeof disclosureEvents;
export type DisclosureEvent = EventOf<Schemas>;
export type DisclosureDecision = v.InferOutput<typeof disclosureDecisionSchema>;
export type RegulatorSettings = v.InferOutput<typeof regulatorSettingsSchema>;
export type StatementSection = v.InferOutput<typeof statementSectionSchema>;
export type DraftedPayload = PayloadIn<Schemas, 'disclosure.statement-drafted'>;
export type SectionEditedPayload = PayloadIn<Schemas, 'disclosure.statement-section-edited'>;
export type ApprovedPayload = PayloadIn<Schemas, 'disclosure.statement-approved'>;
export type PublishedPayload = PayloadIn<Schemas, 'disclosure.statement-published'>;

export const isDisclosurePartEvent = eventGuard(disclosureEvents);

/** The kinds of versioned documents, each with its four events `disclosure.<kind>-<verb>`. */
export type DocKind = 'statement' | 'notice';
export type DocVerb = keyof typeof docEvents;
export type DocEvent = Extract<DisclosureEvent, { type: `disclosure.${DocKind}-${DocVerb}` }>;

/** The type of one of a document's events: `disclosure.statement-approved`… */
export function docType<K extends DocKind, V extends DocVerb>(kind: K, verb: V) {
  return `disclosure.${kind}-${verb}` as const;
}

const DOC_TYPES = new Set<string>((['statement', 'notice'] as const).flatMap((k) => (Object.keys(docEvents) as DocVerb[]).map((verb) => docType(k, verb))));

export function isDocEvent(e: DisclosureEvent): e is DocEvent {
  return DOC_TYPES.has(e.type);
}
