/**
 * What the local error log keeps of an unexpected error, scrubbed of personal data.
 *
 * Error messages can quote the values they choked on (`Unexpected token '山', "山田 花子…"
 * is not valid JSON`, a constraint error naming a key, a URL with a query): the log is
 * sealed, but it is also exported for support in clear, so nothing that could be a
 * person's data is kept. The rule is to keep the shape of what went wrong and drop every
 * value: quoted text, anything outside ASCII (Japanese names, addresses, full-width
 * digits), Japanese names written in Latin letters (Yamada, ICHIRO), e-mail addresses,
 * URLs, numbers of three digits or more (phones, postcodes, customer numbers, counts), long
 * ids and tokens. Stack frames keep only function names
 * and the app's own file names with line and column. See docs/decisions/010-error-log.md.
 */

/** How much of a message or a stack is kept: enough to recognise a fault, no more. */
export const MAX_MESSAGE = 300;
export const MAX_FRAMES = 15;
const MAX_NAME = 60;

/**
 * A quoted code word survives: an event type, a table or field name joined by dots or
 * hyphens (`people.profile-saved`, `contact-status`). It names a part of the app, not a
 * person; a bare word (`'tanaka'`) could be a value and does not survive.
 */
const CODE_WORD = /^[a-z]+(?:[.-][a-z]+)+$/;
const quoted = (open: string, close: string) => (_: string, inner: string) => `${open}${CODE_WORD.test(inner) ? inner : '…'}${close}`;

/**
 * A word that reads as romanised Japanese (Hepburn syllables, a syllabic n, a doubled
 * consonant, an "h" lengthening a vowel: Yamada, Matsumoto, Ichiro, Itoh): a Japanese name
 * written in Latin letters. Only capitalised or all-capital words of three letters or more
 * are taken for names (the way names are written; a lower-case word is the message's own).
 */
const ROMAJI = /^(?:(?:ky|gy|sh|ch|ny|hy|by|py|my|ry|ts|kk|ss|tt|pp|tch|[kgsztdnhbpmyrwfjv])?[aeiou](?:h(?![aeiou]))?|n(?![aeiou]))+$/i;
/** English words of engine and library messages that also read as romanised Japanese. */
const ENGLISH = new Set(
  'data database date name names node nodes mode note notes size time timeout token tokens range made make take some same home type one done none gone zone tone use used are value values move remove rename minute hide base bite site side wide ride rate dane sane page pages tone kind'.split(' '),
);
const romanisedName = (word: string) =>
  word.length >= 3 && /^[A-Z](?:[a-z]+|[A-Z]+)$/.test(word) && ROMAJI.test(word) && !ENGLISH.has(word.toLowerCase()) ? '[…]' : word;

const RULES: [RegExp, string | ((match: string, inner: string) => string)][] = [
  // Quoted values first, whatever they hold (quotes of every kind the app's messages use).
  [/"([^"\n]*)"/g, quoted('"', '"')],
  [/'([^'\n]*)'/g, quoted("'", "'")],
  [/`([^`\n]*)`/g, quoted('`', '`')],
  [/「[^」\n]*」/g, '「…」'],
  [/『[^』\n]*』/g, '『…』'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s)]+/gi, '[url]'],
  [/[^\s@()<>"',;:]+@[^\s@()<>"',;:]+/g, '[email]'],
  // A uuid, a hash, a base64 token or key: any long run mixing letters and digits.
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[id]'],
  [/\b(?=[A-Za-z0-9+/_=-]*\d)(?=[A-Za-z0-9+/_=-]*[A-Za-z])[A-Za-z0-9+/_=-]{16,}/g, '[id]'],
  [/\d{3,}/g, '[n]'],
  // Everything outside printable ASCII: Japanese text, full-width digits and letters.
  [/[^\x20-\x7e\n…「」『』]+/g, '[…]'],
  // Japanese names in Latin letters.
  [/\b[A-Za-z]+\b/g, romanisedName],
  // A name of several words is one value: one placeholder.
  [/\[…\](?:\s*\[…\])+/g, '[…]'],
];

/** A message with every value replaced by a placeholder; at most MAX_MESSAGE characters. */
export function scrubText(text: string): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (const [pattern, placeholder] of RULES) {
    out = typeof placeholder === 'string' ? out.replace(pattern, placeholder) : out.replace(pattern, placeholder);
  }
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE - 1)}…` : out;
}

/** An error class name (TypeError, QuotaExceededError): identifiers only. */
export function scrubName(name: unknown): string {
  return typeof name === 'string' && /^[A-Za-z_$][\w$]*$/.test(name) ? name.slice(0, MAX_NAME) : 'Error';
}

/** The identifier part of a function name in a frame ("EventStore.commit", "async submit"). */
function frameName(raw: string): string {
  const name = raw.replace(/^async\s+/, '').trim();
  return /^[\w$.<>[\] ]{1,80}$/.test(name) && !/\d{3,}/.test(name) ? name : '?';
}

/** The file name of a frame's URL or path, without origin, folders or query. */
function frameFile(raw: string): string {
  const path = raw.replace(/[?#].*$/, '');
  const file = path.slice(path.lastIndexOf('/') + 1);
  return /^[\w.-]{1,80}$/.test(file) ? file : '?';
}

const V8_FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?\s*$/;
const GECKO_FRAME = /^\s*(.*?)@(.*?):(\d+):(\d+)\s*$/;

/**
 * Stack frames as `name (file.js:line:col)`. Lines that are not frames (the first line
 * repeats the message) are dropped; so are the folders of every path (a user's home
 * folder names them in Electron), and any name that is not an identifier.
 */
export function scrubStack(stack: unknown): string[] {
  if (typeof stack !== 'string') return [];
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const m = V8_FRAME.exec(line) ?? GECKO_FRAME.exec(line);
    if (!m) continue;
    const [, name, location, row, col] = m;
    const at = `${frameFile(location ?? '')}:${row}:${col}`;
    frames.push(name ? `${frameName(name)} (${at})` : at);
    if (frames.length === MAX_FRAMES) break;
  }
  return frames;
}

/** React's component stack ("\n    at FaqView (…)"): component names only, innermost first. */
export function scrubComponentStack(stack: unknown): string[] {
  if (typeof stack !== 'string') return [];
  const names: string[] = [];
  for (const line of stack.split('\n')) {
    const m = /^\s*(?:at |in )?([A-Z][\w$]*)/.exec(line);
    if (m && names[names.length - 1] !== m[1]) names.push(m[1]!);
    if (names.length === MAX_FRAMES) break;
  }
  return names;
}

export interface ScrubbedError {
  name: string;
  message: string;
  stack: string[];
}

/** Anything thrown (an Error, a DOMException, a string, an object), reduced to its scrubbed shape. */
export function scrubError(error: unknown): ScrubbedError {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown; cause?: unknown; inner?: unknown };
    // A wrapper without a stack of its own (Dexie's errors outside debug mode) points at the one it wraps.
    const frames = [e.stack, (e.cause as { stack?: unknown } | undefined)?.stack, (e.inner as { stack?: unknown } | undefined)?.stack]
      .map(scrubStack)
      .find((f) => f.length > 0);
    return { name: scrubName(e.name), message: scrubText(String(e.message ?? '')), stack: frames ?? [] };
  }
  if (typeof error === 'string') return { name: 'Error', message: scrubText(error), stack: [] };
  return { name: 'Error', message: `thrown ${error === null ? 'null' : typeof error}`, stack: [] };
}
