import { describe, expect, it } from 'vitest';
import { parseLocatedJson } from './located-json';
import type { ScenarioTemplate, TemplateTask } from './model';
import { BUILTIN_TEMPLATES } from './scenarios';
import { TEMPLATE_LIMITS, exportTemplate, parseTemplateFile, validateTemplate, type TemplateError } from './template-file';

/** Line/column of the first occurrence of `marker`, counted independently of the code under test. */
function positionOf(text: string, marker: string, shift = 0): { line: number; column: number } {
  const at = text.indexOf(marker);
  if (at < 0 || text.indexOf(marker, at + 1) >= 0) throw new Error(`marker not unique: ${marker}`);
  return positionAt(text, at + shift);
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

function errorsOf(text: string): TemplateError[] {
  const result = parseTemplateFile(text);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

const TASK_A: TemplateTask = { key: 'a', phase: 'direction', title: '第一報を受ける', dueAfterHours: 0.5, checklist: [], source: '' };
const TASK_B: TemplateTask = {
  key: 'b-2',
  phase: 'statement',
  title: '「公表」する\n改行や "引用符" \\ も含む',
  notes: 'タブ\tと絵文字😀',
  dueAfterHours: null,
  checklist: ['一', '二'],
  source: '社内規程 第3条',
};
const SMALL: ScenarioTemplate = {
  id: 'my-scenario',
  version: 3,
  name: '社内手順',
  description: '',
  builtin: false,
  tasks: [TASK_A, TASK_B],
};

/** A valid file as a team would edit it; tests break it in one place. */
function editedFile(tasks: unknown[] = SMALL.tasks): string {
  return JSON.stringify({ format: 'honbu-scenario-template', formatVersion: 1, template: { ...SMALL, builtin: undefined, tasks } }, null, 2);
}

describe('exportTemplate / parseTemplateFile round trip', () => {
  it.each(BUILTIN_TEMPLATES.map((t) => [t.id, t] as const))('%s comes back equal, as a non-builtin', (_id, t) => {
    const result = parseTemplateFile(exportTemplate(t));
    expect(result).toEqual({ ok: true, template: { ...t, builtin: false } });
  });

  it('keeps escapes, emoji, fractional hours and an absent note', () => {
    const result = parseTemplateFile(exportTemplate(SMALL));
    expect(result).toEqual({ ok: true, template: SMALL });
    if (result.ok) expect(result.template.tasks[0]).not.toHaveProperty('notes');
  });

  it('writes pretty JSON in the envelope, without the builtin flag', () => {
    const text = exportTemplate(BUILTIN_TEMPLATES[0] as ScenarioTemplate);
    expect(text.split('\n')[1]).toBe('  "format": "honbu-scenario-template",');
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as { formatVersion: number; template: Record<string, unknown> };
    expect(parsed.formatVersion).toBe(1);
    expect(parsed.template).not.toHaveProperty('builtin');
    expect(Object.keys(parsed.template)).toEqual(['id', 'version', 'name', 'description', 'en', 'tasks']);
  });

  it('imports a file that claims to be builtin as not builtin', () => {
    const text = editedFile().replace('"id"', '"builtin": true,\n    "id"');
    const result = parseTemplateFile(text);
    expect(result.ok && result.template.builtin).toBe(false);
  });

  it('tolerates a BOM and CRLF line endings, and counts positions without the BOM', () => {
    const text = `\uFEFF${exportTemplate(SMALL).replaceAll('\n', '\r\n')}`;
    expect(parseTemplateFile(text)).toEqual({ ok: true, template: SMALL });
    const broken = text.replace('"phase": "statement"', '"phase": "press"');
    const [error] = errorsOf(broken);
    expect(error).toMatchObject({ path: 'template.tasks[1].phase', ...positionOf(broken.slice(1).replaceAll('\r\n', '\n'), '"press"') });
  });
});

describe('syntax errors', () => {
  it('points at the token after a missing comma (line 7, column 5)', () => {
    const text = [
      '{',
      '  "format": "honbu-scenario-template",',
      '  "formatVersion": 1,',
      '  "template": {',
      '    "id": "my-scenario",',
      '    "version": 1',
      '    "name": "社内手順",',
      '    "description": "",',
      '    "tasks": []',
      '  }',
      '}',
    ].join('\n');
    expect(errorsOf(text)).toEqual([{ code: 'syntax', path: '', line: 7, column: 5, message: expect.stringContaining('「,」') }]);
  });

  it.each([
    ['a trailing comma, at the comma', '{"a": [1, 2,\n ]}', 1, 12, '「,」'],
    ['an unclosed string, at its opening quote', '{\n  "name": "社内手順,\n  "id": "x"\n}', 2, 11, '閉じられていません'],
    ['a comment', '{\n  // 備考\n  "a": 1\n}', 2, 3, 'コメント'],
    ['single quotes', "{\n  'a': 1\n}", 2, 3, 'ダブルクォート'],
    ['a file cut short, at the unclosed brace', '{\n  "a": {\n    "b": [1, 2]\n', 2, 8, '「}」'],
    ['text after the value', '{}\n{}', 2, 1, '余分'],
    ['a leading zero', '{"a": 01}', 1, 7, '数値'],
    ['an unquoted word', '{"a": True}', 1, 7, '「True」'],
    ['a bad escape', '{"a": "x\\qy"}', 1, 9, '\\q'],
    ['a raw tab in a string', '{"a": "x\ty"}', 1, 9, '制御文字'],
    ['a missing colon', '{"a" 1}', 1, 6, '「:」'],
  ])('reports %s', (_what, text, line, column, words) => {
    const [error, ...rest] = errorsOf(text);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'syntax', line, column });
    expect(error?.message).toContain(words);
  });

  it('counts lines ending in CR alone, CRLF and LF alike', () => {
    expect(errorsOf('{\r"a": 1,\r\n"b": 2\n"c": 3}')[0]).toMatchObject({ line: 4, column: 1 });
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    const text = '['.repeat(100_000);
    expect(errorsOf(text)[0]).toMatchObject({ code: 'syntax', message: expect.stringContaining('入れ子') });
  });

  it.each([
    ['an empty file', ''],
    ['only whitespace', '  \n\t\r\n'],
    ['only a BOM', '\uFEFF'],
  ])('says %s is empty, at 1:1', (_what, text) => {
    expect(errorsOf(text)).toEqual([{ code: 'empty', path: '', line: 1, column: 1, message: 'ファイルが空です。' }]);
  });

  it('refuses a template whose JSON is over maxBytes, from a file or built in the app, and takes one just under', () => {
    const base = BUILTIN_TEMPLATES[2] as ScenarioTemplate;
    const task = base.tasks[0]!;
    const padded = (n: number): ScenarioTemplate => ({ ...base, tasks: [...base.tasks, ...Array.from({ length: n }, (_, i) => ({ ...task, key: `extra-${i}`, notes: '長い説明文。'.repeat(300) }))] });
    const bytes = (t: ScenarioTemplate) => new TextEncoder().encode(JSON.stringify(t)).byteLength;
    let n = 0;
    while (bytes(padded(n + 1)) <= TEMPLATE_LIMITS.maxBytes) n++;
    const fits = parseTemplateFile(exportTemplate(padded(n)));
    expect(fits.ok).toBe(true);
    const over = parseTemplateFile(exportTemplate(padded(n + 1)));
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.errors).toEqual([expect.objectContaining({ code: 'too-large', path: 'template', message: expect.stringContaining('KB まで') })]);
    const { builtin: _, ...inApp } = padded(n + 1);
    expect(validateTemplate(inApp).map((e) => e.code)).toEqual(['too-large']);
    // Every built-in template is far under it.
    for (const t of BUILTIN_TEMPLATES) expect(bytes(t)).toBeLessThan(TEMPLATE_LIMITS.maxBytes / 10);
  });

  it('refuses a file far too large before parsing it', () => {
    expect(errorsOf(' '.repeat(TEMPLATE_LIMITS.maxFileChars + 1))[0]).toMatchObject({ code: 'too-large', line: 1, column: 1 });
  });

  it('agrees with JSON.parse on what is JSON', () => {
    const valid = [
      '0', '-0.5e+3', '1E2', '"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t"', '[]', '{}', ' [ 1 , { "a" : [ null , true , false ] } ] ',
      '{"a":1,"a":2}', '"\u2028"', exportTemplate(BUILTIN_TEMPLATES[2] as ScenarioTemplate),
    ];
    for (const text of valid) {
      const ours = parseLocatedJson(text);
      expect(ours.ok, text).toBe(true);
      if (ours.ok) expect(ours.json.value, text).toEqual(JSON.parse(text));
    }
    const invalid = ['', '-', '1.', '.5', '+1', '1e', '0x10', 'NaN', 'nul', '[1,]', '{"a":1,}', '{a:1}', '"\\x"', '"\\u12"', '[1 2]', '{"a" "b"}', '"a\nb"', '\u00a0{}'];
    for (const text of invalid) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(parseLocatedJson(text).ok, text).toBe(false);
    }
  });
});

