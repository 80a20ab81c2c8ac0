/**
 * The public statement (公表文) and its follow-ups (続報): the sections customers need
 * (001 step 3, 002) with calm default wording, and the checklist run before approval.
 * Sections quote the live facts through {{placeholders}} (render.ts) so a changed count or
 * phone number cannot leave a stale statement behind; typing a fact in by hand is flagged.
 */
import { FACT_KEYS, type FactKey, type Facts } from '../incident/model';
import { PLACEHOLDER_PATTERN, PLACEHOLDERS, type Placeholder, placeholderName } from '../incident/render';
import { diffFacts, type FieldChange } from '../incident/report-diff';
import type { StatementSection } from './events';

export const STATEMENT_SECTION_KEYS = [
  'whatHappened',
  'itemsLeaked',
  'itemsNotLeaked',
  'counts',
  'affected',
  'cause',
  'actions',
  'desk',
  'apology',
  'nextUpdate',
] as const;
export type StatementSectionKey = (typeof STATEMENT_SECTION_KEYS)[number];

export interface SectionSpec<K extends string = string> {
  key: K;
  /** Facts the section exists to state: it should quote each through its placeholder. */
  quotes: FactKey[];
  /** Default wording (fixture content, edited per incident), Japanese. */
  template: string;
  /** The same in English, for a document written in English. */
  templateEn: string;
  source: string;
}

export type StatementSectionSpec = SectionSpec<StatementSectionKey>;

export const STATEMENT_SECTIONS: readonly StatementSectionSpec[] = [
  {
    key: 'whatHappened',
    quotes: ['discoveredAt'],
    template:
      'このたび、弊社が保有するお客様の個人情報の一部が外部に流出した可能性があることが判明いたしました（判明日時：{{discoveredAt}}）。現在、事実関係の確認を進めております。',
    templateEn:
      "We have found that some of our customers' personal information may have been leaked (discovered: {{discoveredAt}}). We are establishing the facts.",
    source: '001 step 3',
  },
  {
    key: 'itemsLeaked',
    quotes: ['itemsLeaked'],
    template: '流出した可能性がある情報は、{{itemsLeaked}}です。',
    templateEn: 'The information that may have been leaked: {{itemsLeaked}}.',
    source: '002 (1)',
  },
  {
    // Customers want to know what did NOT leak as much as what did (002).
    key: 'itemsNotLeaked',
    quotes: ['itemsNotLeaked'],
    template: 'なお、{{itemsNotLeaked}}は含まれておりません。',
    templateEn: 'The following information was not included: {{itemsNotLeaked}}.',
    source: '002',
  },
  {
    // The upper bound first, so the number never has to grow (002, Benesse).
    key: 'counts',
    quotes: ['maxCount', 'confirmedCount'],
    template: '対象となるお客様は最大{{maxCount}}名で、そのうち流出が確認されたお客様は{{confirmedCount}}名です。',
    templateEn: 'Up to {{maxCount}} customers may be affected; for {{confirmedCount}} of them the leak has been confirmed.',
    source: '002 (2)',
  },
  {
    key: 'affected',
    quotes: ['services'],
    // A label, not a sentence around the name: any service name or customer group reads right after it.
    template: '対象となるサービス・お客様：{{services}}',
    // No full stop after the name either: "…, etc." or "Co., Ltd." would end in "..".
    templateEn: 'Services and customers affected: {{services}}',
    source: '002 (3)',
  },
  {
    key: 'cause',
    quotes: [],
    template: '原因につきましては現在調査を進めており、判明いたしましたら速やかにお知らせいたします。',
    templateEn: 'We are investigating the cause and will report it as soon as it is known.',
    source: '001 step 3',
  },
  {
    key: 'actions',
    quotes: [],
    template:
      '弊社では、本件の判明後ただちに対策本部を設置し、被害の拡大防止と原因の調査を進めております。対象のお客様には、個別にご連絡を差し上げております。',
    templateEn: 'Immediately after the discovery we set up a response headquarters to prevent further harm and to investigate the cause. We are contacting each affected customer individually.',
    source: '001 step 3',
  },
  {
    key: 'desk',
    quotes: ['deskPhone', 'deskHours'],
    template: '本件に関するお問い合わせは、下記の専用窓口にて承ります。\n電話番号：{{deskPhone}}\n受付時間：{{deskHours}}',
    templateEn: 'For enquiries about this matter, please contact our dedicated desk:\nPhone: {{deskPhone}}\nHours: {{deskHours}}',
    source: '001 step 4, 002',
  },
  {
    key: 'apology',
    quotes: [],
    template:
      'お客様をはじめ関係者の皆様に多大なるご迷惑とご心配をおかけいたしますことを、深くお詫び申し上げます。今後このような事態が生じないよう、再発防止に全力で取り組んでまいります。',
    templateEn: 'We sincerely apologise to our customers and everyone concerned for the trouble and concern this causes. We will do everything we can to prevent it from happening again.',
    source: '001 step 3',
  },
  {
    key: 'nextUpdate',
    quotes: ['nextUpdateAt'],
    template: '新たな事実が判明した場合は、本ページにてお知らせいたします。次回のお知らせは{{nextUpdateAt}}を予定しております。',
    templateEn: 'We will publish any new facts on this page. Our next update is planned for {{nextUpdateAt}}.',
    source: '001 step 4',
  },
];

export type { StatementSection } from './events';

/** A first draft: every section with its default wording, in reading order. */
export function defaultSections(lang: 'ja' | 'en' = 'ja'): StatementSection[] {
  return sectionsFrom(STATEMENT_SECTIONS, lang);
}

