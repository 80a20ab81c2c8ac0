/**
 * The documents that leave the building, described for the release gate: each one names
 * itself (the id an override refers to), says what people call it, and gives the text
 * that goes out — the same text the export writes, so the gate checks exactly that.
 */
import type { Channel } from '../../../shared/contacts/model';
import type { DocumentModel } from '../../../shared/disclosure/document';
import type { Facts } from '../../../shared/incident/model';
import type { Language } from '../../../shared/ipc/contract';
import type { OutgoingDocument, OutgoingKind, OutgoingPart } from '../../../shared/outgoing/unfilled';
import type { RenderedFaq } from '../faq/faq-render';
import { DICTIONARIES, type useT } from '../i18n/i18n';
import { renderLabels } from '../ui/render-labels';

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

/** The texts of a built document (print, HTML, Markdown and text are all written from it), each under its heading. */
function modelParts(t: T, model: DocumentModel): OutgoingPart[] {
  const parts: OutgoingPart[] = [];
  let where = model.title || t('outgoing.documents.body');
  const head = [model.title, ...model.to, ...model.from].filter((l) => l.trim() !== '');
  if (head.length > 0) parts.push({ where, text: head.join('\n') });
  for (const block of model.blocks) {
    if (block.kind === 'heading') where = block.text;
    else if (block.kind === 'paragraph') parts.push({ where, text: block.text });
    else if (block.kind === 'list') parts.push({ where, text: block.items.join('\n') });
    else if (block.kind === 'fields') parts.push(...block.rows.map((r) => ({ where: r.label, text: r.value })));
  }
  return parts;
}

/**
 * A document as it leaves (statement, notice letter, regulator draft): the same built
 * model the exports write, checked in the language it is written in.
 */
export function modelDocument(t: T, doc: { id: string; kind: OutgoingKind; title: string }, model: DocumentModel): OutgoingDocument {
  return { ...doc, parts: modelParts(t, model), labels: renderLabels(DICTIONARIES[model.lang]) };
}

/**
 * A versioned document (a statement) by its sections: each section's template is checked
 * against the facts the version quotes, so the gate names the section and its line.
 */
export function sectionsDocument(
  doc: { id: string; kind: OutgoingKind; title: string },
  words: { sections: readonly { key: string; text: string }[]; facts: Facts },
  context: { title: string; lang: Language; sectionName: (key: string) => string },
): OutgoingDocument {
  return {
    ...doc,
    parts: words.sections.map((s) => ({ where: context.sectionName(s.key), template: s.text })),
    context: { title: context.title, facts: words.facts },
    labels: renderLabels(DICTIONARIES[context.lang]),
  };
}

/** Text that leaves as it is (the notice's e-mail, the public notice, one copied item). */
export function textDocument(t: T, doc: { id: string; kind: OutgoingKind; title: string }, text: string, lang: Language = t.lang): OutgoingDocument {
  return { ...doc, parts: [{ where: t('outgoing.documents.body'), text }], labels: renderLabels(DICTIONARIES[lang]) };
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
