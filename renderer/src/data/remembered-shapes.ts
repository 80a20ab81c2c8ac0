/**
 * Column mappings remembered per file shape (its header line), so that tomorrow's file of the
 * same shape maps itself: customer lists and the call-centre vendor's files.
 *
 * They live in the device preferences, which are readable without the passphrase. A header
 * line is usually column names, but a file without one has a customer's row (or a caller's
 * enquiry) in its place, and it imports just the same. So a preference is keyed by a keyed
 * hash of the header (HMAC-SHA-256 under the workspace's index key, first 16 bytes), never by
 * the header itself; the value is column numbers only. Without the workspace key nobody can
 * tell from the key which file was seen, or confirm a guess.
 */
import { toBase64Url, utf8 } from '../../../shared/vault/bytes';
import type { HonbuDb } from './db';
import { reportError } from '../errors/report';

const CONTEXT = 'honbu/remembered-shape/v1';

/** The preference key for this scope and header line, or null without an index key (nothing is remembered then). */
export async function shapeKey(indexKey: CryptoKey | undefined, scope: string, header: readonly string[]): Promise<string | null> {
  if (!indexKey) return null;
  const mac = await crypto.subtle.sign('HMAC', indexKey, utf8(`${CONTEXT}\u0000${scope}\u0000${JSON.stringify(header)}`));
  return `shape:${scope}:${toBase64Url(new Uint8Array(mac).slice(0, 16))}`;
}

export async function recallShape<T>(db: HonbuDb, indexKey: CryptoKey | undefined, scope: string, header: readonly string[]): Promise<T | undefined> {
  const key = await shapeKey(indexKey, scope, header);
  return key === null ? undefined : ((await db.prefs.get(key))?.value as T | undefined);
}

export async function rememberShape(db: HonbuDb, indexKey: CryptoKey | undefined, scope: string, header: readonly string[], value: unknown): Promise<void> {
  const key = await shapeKey(indexKey, scope, header);
  if (key !== null) await db.prefs.put({ key, value });
}

/**
 * Preferences written before this module keyed a mapping by its header in clear
 * (`contacts-mapping:["…"]`, `faq-vendor-mapping:<kind>:["…"]`). At unlock each is stored again
 * under its keyed hash and the clear one deleted, in one transaction; one that cannot be read,
 * or whose value holds anything but column numbers, is deleted all the same. Returns how many
 * were found.
 */
export async function forgetHeadersInClear(db: HonbuDb, indexKey: CryptoKey | undefined): Promise<number> {
  if (!indexKey) return 0;
  const old = (await db.prefs.toArray()).filter((r) => LEGACY.some((l) => r.key.startsWith(l.prefix)));
  if (old.length === 0) return 0;
  const moved: { key: string; value: unknown }[] = [];
  for (const row of old) {
    const legacy = LEGACY.find((l) => row.key.startsWith(l.prefix))!;
    const shape = legacy.parse(row.key.slice(legacy.prefix.length));
    const key = shape && numbersOnly(row.value) ? await shapeKey(indexKey, shape.scope, shape.header) : null;
    if (key !== null) moved.push({ key, value: row.value });
  }
  await db.transaction('rw', db.prefs, async () => {
    for (const m of moved) if ((await db.prefs.get(m.key)) === undefined) await db.prefs.put(m);
    await db.prefs.bulkDelete(old.map((r) => r.key));
  });
  return old.length;
}

/** Runs forgetHeadersInClear in the background of an unlock: a failure is reported, never in the way. */
export function forgetHeadersInClearLater(db: HonbuDb, indexKey: CryptoKey | undefined): void {
  forgetHeadersInClear(db, indexKey).catch((e: unknown) => {
    // A lock right after the unlock closes the database under it: the next unlock does it.
    if (!(e instanceof Error && e.name === 'DatabaseClosedError')) reportError(e, 'background');
  });
}

/**
 * A mapping as this app stores them: column numbers, and a vendor file's kind. Anything else
 * (text that could be a customer's) is not moved: the old preference is deleted with nothing
 * in its place, and the person maps that file shape again.
 */
function numbersOnly(value: unknown, key = ''): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return key === 'kind' && (value === 'log' || value === 'report');
  if (Array.isArray(value)) return value.every((v) => numbersOnly(v));
  if (typeof value === 'object' && value !== null) return Object.entries(value).every(([k, v]) => numbersOnly(v, k));
  return false;
}

const headerOf = (json: string): string[] | null => {
  try {
    const h: unknown = JSON.parse(json);
    return Array.isArray(h) && h.every((c) => typeof c === 'string') ? (h as string[]) : null;
  } catch {
    return null;
  }
};

const LEGACY: { prefix: string; parse(rest: string): { scope: string; header: string[] } | null }[] = [
  {
    prefix: 'contacts-mapping:',
    parse: (rest) => {
      const header = headerOf(rest);
      return header ? { scope: 'contacts', header } : null;
    },
  },
  {
    prefix: 'faq-vendor-mapping:',
    parse: (rest) => {
      const colon = rest.indexOf(':');
      const header = colon > 0 ? headerOf(rest.slice(colon + 1)) : null;
      return header ? { scope: `faq-vendor:${rest.slice(0, colon)}`, header } : null;
    },
  },
];
