/**
 * Scenario templates as files: a team exports a template, adapts it to its own rules in
 * any editor and imports it back. Hand-edited JSON goes wrong in predictable ways, so
 * every error says where (line and column, and the field's path) in words a response
 * team can act on; the renderer may translate by `code`.
 */
import { jsonBytes } from '../events/pieces';
import { formatPath, lineLocator, parseLocatedJson, type LocatedJson, type PathSegment } from './located-json';
import { PHASES, isPhase, type ScenarioTemplate, type TaskTranslation, type TemplateTask } from './model';

export const TEMPLATE_FILE_FORMAT = 'honbu-scenario-template';
export const TEMPLATE_FILE_VERSION = 1;

export const TEMPLATE_LIMITS = {
  maxTasks: 500,
  maxStringLength: 2000,
  maxChecklistItems: 200,
  maxKeyLength: 100,
  /** Ten years: anything longer is a typo, and would overflow date arithmetic long before. */
  maxDueAfterHours: 87_600,
  /**
   * A template's version, at most. The app raises it by one on every save, so a file claiming
   * more than a million saves is a typo or a forgery; a number near 2^53 would leave no room
   * to edit it (the next version would not be an exact integer).
   */
  maxVersion: 1_000_000,
  /** Far above 500 full tasks; refuses a wrong file before parsing it. */
  maxFileChars: 5_000_000,
  /**
   * The template's JSON in UTF-8, at most (13 times the largest built-in one). It is one event
   * (`boards.template-saved`), and the tasks it adds are another (`boards.tasks-added`: its texts,
   * each Japanese text again as the key of its English, at most about twice as long): both stay
   * under the sync server's 1 MiB per record, which the sender would set aside (decision 065).
   */
  maxBytes: 384 * 1024,
  /** A file that is wrong everywhere is better answered with its first errors than thousands. */
  maxErrors: 100,
} as const;

export type TemplateErrorCode =
  | 'empty'
  | 'too-large'
  | 'syntax'
  | 'format'
  | 'required'
  | 'type'
  | 'invalid'
  | 'duplicate'
  | 'unknown-field'
  | 'too-long'
  | 'too-many'
  | 'encoding';

export interface TemplateError {
  message: string;
  /** 1-based; 0 when the template did not come from a file (the in-app editor). */
  line: number;
  column: number;
  /** JSON path of the offending value, e.g. `template.tasks[3].phase`; '' for the whole file. */
  path: string;
  code: TemplateErrorCode;
}

export type TemplateFileResult = { ok: true; template: ScenarioTemplate } | { ok: false; errors: TemplateError[] };

export function exportTemplate(t: ScenarioTemplate): string {
  // builtin is left out: it describes where a template came from, and a file is never builtin.
  const template = {
    id: t.id,
    version: t.version,
    name: t.name,
    description: t.description,
    ...(t.en ? { en: { name: t.en.name, description: t.en.description } } : {}),
    tasks: t.tasks.map((task) => ({
      key: task.key,
      phase: task.phase,
      title: task.title,
      ...(task.notes === undefined ? {} : { notes: task.notes }),
      dueAfterHours: task.dueAfterHours,
      checklist: [...task.checklist],
      source: task.source,
      ...(task.en ? { en: exportTranslation(task.en) } : {}),
    })),
  };
  return `${JSON.stringify({ format: TEMPLATE_FILE_FORMAT, formatVersion: TEMPLATE_FILE_VERSION, template }, null, 2)}\n`;
}

function exportTranslation(en: TaskTranslation): TaskTranslation {
  return { title: en.title, ...(en.notes === undefined ? {} : { notes: en.notes }), checklist: [...en.checklist], source: en.source };
}

