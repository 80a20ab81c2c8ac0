/**
 * Timeline lines for the disclosure part's events: what was typed into the PPC draft, the
 * assumptions, filings, the contact log, statements and notices — who approved included —
 * and the closing part's recurrence plan and PDCA reports.
 */
import type { Phase } from '../../../shared/boards/model';
import type { DocKind } from '../../../shared/disclosure/events';
import type { HonbuEvent } from '../../../shared/events/event';
import { isKnownEvent, type AnyEvent } from '../../../shared/events/registry';
import type { PpcDraftFields } from '../../../shared/disclosure/ppc-fields';
import type { RegulatorSettings } from '../../../shared/disclosure/regulator';
import { formatCalendarDate, formatCount, formatDateTime } from '../ui/format';
import type { T } from './doc-lang';

const SHORT = 60;
const short = (text: string) => (text.length > SHORT ? `${text.slice(0, SHORT)}…` : text);

function ppcValue(t: T, key: keyof PpcDraftFields, value: unknown): string {
  if (key === 'gdprRecords') return typeof value === 'number' ? formatCount(value, t.lang)! : t('disclosureTimeline.empty');
  if (value === null) return t('disclosureTimeline.resetAuto');
  if (key === 'stage') return t(`ppc.stages.${value as 'final'}`);
  if (key === 'medium') return t(`ppc.media.${value as 'paper'}`);
  if (key === 'causedBy') return t(`ppc.causers.${value as 'self'}`);
  if (key === 'reportDate' && typeof value === 'string' && value !== '') return formatCalendarDate(value, t.lang);
  if (key === 'subjects') return (value as string[]).map((s) => t(`ppc.subjectNames.${s as 'customers'}`)).join(t.dict.facts.listSeparator) || t('disclosureTimeline.empty');
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text === '' ? t('disclosureTimeline.empty') : short(text);
}

function ppcField(t: T, key: keyof PpcDraftFields): string {
  if (key === 'stage') return t('ppc.stage');
  if (key === 'reportDate') return t('ppc.reportDate');
  return t(`ppc.fields.${key}`);
}

function settingValue(t: T, key: keyof RegulatorSettings, value: unknown): string {
  if (value === null) return key === 'improperPurpose' || key === 'financialHarmRisk' ? t('regulator.unknown') : t('disclosureTimeline.empty');
  if (typeof value === 'boolean') return value ? t('regulator.yes') : t('regulator.no');
  if (key === 'learnedAt' || key === 'awareAt') return formatDateTime(String(value), t.lang);
  return short(String(value)) || t('disclosureTimeline.empty');
}

const SETTING_LABEL: Record<keyof RegulatorSettings, Parameters<T>[0]> = {
  learnedAt: 'regulator.learnedAt',
  improperPurpose: 'regulator.improperPurpose',
  financialHarmRisk: 'regulator.financialHarmRisk',
  encryptedAdvanced: 'regulator.encrypted',
  allRecoveredUnseen: 'regulator.recovered',
  contractor: 'regulator.contractor',
  contractorName: 'regulator.contractorName',
  client: 'regulator.client',
  clientName: 'regulator.clientName',
  jointFiling: 'regulator.jointFilingChoice',
  euResidents: 'regulator.euResidents',
  awareAt: 'regulator.awareAt',
};

/** A field of the disclosure row as the edits name it ('ppc.cause', 'settings.learnedAt'): its label and a value in words. */
export function editedFieldWords(t: T, field: string, value?: unknown): { label: string; value: string } {
  const [group, key] = [field.slice(0, field.indexOf('.')), field.slice(field.indexOf('.') + 1)];
  if (group === 'settings' && key in SETTING_LABEL) {
    const k = key as keyof RegulatorSettings;
    return { label: t(SETTING_LABEL[k]), value: value === undefined ? '' : settingValue(t, k, value) };
  }
  const k = key as keyof PpcDraftFields;
  // Only the label when no value is asked for: a choice's words exist only for its values.
  return { label: ppcField(t, k), value: value === undefined ? '' : ppcValue(t, k, value) };
}

