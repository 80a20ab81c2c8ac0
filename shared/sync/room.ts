/**
 * Membership at the door. A laptop proves it belongs to the workspace by presenting a
 * room credential — 32 bytes derived from the current epoch's key (epoch.ts) — as its
 * connection token.
 * The document it asks for is named `<kind>.<tag>.<sub>`, where the tag is a hash of the
 * credential: the server recomputes the tag from the token and refuses any document whose
 * name does not carry it. So without the key nobody can open (or even name) a room, and
 * the server keeps only tags, from which neither the credential nor the key follows.
 *
 *   kind  `w` a workspace's rooms, `i` an invite's meeting room (credential from the code)
 *   tag   base64url(SHA-256("honbu-room-tag/v1" ‖ credential)), 43 characters
 *   sub   [a-z0-9-]{1,40}, e.g. `events`
 *
 * Each epoch key gives its own credential, and so its own room: a laptop left out of an
 * epoch cannot even name its room.
 */
import { concatBytes, fromBase64Url, toBase64Url, utf8 } from '../vault/bytes';

export type RoomKind = 'w' | 'i';

export const CREDENTIAL_BYTES = 32;
const TAG_CONTEXT = 'honbu-room-tag/v1';
const SUB = /^[a-z0-9-]{1,40}$/;
const NAME = /^([wi])\.([A-Za-z0-9_-]{43})\.([a-z0-9-]{1,40})$/;

/** The invite's meeting room: anyone holding the code (the host and the joiner) can compute it, nobody else. */
export async function inviteCredential(normalisedCode: string, inviteId: string): Promise<Uint8Array<ArrayBuffer>> {
  const base = await crypto.subtle.importKey('raw', utf8(normalisedCode), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(inviteId), info: utf8('honbu/invite/v1/room-credential') },
    base,
    CREDENTIAL_BYTES * 8,
  );
  return new Uint8Array(bits);
}

export async function roomTag(credential: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', concatBytes(utf8(TAG_CONTEXT), credential));
  return toBase64Url(new Uint8Array(digest));
}

export async function roomName(kind: RoomKind, credential: Uint8Array, sub: string): Promise<string> {
  if (!SUB.test(sub)) throw new Error(`room: bad sub-room name ${JSON.stringify(sub)}`);
  return `${kind}.${await roomTag(credential)}.${sub}`;
}

/** The token a client sends: the credential, base64url. */
export const credentialToken = (credential: Uint8Array): string => toBase64Url(credential);

export interface ParsedRoom {
  kind: RoomKind;
  tag: string;
  sub: string;
}

export function parseRoomName(name: string): ParsedRoom | undefined {
  const m = NAME.exec(name);
  return m ? { kind: m[1] as RoomKind, tag: m[2]!, sub: m[3]! } : undefined;
}

/** The credential a token carries, or undefined when it is not one (wrong length, not base64url). */
export function credentialOf(token: string): Uint8Array<ArrayBuffer> | undefined {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  try {
    const bytes = fromBase64Url(token);
    return bytes.byteLength === CREDENTIAL_BYTES ? bytes : undefined;
  } catch {
    return undefined;
  }
}