export function parseTemplateFile(input: string): TemplateFileResult {
  // Editors on Windows save UTF-8 with a BOM; it is not part of the JSON, nor a column.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const fileError = (code: TemplateErrorCode, message: string): TemplateFileResult => ({
    ok: false,
    errors: [{ message, line: 1, column: 1, path: '', code }],
  });
  if (text.length > TEMPLATE_LIMITS.maxFileChars) {
    return fileError('too-large', 'ファイルが大きすぎます。シナリオテンプレートのファイルか確認してください。');
  }
  if (/^[ \t\r\n]*$/.test(text)) return fileError('empty', 'ファイルが空です。');

  const locate = lineLocator(text);
  const encoding = encodingProblem(text);
  if (encoding) return { ok: false, errors: [{ message: encoding.message, ...locate(encoding.offset), path: '', code: 'encoding' }] };
  const parsed = parseLocatedJson(text);
  if (!parsed.ok) {
    return { ok: false, errors: [{ message: parsed.message, ...locate(parsed.offset), path: '', code: 'syntax' }] };
  }
  const { json } = parsed;
  const check = new Checker();
  for (const { path, key } of json.duplicateKeys) {
    check.problems.push({ path: [], rawPath: path, code: 'duplicate', message: `同じ項目名「${key}」が2回以上書かれています。`, at: 'key' });
  }

  const root = json.value;
  const envelope = check.record(root, [], ['format', 'formatVersion', 'template'], ['format', 'formatVersion', 'template']);
  if (envelope) {
    // A different file or a newer format: the field errors below would only be noise.
    if (Object.hasOwn(envelope, 'format') && envelope.format !== TEMPLATE_FILE_FORMAT) {
      return fail(json, locate, [
        { path: ['format'], code: 'format', message: `Honbuのシナリオテンプレートのファイルではありません（format が "${TEMPLATE_FILE_FORMAT}" ではありません）。` },
      ]);
    }
    if (Object.hasOwn(envelope, 'formatVersion') && envelope.formatVersion !== TEMPLATE_FILE_VERSION) {
      return fail(json, locate, [
        {
          path: ['formatVersion'],
          code: 'format',
          message: `この形式のバージョン（${String(envelope.formatVersion)}）には対応していません。対応しているのは ${TEMPLATE_FILE_VERSION} です。`,
        },
      ]);
    }
  }
  const template = envelope && Object.hasOwn(envelope, 'template') ? check.template(envelope.template, ['template']) : null;
  if (check.problems.length > 0 || !template) return fail(json, locate, check.problems);
  return { ok: true, template: { ...template, builtin: false } };
}

const SAVE_AS_UTF8 = 'メモ帳なら「名前を付けて保存」で文字コードに「UTF-8」を選んで保存し直してから、もう一度読み込んでください。';

/**
 * A file read as UTF-8 that was not: a UTF-16 file (Windows Notepad's "Unicode") shows NUL
 * characters between its letters and a replacement character for its BOM; Shift_JIS and other
 * encodings show replacement characters where their bytes are not UTF-8.
 */
function encodingProblem(text: string): { offset: number; message: string } | null {
  const nul = text.indexOf('\u0000');
  if (nul >= 0 || text.startsWith('\ufffd\ufffd')) {
    return { offset: Math.max(0, nul), message: `文字コードが UTF-16（メモ帳の「Unicode」）で保存されているようです。UTF-8 で保存してください。${SAVE_AS_UTF8}` };
  }
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) {
    return { offset: bad, message: `UTF-8 として読めない文字があります（Shift_JIS など別の文字コードで保存されているようです）。UTF-8 で保存してください。${SAVE_AS_UTF8}` };
  }
  return null;
}

/**
 * A template file's bytes as text: UTF-8 (with or without a BOM) and UTF-16 with a BOM (little-
 * or big-endian, as Windows Notepad saves "Unicode") are read; anything else that is not UTF-8
 * is refused with where its first such byte is, and that it must be saved as UTF-8.
 */
export function decodeTemplateFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; errors: TemplateError[] } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (b0 === 0xfe && b1 === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const body = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const bad = firstInvalidUtf8(body);
  if (bad < 0) return { ok: true, text: new TextDecoder('utf-8').decode(body) };
  const before = new TextDecoder('utf-8').decode(body.subarray(0, bad));
  const { line, column } = lineLocator(before)(before.length);
  return {
    ok: false,
    errors: [{ message: `UTF-8 として読めない文字があります（Shift_JIS など別の文字コードで保存されているようです）。UTF-8 で保存してください。${SAVE_AS_UTF8}`, line, column, path: '', code: 'encoding' }],
  };
}

/** The offset of the first byte that does not belong to well-formed UTF-8, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Checks a template built in the app; errors carry the path and line/column 0. */
export function validateTemplate(t: unknown): TemplateError[] {
  const check = new Checker();
  check.template(t, []);
  return check.problems.map((p) => ({ message: p.message, line: 0, column: 0, path: p.rawPath ?? formatPath(p.path), code: p.code }));
}

