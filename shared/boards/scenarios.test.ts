import { describe, expect, it } from 'vitest';
import { PHASES, SCENARIO_IDS, type ScenarioTemplate, type TemplateTask } from './model';
import { BUILTIN_TEMPLATES, builtinTemplate } from './scenarios';
import { validateTemplate } from './template-file';
import { documentCitation } from '../i18n/document-citations';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
// Dictionary-form verbs end on the u-row: the house style for task titles is a short imperative phrase.
const ENDS_WITH_VERB = /[うくぐすつぬぶむる]$/;

function englishStrings(t: ScenarioTemplate): string[] {
  return [
    t.en?.name ?? '',
    t.en?.description ?? '',
    ...t.tasks.flatMap((x) => (x.en ? [x.en.title, ...(x.en.notes === undefined ? [] : [x.en.notes]), ...x.en.checklist, x.en.source] : [])),
  ];
}

function allStrings(t: ScenarioTemplate): string[] {
  return [t.name, t.description, ...t.tasks.flatMap((x) => [x.title, ...(x.notes === undefined ? [] : [x.notes]), ...x.checklist, x.source]), ...englishStrings(t)];
}

const byId = (id: string): ScenarioTemplate => {
  const t = builtinTemplate(id);
  if (!t) throw new Error(`no builtin template ${id}`);
  return t;
};
const task = (t: ScenarioTemplate, key: string): TemplateTask => {
  const found = t.tasks.find((x) => x.key === key);
  if (!found) throw new Error(`${t.id} has no task ${key}`);
  return found;
};