describe('validation errors', () => {
  it('names the path and position of a wrong phase', () => {
    const tasks = [...SMALL.tasks, { ...TASK_A, key: 'c' }, { ...TASK_A, key: 'd', phase: 'bogus' }];
    const text = editedFile(tasks);
    expect(errorsOf(text)).toEqual([
      { code: 'invalid', path: 'template.tasks[3].phase', ...positionOf(text, '"bogus"'), message: expect.stringContaining('「bogus」') },
    ]);
  });

  it.each([
    ['negative', -1],
    ['a string', '4'],
    ['absurdly far', 10_000_000],
  ])('rejects dueAfterHours that is %s', (_what, due) => {
    const text = editedFile([TASK_A, { ...TASK_B, dueAfterHours: due }]);
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ code: 'invalid', path: 'template.tasks[1].dueAfterHours', ...positionOf(text, `"dueAfterHours": ${JSON.stringify(due)}`, 17) });
  });

  it('points at the second of two tasks with the same key', () => {
    const text = editedFile([TASK_A, { ...TASK_B, key: 'a' }]);
    const second = text.indexOf('"key": "a"', text.indexOf('"key": "a"') + 1);
    expect(errorsOf(text)).toEqual([
      {
        code: 'duplicate',
        path: 'template.tasks[1].key',
        ...positionAt(text, second + '"key": '.length),
        message: expect.stringContaining('template.tasks[0]'),
      },
    ]);
  });

  it('rejects an empty title and an empty checklist item', () => {
    const text = editedFile([{ ...TASK_A, title: '  ', checklist: ['一', ''] }]);
    expect(errorsOf(text).map((e) => [e.code, e.path])).toEqual([
      ['required', 'template.tasks[0].title'],
      ['required', 'template.tasks[0].checklist[1]'],
    ]);
  });

  it('points a missing field at the object that lacks it, and an unknown one at its key', () => {
    const { title: _title, ...untitled } = TASK_A;
    const text = editedFile([{ ...untitled, titel: '第一報を受ける' }]);
    const errors = errorsOf(text);
    expect(errors).toEqual([
      { code: 'required', path: 'template.tasks[0].title', ...positionOf(text, '{\n        "key": "a"'), message: expect.stringContaining('title') },
      { code: 'unknown-field', path: 'template.tasks[0].titel', ...positionOf(text, '"titel"'), message: expect.stringContaining('titel') },
    ]);
  });

  it('limits tasks to 500 and strings to 2000 characters (counted as characters, not UTF-16 units)', () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ ...TASK_A, key: `t-${i}` }));
    expect(errorsOf(editedFile(many))).toMatchObject([{ code: 'too-many', path: 'template.tasks' }]);
    const fine = Array.from({ length: 500 }, (_, i) => ({ ...TASK_A, key: `t-${i}`, notes: i === 0 ? '😀'.repeat(2000) : '' }));
    expect(parseTemplateFile(editedFile(fine)).ok).toBe(true);
    const text = editedFile([{ ...TASK_A, notes: '漏'.repeat(2001) }]);
    expect(errorsOf(text)).toMatchObject([{ code: 'too-long', path: 'template.tasks[0].notes', ...positionOf(text, '"漏', 0) }]);
  });

  it('reports a key written twice in one object', () => {
    const text = editedFile().replace('"version": 3', '"version": 3,\n    "version": 4');
    expect(errorsOf(text)).toEqual([
      { code: 'duplicate', path: 'template.version', ...positionOf(text, '"version": 4'), message: expect.stringContaining('version') },
    ]);
  });

  it('keeps "__proto__" a plain unknown field', () => {
    const text = editedFile().replace('"key": "a"', '"__proto__": {"polluted": true},\n        "key": "a"');
    expect(errorsOf(text)).toMatchObject([{ code: 'unknown-field', path: 'template.tasks[0].__proto__' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects other files and newer formats with one clear error', () => {
    expect(errorsOf('[1, 2]')).toMatchObject([{ code: 'type', path: '', line: 1, column: 1 }]);
    expect(errorsOf(editedFile().replace('honbu-scenario-template', 'something-else'))).toMatchObject([
      { code: 'format', path: 'format', line: 2, column: 13 },
    ]);
    expect(errorsOf(editedFile().replace('"formatVersion": 1', '"formatVersion": 2'))).toMatchObject([
      { code: 'format', path: 'formatVersion', line: 3, column: 20, message: expect.stringContaining('2') },
    ]);
  });

  it('sorts errors by position and stops after the first hundred', () => {
    const bad = Array.from({ length: 150 }, (_, i) => ({ ...TASK_A, key: `t-${i}`, phase: 'x' }));
    const errors = errorsOf(editedFile(bad));
    expect(errors).toHaveLength(TEMPLATE_LIMITS.maxErrors + 1);
    expect(errors.at(-1)).toMatchObject({ code: 'too-many', message: expect.stringContaining('50件') });
    const lines = errors.slice(0, -1).map((e) => e.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });
});

describe('English words in a template file', () => {
  it('keeps them through a round trip, and they stay optional', () => {
    const withEn = { ...SMALL, en: { name: 'Our procedure', description: '' }, tasks: [{ ...TASK_A, en: { title: 'Task A in English', checklist: TASK_A.checklist.map((c) => `EN ${c}`), source: 'our rules' } }, TASK_B] };
    expect(parseTemplateFile(exportTemplate(withEn))).toEqual({ ok: true, template: withEn });
  });

  it('says where an English checklist does not match the Japanese one', () => {
    const text = editedFile([{ ...TASK_B, en: { title: 'B', checklist: ['one'], source: '' } }]);
    const result = parseTemplateFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: 'template.tasks[0].en.checklist', code: 'invalid' });
    expect(result.errors[0]!.line).toBeGreaterThan(1);
  });
});