interface Problem {
  path: PathSegment[];
  /** Already formatted (duplicate JSON keys come from the parser as strings). */
  rawPath?: string;
  code: TemplateErrorCode;
  message: string;
  /** Point at the member's key rather than its value (for fields that should not be there). */
  at?: 'key';
}

function fail(json: LocatedJson, locate: ReturnType<typeof lineLocator>, problems: Problem[]): TemplateFileResult {
  const offsetOf = (p: Problem): number => {
    const path = p.rawPath ?? formatPath(p.path);
    if (p.at === 'key') {
      const at = json.keyAt.get(path);
      if (at !== undefined) return at;
    }
    // A missing field has no position of its own: point at the object that lacks it.
    for (let n = p.path.length; n >= 0; n--) {
      const at = json.valueAt.get(n === p.path.length ? path : formatPath(p.path.slice(0, n)));
      if (at !== undefined) return at;
    }
    return 0;
  };
  const located = problems
    .map((p) => ({ p, offset: offsetOf(p) }))
    .sort((a, b) => a.offset - b.offset);
  const errors: TemplateError[] = located.slice(0, TEMPLATE_LIMITS.maxErrors).map(({ p, offset }) => ({
    message: p.message,
    ...locate(offset),
    path: p.rawPath ?? formatPath(p.path),
    code: p.code,
  }));
  const rest = located[TEMPLATE_LIMITS.maxErrors];
  if (rest) {
    errors.push({
      message: `ほかに${located.length - TEMPLATE_LIMITS.maxErrors}件のエラーがあります。上のエラーを直してから、もう一度読み込んでください。`,
      ...locate(rest.offset),
      path: '',
      code: 'too-many',
    });
  }
  return { ok: false, errors };
}

const TEMPLATE_FIELDS = ['id', 'version', 'name', 'description', 'builtin', 'tasks', 'en'] as const;
const TEMPLATE_EN_FIELDS = ['name', 'description'] as const;
const TEMPLATE_REQUIRED = ['id', 'version', 'name', 'description', 'tasks'] as const;
const TASK_FIELDS = ['key', 'phase', 'title', 'notes', 'dueAfterHours', 'checklist', 'source', 'en'] as const;
const TASK_EN_FIELDS = ['title', 'notes', 'checklist', 'source'] as const;
const TASK_EN_REQUIRED = ['title', 'checklist', 'source'] as const;
const TASK_REQUIRED = ['key', 'phase', 'title', 'dueAfterHours', 'checklist', 'source'] as const;
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects problems while building a clean copy, so a valid input yields exactly the known fields. */
class Checker {
  readonly problems: Problem[] = [];

  private add(path: PathSegment[], code: TemplateErrorCode, message: string, at?: 'key'): void {
    this.problems.push(at ? { path, code, message, at } : { path, code, message });
  }