export function sectionsFrom(specs: readonly SectionSpec[], lang: 'ja' | 'en'): StatementSection[] {
  return specs.map((s) => ({ key: s.key, text: lang === 'en' ? s.templateEn : s.template }));
}


export interface PlaceholderUse {
  name: string;
  known: boolean;
  line: number;
  column: number;
}

/** Placeholders a text uses, with their position (same syntax as render.ts). */
export function placeholdersIn(text: string): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const before = text.slice(0, match.index);
    const name = placeholderName(match);
    uses.push({
      name,
      known: (PLACEHOLDERS as readonly string[]).includes(name),
      line: before.split('\n').length,
      column: match.index - before.lastIndexOf('\n'),
    });
  }
  return uses;
}

export type CheckCode =
  | 'section-missing'
  | 'section-empty'
  | 'fact-not-quoted'
  | 'fact-typed-in'
  | 'fact-unknown'
  | 'items-not-leaked-not-stated'
  | 'unknown-placeholder'
  | 'next-update-past';

export interface CheckItem {
  code: CheckCode;
  /** error: the statement would print a gap or leave out something it must say. */
  severity: 'error' | 'warning';
  section?: string;
  fact?: FactKey;
  params: Record<string, string | number>;
}

export function isFactKnown(facts: Facts, key: FactKey): boolean {
  const value = facts[key];
  if (value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'string' ? value.trim() !== '' : true;
}

/** A fact typed into the text by hand: it will not follow when the fact changes. */
function typedIn(text: string, facts: Facts, key: FactKey): boolean {
  const value = facts[key];
  if (typeof value === 'number') {
    // Digits only ever match whole numbers: 1200 must not be found inside 12000.
    return [String(value), new Intl.NumberFormat('en-US').format(value)].some((form) => new RegExp(`(?<![\\d,])${form}(?![\\d,])`).test(text));
  }
  return typeof value === 'string' && value.trim().length >= 3 && text.includes(value.trim());
}

function checkItemsNotLeaked(section: StatementSection | undefined): CheckItem | null {
  const reason =
    section === undefined
      ? 'no-section'
      : section.text.trim() === ''
        ? 'section-empty'
        : !placeholdersIn(section.text).some((u) => u.name === 'itemsNotLeaked')
          ? 'not-quoted'
          : null;
  return reason === null ? null : { code: 'items-not-leaked-not-stated', severity: 'error', section: 'itemsNotLeaked', params: { reason } };
}

/** What is still wrong with a statement before it can be approved, most serious first. */
export function statementChecklist(sections: readonly StatementSection[], facts: Facts, now?: number): CheckItem[] {
  return sectionChecklist(STATEMENT_SECTIONS, sections, facts, now);
}

/** The same checks for any document built from section specs (statements, notices). */
export function sectionChecklist(specs: readonly SectionSpec[], sections: readonly StatementSection[], facts: Facts, now?: number): CheckItem[] {
  const out: CheckItem[] = [];
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const quotedAnywhere = new Set<Placeholder>();

  for (const section of sections) {
    for (const use of placeholdersIn(section.text)) {
      if (use.known) quotedAnywhere.add(use.name as Placeholder);
      else out.push({ code: 'unknown-placeholder', severity: 'error', section: section.key, params: { name: use.name, line: use.line, column: use.column } });
    }
  }

  for (const spec of specs) {
    const section = byKey.get(spec.key);
    if (spec.key === 'itemsNotLeaked') {
      const problem = checkItemsNotLeaked(section);
      if (problem) out.push(problem);
      continue;
    }
    if (section === undefined) {
      out.push({ code: 'section-missing', severity: 'error', section: spec.key, params: {} });
      continue;
    }
    if (section.text.trim() === '') {
      out.push({ code: 'section-empty', severity: 'error', section: spec.key, params: {} });
      continue;
    }
    const used = new Set(placeholdersIn(section.text).map((u) => u.name));
    for (const fact of spec.quotes) {
      if (used.has(fact)) continue;
      const code = typedIn(section.text, facts, fact) ? 'fact-typed-in' : 'fact-not-quoted';
      out.push({ code, severity: 'warning', section: spec.key, fact, params: {} });
    }
  }

  // Facts the statement needs or quotes: an unknown one prints as a marker when quoted.
  const needed = new Set<FactKey>(specs.flatMap((s) => s.quotes));
  for (const p of quotedAnywhere) if (p !== 'title') needed.add(p);
  for (const fact of FACT_KEYS) {
    if (!needed.has(fact) || isFactKnown(facts, fact)) continue;
    out.push({ code: 'fact-unknown', severity: quotedAnywhere.has(fact as Placeholder) ? 'error' : 'warning', fact, params: {} });
  }

  // A text that promises the next update for a time already past (`now` given: the screen's
  // checklist): the reader would see a promise broken before they read it. Said, not blocking.
  if (now !== undefined && quotedAnywhere.has('nextUpdateAt') && facts.nextUpdateAt !== null && Date.parse(facts.nextUpdateAt) <= now) {
    out.push({ code: 'next-update-past', severity: 'warning', fact: 'nextUpdateAt', params: {} });
  }

  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** What changed in the facts since the last published statement: the content of a 続報. */
export function changedFactsSince(previousPublished: Facts, current: Facts): FieldChange<FactKey>[] {
  return diffFacts(previousPublished, current);
}

/** The changes a published statement actually quotes: each one makes its text out of date. */
export function staleQuotes(sections: readonly StatementSection[], previousPublished: Facts, current: Facts): FieldChange<FactKey>[] {
  const quoted = new Set(sections.flatMap((s) => placeholdersIn(s.text).map((u) => u.name)));
  return changedFactsSince(previousPublished, current).filter((c) => quoted.has(c.field));
}