describe('validateTemplate (in-app editor)', () => {
  it('accepts the builtins and a minimal template', () => {
    for (const t of BUILTIN_TEMPLATES) expect(validateTemplate(t)).toEqual([]);
    expect(validateTemplate(SMALL)).toEqual([]);
  });

  it('reports paths relative to the template, without positions', () => {
    const t = { ...SMALL, id: 'Not Kebab', tasks: [{ ...TASK_A, phase: 'press' }, { ...TASK_B, key: 'a' }] };
    expect(validateTemplate(t)).toEqual([
      expect.objectContaining({ code: 'invalid', path: 'id', line: 0, column: 0 }),
      expect.objectContaining({ code: 'invalid', path: 'tasks[0].phase', line: 0, column: 0 }),
      expect.objectContaining({ code: 'duplicate', path: 'tasks[1].key', line: 0, column: 0 }),
    ]);
    expect(validateTemplate(null)).toEqual([expect.objectContaining({ code: 'type', path: '' })]);
    expect(validateTemplate({ ...SMALL, tasks: [] })).toEqual([expect.objectContaining({ code: 'required', path: 'tasks' })]);
    expect(validateTemplate({ ...SMALL, version: 1.5, builtin: 'yes' }).map((e) => e.path)).toEqual(['version', 'builtin']);
  });
});