  record(v: unknown, path: PathSegment[], allowed: readonly string[], required: readonly string[]): Record<string, unknown> | null {
    if (!isRecord(v)) {
      this.add(path, 'type', 'オブジェクト（{ }）で指定してください。');
      return null;
    }
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) this.add([...path, k], 'unknown-field', `「${k}」は使えない項目です。`, 'key');
    }
    for (const k of required) {
      if (!Object.hasOwn(v, k)) this.add([...path, k], 'required', `「${k}」がありません。`);
    }
    return v;
  }

  string(v: unknown, path: PathSegment[], opts: { nonEmpty?: boolean } = {}): string | null {
    if (typeof v !== 'string') {
      this.add(path, 'type', '文字列（「"」で囲んだ値）で指定してください。');
      return null;
    }
    if (opts.nonEmpty && v.trim() === '') {
      this.add(path, 'required', '空にはできません。');
      return null;
    }
    // Zero-width spaces, joiners, direction marks and the like show nothing on a card.
    if (opts.nonEmpty && v.replace(/[\p{Cf}\p{Z}\s]/gu, '') === '') {
      this.add(path, 'required', '空にはできません（見えない文字だけが書かれています）。');
      return null;
    }
    const max = TEMPLATE_LIMITS.maxStringLength;
    if (v.length > max) {
      const length = [...v].length;
      if (length > max) {
        this.add(path, 'too-long', `${max}文字以内にしてください（${length}文字あります）。`);
        return null;
      }
    }
    return v;
  }

  private kebab(v: unknown, path: PathSegment[]): string | null {
    const s = this.string(v, path, { nonEmpty: true });
    if (s === null) return null;
    if (s.length > TEMPLATE_LIMITS.maxKeyLength || !KEBAB.test(s)) {
      this.add(path, 'invalid', `半角の英小文字・数字とハイフンで、${TEMPLATE_LIMITS.maxKeyLength}文字以内で指定してください（例: lost-device）。`);
      return null;
    }
    return s;
  }

  template(v: unknown, path: PathSegment[]): Omit<ScenarioTemplate, 'builtin'> | null {
    const before = this.problems.length;
    const obj = this.record(v, path, TEMPLATE_FIELDS, TEMPLATE_REQUIRED);
    if (!obj) return null;
    const at = (k: string): PathSegment[] => [...path, k];
    const id = Object.hasOwn(obj, 'id') ? this.kebab(obj.id, at('id')) : null;
    const version = obj.version;
    if (Object.hasOwn(obj, 'version') && !(typeof version === 'number' && Number.isSafeInteger(version) && version >= 1)) {
      this.add(at('version'), 'invalid', '版の番号（version）は1以上の整数で指定してください。');
    } else if (typeof version === 'number' && version > TEMPLATE_LIMITS.maxVersion) {
      const max = TEMPLATE_LIMITS.maxVersion.toLocaleString('ja-JP');
      this.add(at('version'), 'invalid', `版の番号（version）は ${max} までです（${version.toLocaleString('ja-JP')} と書かれています）。1 など小さな番号に直してください。`);
    }
    const name = Object.hasOwn(obj, 'name') ? this.string(obj.name, at('name'), { nonEmpty: true }) : null;
    const description = Object.hasOwn(obj, 'description') ? this.string(obj.description, at('description')) : null;
    if (Object.hasOwn(obj, 'builtin') && typeof obj.builtin !== 'boolean') {
      this.add(at('builtin'), 'type', 'true か false で指定してください。');
    }
    const tasks = Object.hasOwn(obj, 'tasks') ? this.tasks(obj.tasks, at('tasks')) : null;
    const en = Object.hasOwn(obj, 'en') ? this.templateEn(obj.en, at('en')) : undefined;
    if (this.problems.length > before || id === null || name === null || description === null || tasks === null || en === null) return null;
    const template = { id, version: version as number, name, description, tasks, ...(en ? { en } : {}) };
    const bytes = jsonBytes(template);
    if (bytes > TEMPLATE_LIMITS.maxBytes) {
      const kb = (n: number) => Math.ceil(n / 1024).toLocaleString('ja-JP');
      this.add(path, 'too-large', `テンプレートが大きすぎます（${kb(bytes)} KB。${kb(TEMPLATE_LIMITS.maxBytes)} KB まで）。説明やチェック項目を短くするか、テンプレートを分けてください。`);
      return null;
    }
    return template;
  }

  /** The English name and description (optional as a whole, both required inside). */
  private templateEn(v: unknown, path: PathSegment[]): { name: string; description: string } | null {
    const obj = this.record(v, path, TEMPLATE_EN_FIELDS, TEMPLATE_EN_FIELDS);
    if (!obj) return null;
    const name = Object.hasOwn(obj, 'name') ? this.string(obj.name, [...path, 'name'], { nonEmpty: true }) : null;
    const description = Object.hasOwn(obj, 'description') ? this.string(obj.description, [...path, 'description']) : null;
    return name === null || description === null ? null : { name, description };
  }

  /** A task's English words; its checklist must match the Japanese one item for item. */
  private taskEn(v: unknown, path: PathSegment[], items: number | null): TaskTranslation | null {
    const obj = this.record(v, path, TASK_EN_FIELDS, TASK_EN_REQUIRED);
    if (!obj) return null;
    const at = (k: string): PathSegment[] => [...path, k];
    const title = Object.hasOwn(obj, 'title') ? this.string(obj.title, at('title'), { nonEmpty: true }) : null;
    const notes = Object.hasOwn(obj, 'notes') ? this.string(obj.notes, at('notes')) : undefined;
    const checklist = Object.hasOwn(obj, 'checklist') ? this.checklist(obj.checklist, at('checklist')) : null;
    const source = Object.hasOwn(obj, 'source') ? this.string(obj.source, at('source')) : null;
    if (checklist !== null && items !== null && checklist.length !== items) {
      this.add(at('checklist'), 'invalid', `英語のチェック項目は日本語と同じ${items}件にしてください（${checklist.length}件あります）。`);
      return null;
    }
    if (title === null || checklist === null || source === null || notes === null) return null;
    return { title, ...(notes === undefined ? {} : { notes }), checklist, source };
  }

  private tasks(v: unknown, path: PathSegment[]): TemplateTask[] | null {
    if (!Array.isArray(v)) {
      this.add(path, 'type', '配列（[ ]）で指定してください。');
      return null;
    }
    if (v.length === 0) {
      this.add(path, 'required', 'タスクが1件もありません。');
      return null;
    }
    if (v.length > TEMPLATE_LIMITS.maxTasks) {
      this.add(path, 'too-many', `タスクは${TEMPLATE_LIMITS.maxTasks}件までです（${v.length}件あります）。`);
      return null;
    }
    const firstIndexOfKey = new Map<string, number>();
    const out: TemplateTask[] = [];
    v.forEach((item: unknown, i) => {
      const task = this.task(item, [...path, i]);
      if (task) out.push(task);
      // Checked even when the task has other errors, so all problems show in one pass.
      const key = isRecord(item) && typeof item.key === 'string' && item.key !== '' ? item.key : null;
      if (key === null) return;
      const first = firstIndexOfKey.get(key);
      if (first === undefined) firstIndexOfKey.set(key, i);
      else this.add([...path, i, 'key'], 'duplicate', `キー「${key}」が重複しています（最初は ${formatPath([...path, first])}）。`);
    });
    return out.length === v.length ? out : null;
  }

  private task(v: unknown, path: PathSegment[]): TemplateTask | null {
    const before = this.problems.length;
    const obj = this.record(v, path, TASK_FIELDS, TASK_REQUIRED);
    if (!obj) return null;
    const at = (k: string): PathSegment[] => [...path, k];
    const key = Object.hasOwn(obj, 'key') ? this.kebab(obj.key, at('key')) : null;
    if (Object.hasOwn(obj, 'phase') && !isPhase(obj.phase)) {
      const shown = typeof obj.phase === 'string' ? `「${obj.phase.slice(0, 40)}」は使えません。` : '';
      this.add(at('phase'), 'invalid', `${shown}フェーズは ${PHASES.join(', ')} のいずれかで指定してください。`);
    }
    const title = Object.hasOwn(obj, 'title') ? this.string(obj.title, at('title'), { nonEmpty: true }) : null;
    const notes = Object.hasOwn(obj, 'notes') ? this.string(obj.notes, at('notes')) : undefined;
    const due = obj.dueAfterHours;
    if (Object.hasOwn(obj, 'dueAfterHours') && due !== null) {
      if (typeof due !== 'number' || !Number.isFinite(due) || due < 0) {
        this.add(at('dueAfterHours'), 'invalid', '発見からの時間（0以上の数値）か null で指定してください。');
      } else if (due > TEMPLATE_LIMITS.maxDueAfterHours) {
        this.add(at('dueAfterHours'), 'invalid', `${TEMPLATE_LIMITS.maxDueAfterHours}時間以内にしてください。`);
      }
    }
    const checklist = Object.hasOwn(obj, 'checklist') ? this.checklist(obj.checklist, at('checklist')) : null;
    const source = Object.hasOwn(obj, 'source') ? this.string(obj.source, at('source')) : null;
    const en = Object.hasOwn(obj, 'en') ? this.taskEn(obj.en, at('en'), checklist?.length ?? null) : undefined;
    if (this.problems.length > before || key === null || title === null || checklist === null || source === null || en === null) return null;
    return {
      key,
      phase: obj.phase as TemplateTask['phase'],
      title,
      ...(notes === undefined || notes === null ? {} : { notes }),
      // -0 would survive a round trip as 0 and break equality.
      dueAfterHours: due === null ? null : (due as number) + 0,
      checklist,
      source,
      ...(en ? { en } : {}),
    };
  }

  private checklist(v: unknown, path: PathSegment[]): string[] | null {
    if (!Array.isArray(v)) {
      this.add(path, 'type', '文字列の配列（[ ]）で指定してください。');
      return null;
    }
    if (v.length > TEMPLATE_LIMITS.maxChecklistItems) {
      this.add(path, 'too-many', `チェック項目は${TEMPLATE_LIMITS.maxChecklistItems}件までです（${v.length}件あります）。`);
      return null;
    }
    const items = v.map((item: unknown, i) => this.string(item, [...path, i], { nonEmpty: true }));
    return items.every((s): s is string => s !== null) ? items : null;
  }
}