describe('builtin scenario templates', () => {
  it('has one template per scenario id, in order', () => {
    expect(BUILTIN_TEMPLATES.map((t) => t.id)).toEqual([...SCENARIO_IDS]);
    expect(BUILTIN_TEMPLATES.every((t) => t.builtin && Number.isInteger(t.version) && t.version >= 1)).toBe(true);
  });

  describe.each(BUILTIN_TEMPLATES.map((t) => [t.id, t] as const))('%s', (_id, t) => {
    it('passes the same validation as an imported file', () => {
      expect(validateTemplate(t)).toEqual([]);
    });

    it('has a Japanese name and description', () => {
      expect(t.name).toMatch(JAPANESE);
      expect(t.description).toMatch(JAPANESE);
      expect(t.description.length).toBeGreaterThan(30);
    });

    it('spreads 12–30 tasks over at least five phases', () => {
      expect(t.tasks.length).toBeGreaterThanOrEqual(12);
      expect(t.tasks.length).toBeLessThanOrEqual(30);
      const phases = new Set(t.tasks.map((x) => x.phase));
      expect(phases.size).toBeGreaterThanOrEqual(5);
      expect([...phases].every((p) => (PHASES as readonly string[]).includes(p))).toBe(true);
    });

    it('has unique kebab-case task keys', () => {
      const keys = t.tasks.map((x) => x.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const k of keys) expect(k).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    });

    it('words every task as a short Japanese imperative', () => {
      for (const x of t.tasks) {
        expect(x.title.trim(), x.key).not.toBe('');
        expect(x.title, x.key).toMatch(JAPANESE);
        expect(x.title, x.key).toMatch(ENDS_WITH_VERB);
        expect(x.title.length, x.key).toBeLessThanOrEqual(32);
        expect(x.title, `${x.key}: English words belong in code, not on cards`).not.toMatch(/[a-z]{2,}/);
      }
    });

    it('writes notes and checklist items in Japanese', () => {
      for (const x of t.tasks) {
        if (x.notes !== undefined) expect(x.notes, x.key).toMatch(JAPANESE);
        expect(x.checklist.length, x.key).toBeGreaterThan(0);
        for (const item of x.checklist) expect(item, x.key).toMatch(JAPANESE);
      }
    });

    it('names where every task comes from in plain words, never a document number', () => {
      for (const x of t.tasks) {
        expect(x.source, x.key).toMatch(JAPANESE);
        expect(x.en?.source, x.key).toBeTruthy();
      }
      for (const text of allStrings(t)) expect(documentCitation(text), text).toBeNull();
    });

    it('has every string in English too, field for field', () => {
      expect(t.en?.name, 'name').toBeTruthy();
      expect(t.en?.description.length, 'description').toBeGreaterThan(30);
      for (const x of t.tasks) {
        const en = x.en;
        expect(en, x.key).toBeDefined();
        expect(en!.title.trim(), x.key).not.toBe('');
        expect(en!.notes === undefined, `${x.key}: notes in one language only`).toBe(x.notes === undefined);
        expect(en!.checklist.length, `${x.key}: checklist items`).toBe(x.checklist.length);
      }
      for (const text of englishStrings(t)) {
        expect(text.trim(), text).not.toBe('');
        expect(text, 'English text with Japanese in it').not.toMatch(JAPANESE);
      }
    });

    it('spells 漏えい the way the law does', () => {
      for (const text of allStrings(t)) expect(text, text).not.toMatch(/漏洩/);
    });

    it('sets due times as hours after discovery', () => {
      for (const x of t.tasks) {
        if (x.dueAfterHours !== null) expect(x.dueAfterHours, x.key).toBeGreaterThanOrEqual(0);
      }
      expect(task(t, 'first-report').dueAfterHours).toBeLessThanOrEqual(1);
      expect(task(t, 'set-up-hq').dueAfterHours).toBeLessThanOrEqual(24);
    });

    it('reports to the regulator: preliminary within days, final within the legal period', () => {
      const preliminary = task(t, 'ppc-preliminary');
      const final = task(t, 'ppc-final');
      expect(preliminary.phase).toBe('direction');
      expect(preliminary.dueAfterHours).toBeGreaterThan(0);
      expect(preliminary.dueAfterHours).toBeLessThanOrEqual(5 * 24);
      const improperPurpose = t.id === 'unauthorised-access' || t.id === 'insider';
      expect(final.dueAfterHours).toBe(improperPurpose ? 60 * 24 : 30 * 24);
      expect(final.notes).toContain(improperPurpose ? '60日' : '30日');
    });

    it('follows the basic flow from discovery to the record', () => {
      for (const key of ['first-report', 'scope-data-items', 'count-affected', 'decide-disclosure', 'recurrence-prevention', 'improve-response', 'record-history']) {
        expect(t.tasks.some((x) => x.key === key), key).toBe(true);
      }
      const notify = task(t, 'notify-customers');
      expect(notify.phase).toBe('counter');
      // 004 §8-⑨: post, then e-mail, then phone, then the website for whoever is left.
      const order = ['郵送', 'メール', '電話', 'Web'].map((w) => notify.checklist.findIndex((c) => c.includes(w)));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });
  });

  it.each([
    ['lost-device', ['remote-lock-wipe', 'revoke-credentials', 'lost-property-report', 'check-device-contents']],
    ['misdirected-email', ['request-deletion', 'confirm-deletion']],
    ['unauthorised-access', ['take-site-offline', 'preserve-logs', 'forensic-investigation', 'card-companies', 'police-and-ministry']],
    ['public-exposure', ['unpublish-page', 'remove-caches', 'check-access-logs']],
    ['insider', ['preserve-evidence', 'police-consultation', 'suspend-access']],
    ['file-sharing', ['search-network', 'request-removal', 'monitor-network']],
  ])('%s has the tasks specific to it', (id, keys) => {
    const t = byId(id);
    for (const key of keys) expect(t.tasks.some((x) => x.key === key), key).toBe(true);
  });

  it('asks for deletion before confirming it, and preserves logs before changing anything', () => {
    const mail = byId('misdirected-email');
    expect(task(mail, 'request-deletion').dueAfterHours).toBeLessThan(task(mail, 'confirm-deletion').dueAfterHours ?? Infinity);
    const sql = byId('unauthorised-access');
    expect(task(sql, 'preserve-logs').dueAfterHours).toBeLessThanOrEqual(task(sql, 'block-attack').dueAfterHours ?? Infinity);
  });

  it('gives each template its own arrays and refuses edits in place', () => {
    const [a, b] = BUILTIN_TEMPLATES;
    if (!a || !b) throw new Error('expected templates');
    expect(task(a, 'first-report').checklist).not.toBe(task(b, 'first-report').checklist);
    expect(() => task(a, 'first-report').checklist.push('x')).toThrow(TypeError);
    expect(() => {
      (a as { name: string }).name = 'x';
    }).toThrow(TypeError);
  });

  it('returns undefined for an unknown id', () => {
    expect(builtinTemplate('nope')).toBeUndefined();
  });
});