export function disclosureSummary(t: T, event: HonbuEvent, actorName: (id: string) => string): { summary: string; phase: Phase } | null {
  if (!isKnownEvent(event)) return null;
  const e: AnyEvent = event;
  const change = (field: string, value: string) => t('disclosureTimeline.change', { field, value });
  const list = (parts: string[]) => parts.join(t.dict.facts.listSeparator);
  const docWords = (kind: DocKind, version: number) => ({
    doc: t(`disclosureTimeline.docs.${kind}`),
    v: version,
    sectionNames: (kind === 'statement' ? t.dict.statements.sectionNames : t.dict.notices.sectionNames) as Record<string, string>,
  });
  switch (e.type) {
    case 'disclosure.ppc-draft-edited': {
      const changes = (Object.entries(e.payload.changes) as [keyof PpcDraftFields, unknown][]).map(([k, v]) => change(ppcField(t, k), ppcValue(t, k, v)));
      return { summary: t('disclosureTimeline.ppcEdited', { changes: list(changes) }), phase: 'direction' };
    }
    case 'disclosure.settings-changed': {
      const changes = (Object.entries(e.payload.changes) as [keyof RegulatorSettings, unknown][])
        .filter(([k]) => k in SETTING_LABEL)
        .map(([k, v]) => change(t(SETTING_LABEL[k]), settingValue(t, k, v)));
      return { summary: t('disclosureTimeline.settingsChanged', { changes: list(changes) }), phase: 'direction' };
    }
    case 'disclosure.report-filed': {
      const kind = t(`closingDoc.filingKinds.${e.payload.kind}`);
      const at = formatDateTime(e.payload.filedAt, t.lang);
      const reference = e.payload.reference ?? '';
      if (e.payload.corrects) {
        return { summary: reference ? t('disclosureTimeline.filingCorrectedWithReference', { kind, at, reference }) : t('disclosureTimeline.filingCorrected', { kind, at }), phase: 'direction' };
      }
      return { summary: reference ? t('disclosureTimeline.filedWithReference', { kind, at, reference }) : t('disclosureTimeline.filed', { kind, at }), phase: 'direction' };
    }
    case 'disclosure.override-seen':
      return { summary: t('disclosureTimeline.overrideSeen', { field: editedFieldWords(t, e.payload.field).label }), phase: 'direction' };
    case 'disclosure.contact-logged':
      return { summary: t('disclosureTimeline.contactLogged', { party: t(`contactsLog.parties.${e.payload.party}`), who: e.payload.who }), phase: 'direction' };
    case 'disclosure.decision-recorded':
      return { summary: t('disclosureTimeline.decisionRecorded'), phase: 'statement' };
    case 'incident.prevention-planned': {
      const { point, measure } = e.payload;
      return { summary: t('disclosureTimeline.prevention', { point: t(`recurrence.points.${point}`), measures: short(measure.measures) || t('disclosureTimeline.empty') }), phase: 'countermeasures' };
    }
    case 'incident.pdca-reported': {
      const x = e.payload;
      return { summary: t('disclosureTimeline.pdca', { stage: t(`closing.stages.${x.stage}`), text: short(x.text), by: x.reportedBy, to: x.reportedTo }), phase: 'countermeasures' };
    }
    case 'disclosure.statement-drafted':
    case 'disclosure.notice-drafted': {
      const { doc, v } = docWords(e.type === 'disclosure.statement-drafted' ? 'statement' : 'notice', e.payload.version);
      return { summary: t('disclosureTimeline.drafted', { doc, v }), phase: 'statement' };
    }
    case 'disclosure.statement-section-edited':
    case 'disclosure.notice-section-edited': {
      const { doc, v, sectionNames } = docWords(e.type === 'disclosure.statement-section-edited' ? 'statement' : 'notice', e.payload.version);
      return { summary: t('disclosureTimeline.sectionEdited', { doc, v, section: sectionNames[e.payload.key] ?? e.payload.key }), phase: 'statement' };
    }
    case 'disclosure.statement-approved':
    case 'disclosure.notice-approved': {
      const { doc, v } = docWords(e.type === 'disclosure.statement-approved' ? 'statement' : 'notice', e.payload.version);
      // By the member's current name when known; the name of the day otherwise (older approvals were typed).
      const by = typeof e.payload.approverId === 'string' ? actorName(e.payload.approverId) : e.payload.approvedBy;
      return { summary: t('disclosureTimeline.approved', { doc, v, by }), phase: 'statement' };
    }
    case 'disclosure.statement-published':
    case 'disclosure.notice-published': {
      const { doc, v } = docWords(e.type === 'disclosure.statement-published' ? 'statement' : 'notice', e.payload.version);
      const against = e.payload.againstDecision;
      if (against) return { summary: t('disclosureTimeline.publishedAgainst', { doc, v, reason: short(against.reason) }), phase: 'statement' };
      return { summary: t('disclosureTimeline.published', { doc, v }), phase: 'statement' };
    }
  }
  return null;
}
