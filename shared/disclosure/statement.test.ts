import { describe, expect, it } from 'vitest';
import { FULL_FACTS } from './fixtures';
import { PLACEHOLDERS } from '../incident/render';
import {
  STATEMENT_SECTIONS,
  STATEMENT_SECTION_KEYS,
  changedFactsSince,
  defaultSections,
  placeholdersIn,
  staleQuotes,
  statementChecklist,
  type StatementSection,
} from './statement';

function replace(sections: StatementSection[], key: string, text: string | null): StatementSection[] {
  return text === null ? sections.filter((s) => s.key !== key) : sections.map((s) => (s.key === key ? { key, text } : s));
}

describe('STATEMENT_SECTIONS', () => {
  it('covers every section a statement needs, in reading order', () => {
    expect(STATEMENT_SECTIONS.map((s) => s.key)).toEqual([...STATEMENT_SECTION_KEYS]);
  });

  it('default wording quotes each fact its section states, and only known placeholders', () => {
    for (const spec of STATEMENT_SECTIONS) {
      const uses = placeholdersIn(spec.template);
      expect(uses.every((u) => (PLACEHOLDERS as readonly string[]).includes(u.name)), spec.key).toBe(true);
      for (const fact of spec.quotes) expect(uses.map((u) => u.name), spec.key).toContain(fact);
    }
  });
});

describe('statementChecklist', () => {
  it('passes the default sections when every fact is known', () => {
    expect(statementChecklist(defaultSections(), FULL_FACTS)).toEqual([]);
  });

  it('warns, without blocking approval, when the next update it announces is already past, and only when the text quotes it', () => {
    const at = Date.parse(FULL_FACTS.nextUpdateAt!);
    const past = { code: 'next-update-past', severity: 'warning', fact: 'nextUpdateAt', params: {} };
    expect(statementChecklist(defaultSections(), FULL_FACTS, at - 60_000)).toEqual([]);
    expect(statementChecklist(defaultSections(), FULL_FACTS, at)).toEqual([past]);
    expect(statementChecklist(defaultSections(), FULL_FACTS, at + 86_400_000)).toEqual([past]);
    // Without the time (the approval's own check) nothing is said; a text that no longer quotes it is not warned.
    expect(statementChecklist(defaultSections(), FULL_FACTS)).toEqual([]);
    const unquoted = replace(defaultSections(), 'nextUpdate', '新たな事実が判明した場合は、本ページにてお知らせいたします。');
    expect(statementChecklist(unquoted, FULL_FACTS, at + 86_400_000).map((c) => c.code)).not.toContain('next-update-past');
  });

  it('detects a missing desk phone', () => {
    const list = statementChecklist(defaultSections(), { ...FULL_FACTS, deskPhone: '' });
    expect(list).toEqual([{ code: 'fact-unknown', severity: 'error', fact: 'deskPhone', params: {} }]);
  });

  it('detects a missing, empty or non-quoting items-not-leaked section', () => {
    const reasons = [null, '   ', '漏えいしていない項目もあります。'].map((text) =>
      statementChecklist(replace(defaultSections(), 'itemsNotLeaked', text), FULL_FACTS).find((c) => c.code === 'items-not-leaked-not-stated')?.params.reason,
    );
    expect(reasons).toEqual(['no-section', 'section-empty', 'not-quoted']);
  });

  it('flags the items not leaked as unknown when nobody has established them', () => {
    const list = statementChecklist(defaultSections(), { ...FULL_FACTS, itemsNotLeaked: [] });
    expect(list).toContainEqual({ code: 'fact-unknown', severity: 'error', fact: 'itemsNotLeaked', params: {} });
  });

  it('reports an empty and a missing section', () => {
    const sections = replace(replace(defaultSections(), 'apology', ''), 'cause', null);
    const list = statementChecklist(sections, FULL_FACTS);
    expect(list).toContainEqual({ code: 'section-empty', severity: 'error', section: 'apology', params: {} });
    expect(list).toContainEqual({ code: 'section-missing', severity: 'error', section: 'cause', params: {} });
  });

  it('tells a fact typed in by hand from one not stated at all', () => {
    const sections = replace(defaultSections(), 'counts', '流出が確認されたお客様は12,000名です。');
    const list = statementChecklist(sections, FULL_FACTS).filter((c) => c.section === 'counts');
    expect(list).toEqual([
      { code: 'fact-not-quoted', severity: 'warning', section: 'counts', fact: 'maxCount', params: {} },
      { code: 'fact-typed-in', severity: 'warning', section: 'counts', fact: 'confirmedCount', params: {} },
    ]);
    const phone = replace(defaultSections(), 'desk', 'お問い合わせ：0120-000-123（{{deskHours}}）');
    expect(statementChecklist(phone, FULL_FACTS)).toEqual([{ code: 'fact-typed-in', severity: 'warning', section: 'desk', fact: 'deskPhone', params: {} }]);
  });

  it('does not take 1,200 inside 12,000 for a typed-in count', () => {
    const sections = replace(defaultSections(), 'counts', '対象は12,000名です。');
    const list = statementChecklist(sections, { ...FULL_FACTS, confirmedCount: 1200 });
    expect(list.find((c) => c.fact === 'confirmedCount')?.code).toBe('fact-not-quoted');
  });

  it('reports an unknown placeholder with its position', () => {
    const sections = [...defaultSections(), { key: 'extra', text: '補足\nFAX：{{deskFax}}' }];
    expect(statementChecklist(sections, FULL_FACTS)).toEqual([
      { code: 'unknown-placeholder', severity: 'error', section: 'extra', params: { name: 'deskFax', line: 2, column: 5 } },
    ]);
  });

  it('lists errors before warnings', () => {
    const sections = replace(defaultSections(), 'desk', '0120-000-123');
    const list = statementChecklist(sections, { ...FULL_FACTS, nextUpdateAt: null });
    expect(list.map((c) => c.severity)).toEqual(['error', 'warning', 'warning']);
  });
});

describe('changedFactsSince', () => {
  it('lists the facts that changed since the last published statement', () => {
    const changes = changedFactsSince(FULL_FACTS, { ...FULL_FACTS, confirmedCount: 15000, itemsNotLeaked: ['bankAccount'] });
    expect(changes.map((c) => c.field)).toEqual(['confirmedCount', 'itemsNotLeaked']);
    expect(changes[1]).toMatchObject({ removed: ['myNumber'], added: [] });
  });

  it('staleQuotes keeps only the changes the statement quotes', () => {
    const sections = [{ key: 'counts', text: '{{confirmedCount}}名' }];
    const stale = staleQuotes(sections, FULL_FACTS, { ...FULL_FACTS, confirmedCount: 15000, deskHours: '24時間' });
    expect(stale.map((c) => c.field)).toEqual(['confirmedCount']);
  });
});
