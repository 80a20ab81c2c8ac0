/**
 * The documents that go out, built once from the records and written out as the print
 * view, HTML, Markdown and text alike (shared/disclosure/document.ts). Each is in its own
 * language, carries the company's name and a real date, and never an internal stamp.
 */
import { companyName, representativeLine, type CompanyFields } from '../../../shared/company/profile';
import type { VersionedDoc } from '../../../shared/disclosure/doc-versions';
import { documentText, type Block, type DocumentModel } from '../../../shared/disclosure/document';
import type { GdprNoticeDraft, PpcReportDraft } from '../../../shared/disclosure/ppc-report';
import type { RecordedDecision } from '../../../shared/disclosure/regulator';
import { followUpChanges, followUpNumber, latestPublished } from '../../../shared/disclosure/statement-events';
import type { FactKey, Facts } from '../../../shared/incident/model';
import type { FactConflict } from '../../../shared/incident/validate';
import { factText } from '../incidents/FactList';
import { hlcIso, locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import { documentDate, tFor, type T } from './doc-lang';
import { conflictText } from './labels';
import { renderStatement } from './statement-render';

type Company = CompanyFields | null;

function sender(company: Company, lang: 'ja' | 'en'): string[] {
  if (!company) return [];
  return [companyName(company, lang), representativeLine(company, lang)];
}

/** The words a version was approved (or published) with, and the facts they quote. */
export function wordsOf(doc: VersionedDoc, live: Facts): { sections: VersionedDoc['sections']; facts: Facts } {
  const sections = doc.state === 'published' && doc.publishedSections ? doc.publishedSections : doc.sections;
  const facts = doc.state !== 'draft' && doc.factsSnapshot ? doc.factsSnapshot : live;
  return { sections, facts };
}

function paragraphs(t: T, doc: VersionedDoc, live: Facts, title: string): string[] {
  const { sections, facts } = wordsOf(doc, live);
  return renderStatement(title, '', sections, facts, { labels: renderLabels(t.dict), locale: locale(t.lang), unknownMarker: t.dict.statements.unknownPlaceholder }).paragraphs;
}

export function statementHeadline(t: T, version: number): string {
  return version === 1 ? t('statements.headline') : t('statements.followUpHeadline', { n: followUpNumber(version) });
}

/** "確定件数：12,000 → 12,480", each change since the statement published before this one. */
export function changeLines(t: T, changes: { field: FactKey; before: unknown; after: unknown }[]): string[] {
  return changes.map((c) => t('statements.changeLine', { fact: t(`facts.${c.field}`), before: factText(t, c.field, c.before), after: factText(t, c.field, c.after) }));
}

export interface StatementDocInput {
  statement: VersionedDoc;
  statements: readonly VersionedDoc[];
  facts: Facts;
  company: Company;
  decision: RecordedDecision | null;
  title: string;
  now: number;
}

export function statementDocument(input: StatementDocInput): DocumentModel {
  const { statement } = input;
  const t = tFor(statement.lang);
  const date = statement.publishedAt ? hlcIso(statement.publishedAt) : (input.decision?.timing.plannedAt ?? input.now);
  const blocks: Block[] = [];
  const changes = followUpChanges(input.statements as VersionedDoc[], statement, input.facts);
  const previous = latestPublished(input.statements, statement.version);
  if (changes && previous?.publishedAt) {
    // A follow-up says first what is new: readers of the last notice look for that.
    blocks.push({ kind: 'heading', text: t('statements.whatChanged', { date: documentDate(hlcIso(previous.publishedAt), t.lang) }) });
    blocks.push(changes.length > 0 ? { kind: 'list', items: changeLines(t, changes) } : { kind: 'paragraph', text: t('statements.whatChangedNone') });
    blocks.push({ kind: 'heading', text: t('statements.bodyHeading') });
  }
  blocks.push(...paragraphs(t, statement, input.facts, input.title).map((text): Block => ({ kind: 'paragraph', text })));
  return {
    lang: statement.lang,
    date: documentDate(date, statement.lang),
    to: [],
    from: sender(input.company, statement.lang),
    title: statementHeadline(t, statement.version),
    draftMark: statement.state === 'draft' ? t('statements.draftMark') : null,
    blocks,
    closing: t('statements.closing'),
  };
}

export interface NoticeDocInput {
  notice: VersionedDoc;
  facts: Facts;
  company: Company;
  title: string;
  now: number;
  /** The addressee's name; the placeholder "（お名前）" when previewing. */
  recipient?: string;
}

function noticeBody(t: T, input: NoticeDocInput): Block[] {
  const { sections, facts } = wordsOf(input.notice, input.facts);
  const names = t.dict.notices.sectionNames as Record<string, string>;
  const opts = { labels: renderLabels(t.dict), locale: locale(t.lang), unknownMarker: t.dict.statements.unknownPlaceholder };
  // Each section under its heading (■概要 …); a section left empty is left out.
  return sections.flatMap((s): Block[] => {
    const text = renderStatement(input.title, '', [s], facts, opts).paragraphs[0];
    return text ? [{ kind: 'heading', text: names[s.key] ?? s.key }, { kind: 'paragraph', text }] : [];
  });
}

function noticeDate(input: NoticeDocInput): string {
  const n = input.notice;
  return documentDate(n.publishedAt ? hlcIso(n.publishedAt) : n.approvedAt ? hlcIso(n.approvedAt) : input.now, n.lang);
}

/** The letter: addressee, date and sender, title, opening, the five items, closing. */
export function noticeDocument(input: NoticeDocInput): DocumentModel {
  const t = tFor(input.notice.lang);
  return {
    lang: input.notice.lang,
    date: noticeDate(input),
    to: [t('notices.letterGreeting', { name: input.recipient ?? t('notices.customerPlaceholder') })],
    from: sender(input.company, input.notice.lang),
    title: t('notices.letterTitle'),
    draftMark: input.notice.state === 'draft' ? t('statements.draftMark') : null,
    blocks: [{ kind: 'paragraph', text: t('notices.letterOpening') }, ...noticeBody(t, input), { kind: 'paragraph', text: t('notices.letterClosing'), align: 'right' }],
    closing: t('statements.closing'),
  };
}

/** The e-mail: subject line, then the same words as the letter, signed by the company. */
export function noticeEmailText(input: NoticeDocInput): string {
  const t = tFor(input.notice.lang);
  const doc = noticeDocument(input);
  const body = documentText({ ...doc, date: null, to: [], from: [], title: '', draftMark: doc.draftMark, closing: null }).trim();
  return [
    `${t('notices.emailSubjectLabel')}${t('notices.emailSubject')}`,
    '',
    // The whole greeting is one placeholder: the recipient list's 宛名 column holds "name 様",
    // or お客様 for a customer listed without a name (never a bare 様).
    input.recipient ? doc.to.join('\n') : t('notices.addresseePlaceholder'),
    '',
    body.replace(/\n{3,}/g, '\n\n'),
    '',
    ...sender(input.company, input.notice.lang).filter((l) => l.trim() !== ''),
    doc.date ?? '',
    '',
  ].join('\n');
}

/** The public notice for those who cannot be reached (代替措置): the same items, addressed to them. */
export function publicNoticeText(input: NoticeDocInput): string {
  const t = tFor(input.notice.lang);
  const doc = noticeDocument(input);
  return documentText({ ...doc, to: [], title: t('notices.publicNoticeLead'), blocks: [...noticeBody(t, input), { kind: 'paragraph', text: t('notices.publicNoticeCheck') }] });
}

/** The letter body the customer-list batches print under each address (no addressee). */
export function noticeLetterText(input: NoticeDocInput): string {
  return documentText({ ...noticeDocument(input), to: [] });
}

/**
 * The PPC draft as a document. Counts that contradict each other (two laptops' edits merged) are
 * quoted as stored, each followed by a line for whoever transcribes it: ［要確認］ what crosses and
 * which to check. Such a draft is not fileable: printed or saved as Word it is marked at the top
 * as a draft under check, not to be filed as it is (as a statement's draft is marked), until the
 * counts are corrected.
 */
export function ppcDocument(t: T, draft: PpcReportDraft, gdpr: GdprNoticeDraft | null): DocumentModel {
  const missing = t('ppc.missing');
  const checks = (conflicts: readonly FactConflict[]): Block[] => conflicts.map((c): Block => ({ kind: 'paragraph', text: `［${t('ppc.check')}］${conflictText(t, c)}` }));
  const blocks: Block[] = [
    { kind: 'paragraph', text: t('ppc.docLead') },
    { kind: 'heading', text: t('ppc.reporter') },
    { kind: 'fields', rows: draft.reporter.map((r) => ({ label: t(`ppc.reporterFields.${r.key}`), value: r.value, missing: r.missing })) },
    { kind: 'heading', text: t('ppc.report') },
    {
      kind: 'fields',
      rows: [
        { label: t('ppc.stage'), value: t(`ppc.stages.${draft.stage}`) },
        { label: t('ppc.reportDate'), value: documentDate(draft.reportDate, t.lang) },
        { label: t('ppc.myNumber'), value: draft.myNumberInvolved ? t('ppc.myNumberYes') : t('ppc.myNumberNo') },
      ],
    },
  ];
  for (const item of draft.items) {
    blocks.push({ kind: 'heading', text: t(`ppc.items.${item.key}`) });
    blocks.push({ kind: 'paragraph', text: item.value.trim() === '' ? `［${missing}］` : item.value });
    blocks.push(...checks(item.conflicts));
  }
  if (gdpr) {
    blocks.push({ kind: 'heading', text: t('ppc.gdprTitle') });
    blocks.push({ kind: 'fields', rows: gdpr.fields.map((f) => ({ label: t(`ppc.gdprFields.${f.key}`), value: f.value, missing: f.missing })) });
    blocks.push(...checks(gdpr.fields.flatMap((f) => f.conflicts)));
  }
  return {
    lang: t.lang,
    date: null,
    to: [],
    from: [],
    title: t('ppc.docTitle', { stage: t(`ppc.stages.${draft.stage}`) }),
    draftMark: draft.conflicts.length > 0 || (gdpr?.fields.some((f) => f.conflicts.length > 0) ?? false) ? t('ppc.notFinalMark') : null,
    blocks,
    closing: null,
  };
}
