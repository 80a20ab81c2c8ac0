/**
 * The documents that leave the building, described for the release gate: each one names
 * itself (the id an override refers to), says what people call it, and gives the text
 * that goes out — the same text the export writes, so the gate checks exactly that.
 */
import type { Channel } from '../../../shared/contacts/model';
import type { PpcReportDraft, GdprNoticeDraft } from '../../../shared/disclosure/ppc-report';
import type { Statement } from '../../../shared/disclosure/statement-events';
import type { StatementSection } from '../../../shared/disclosure/statement';
import type { OutgoingDocument } from '../../../shared/outgoing/unfilled';
import type { RenderedFaq } from '../faq/faq-render';
import type { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/workspace-store';

type T = ReturnType<typeof useT>;

/** The published FAQ: web HTML, Markdown and the printed handbook carry the same answers. */
export function faqPublicationDocument(t: T, published: RenderedFaq[]): OutgoingDocument {
  return {
    id: 'faq-publication',
    kind: 'faq-publication',
    title: t('outgoing.documents.faqPublication'),
    parts: published.map((f) => ({ where: f.question, text: f.answer })),
  };
}

/** One answer an operator copies into a reply. */
export function faqAnswerDocument(t: T, entryId: string, question: string, answer: string): OutgoingDocument {
  return {
    id: `faq-answer:${entryId}`,
    kind: 'faq-answer',
    title: t('outgoing.documents.faqAnswer', { question }),
    parts: [{ where: question, text: answer }],
  };
}

/**
 * A statement version as it is exported: its sections rendered from the facts it shows
 * (a published version keeps the facts it was approved with).
 */
export function statementDocument(t: T, data: Pick<OpenIncident, 'incident'>, statement: Statement, shown: StatementSection[]): OutgoingDocument {
  const names = t.dict.statements.sectionNames as Record<string, string>;
  const snapshot = statement.state === 'published' && statement.factsSnapshot ? statement.factsSnapshot : null;
  return {
    id: `statement:${statement.version}`,
    kind: 'statement',
    title: t('outgoing.documents.statement', { version: t('statements.version', { v: statement.version }) }),
    parts: shown.map((s) => ({ where: names[s.key] ?? s.key, template: s.text })),
    context: snapshot ? { title: data.incident.title, facts: snapshot } : undefined,
  };
}

/** The regulator report draft, whole (print) or the items being copied. */
export function ppcDocument(
  t: T,
  draft: Pick<PpcReportDraft, 'stage' | 'items'>,
  gdpr: Pick<GdprNoticeDraft, 'fields'> | null,
  only?: string,
): OutgoingDocument {
  const items = draft.items.map((i) => ({ key: i.key as string, where: t(`ppc.items.${i.key}`), text: i.value }));
  const fields = (gdpr?.fields ?? []).map((f) => ({ key: `gdpr.${f.key}`, where: t(`ppc.gdprFields.${f.key}`), text: f.value }));
  return {
    id: `ppc:${draft.stage}`,
    kind: 'ppc-draft',
    title: t('outgoing.documents.ppc', { stage: t(`ppc.stages.${draft.stage}`) }),
    parts: [...items, ...fields].filter((p) => only === undefined || p.key === only).map(({ where, text }) => ({ where, text })),
  };
}

/** The notice to individuals as shown on the notices screen: the letter, the e-mail, the public notice. */
export function noticeDocument(t: T, which: 'letter' | 'email' | 'publicNotice', text: string): OutgoingDocument {
  const name = t(`notices.${which}`);
  return { id: `notice-${which}`, kind: 'notice', title: t('outgoing.documents.notice', { which: name }), parts: [{ where: t('outgoing.documents.body'), text }] };
}

export interface BatchRef {
  batchId: string;
  channel: Channel;
  rows: readonly number[];
}

/** What people call a batch: its channel and size. */
export function batchName(t: T, b: BatchRef): string {
  return `${t(`contacts.channels.${b.channel}`)} ${t('contacts.batches.rows', { n: new Intl.NumberFormat().format(b.rows.length) })}`;
}

/** The letters of one batch: every page carries the same body. */
export function letterBatchDocument(t: T, b: BatchRef, letter: string): OutgoingDocument {
  return { id: `letters:${b.batchId}`, kind: 'letters', title: t('outgoing.documents.letters', { batch: batchName(t, b) }), parts: [{ where: t('outgoing.documents.body'), text: letter }] };
}

/** The e-mail of one batch: the recipient list goes out to send this text. */
export function emailBatchDocument(t: T, b: BatchRef, email: string): OutgoingDocument {
  return { id: `email:${b.batchId}`, kind: 'email', title: t('outgoing.documents.email', { batch: batchName(t, b) }), parts: [{ where: t('outgoing.documents.body'), text: email }] };
}
