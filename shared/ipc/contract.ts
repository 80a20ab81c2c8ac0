/**
 * The one contract between the Electron main process, the preload and the renderer.
 * Every IPC channel is `domain:verb`; main registers a handler typed against this map,
 * the preload exposes `window.honbu` whose type is derived from it, and the renderer
 * falls back to browser features when `window.honbu` is absent (plain web page / tests).
 */

export type Language = 'ja' | 'en';

export interface FileFilter {
  /** Shown in the save dialog, e.g. "CSV". */
  name: string;
  /** Extensions without the dot, e.g. ["csv"]. */
  extensions: string[];
}

export interface SaveFileRequest {
  /** File name proposed to the user; never a path. */
  suggestedName: string;
  /** Text (written as UTF-8) or bytes (written as they are, e.g. Shift_JIS CSV). */
  data: string | Uint8Array;
  filters?: FileFilter[];
}

export interface SaveResult {
  /** False when the user cancelled the dialog. */
  saved: boolean;
}

/**
 * A file written in chunks (decision 026: the printing vendor's file of millions of rows):
 * the save dialog, then chunks in order, then close. Until closed with `keep`, the bytes go to a
 * temporary file beside the chosen one; closing without `keep` (cancel) or a failed write
 * removes it, so no half-written file is left under the chosen name.
 */
export interface SaveStreamOpenRequest {
  suggestedName: string;
  filters?: FileFilter[];
}

export interface SaveStreamOpenResult {
  /** The stream's id for the writes; null when the user cancelled the dialog. */
  id: string | null;
}

export interface SaveStreamWriteRequest {
  id: string;
  data: Uint8Array;
}

export interface SaveStreamCloseRequest {
  id: string;
  /** True: the file is complete, put it under the chosen name. False: remove what was written. */
  keep: boolean;
}

export interface PrintToPdfRequest {
  suggestedName: string;
}

export interface NotifyRequest {
  title: string;
  body: string;
}

export interface AppInfo {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  platform: string;
  /** Where the workspace (IndexedDB, encrypted) lives on this machine. */
  dataPath: string;
}

/** Hosting the team sync server on this laptop ("host this incident"), desktop only. */
export interface SyncHostStartRequest {
  /** Address to listen on: '0.0.0.0' (every network) or one of this laptop's LAN addresses. */
  host: string;
  /** TCP port; 0 lets the system choose. */
  port: number;
}

export interface SyncHostAddress {
  /** Network interface name, e.g. "en0", "Wi-Fi". */
  name: string;
  address: string;
  family: 'IPv4' | 'IPv6';
}

export interface SyncHostStatus {
  running: boolean;
  /** Where it listens (null when stopped). */
  host: string | null;
  port: number | null;
  /** wss:// addresses other laptops can use: one per LAN address it is reachable on. */
  urls: string[];
  /** SHA-256 of the server's own TLS certificate (base64url), which invites carry and joiners pin; null when stopped. */
  fingerprint: string | null;
  /** This laptop's LAN addresses (to choose from before starting). */
  addresses: SyncHostAddress[];
}

/**
 * Which certificate a sync server may present (desktop only: Chromium checks it in main).
 * A fingerprint pins that server's host to it; null accepts any certificate from that host
 * for now and remembers it, so a joiner who typed the invite code can check it against the
 * invite afterwards.
 */
export interface SyncTrustRequest {
  /** The server's wss:// address. */
  url: string;
  fingerprint: string | null;
}

export interface SyncTrustResult {
  /** The fingerprint of the certificate that host last presented, if any. */
  seen: string | null;
}

/**
 * Argon2id of a passphrase in main, natively (decision 004, addendum 4): the same key-encryption
 * key bytes the renderer's WebAssembly derives, in far less time. Only decision 004's cost is
 * accepted, one derivation at a time, so a renderer cannot make main spend gigabytes.
 */
export interface KdfRequest {
  passphrase: string;
  salt: Uint8Array;
  memorySize: number;
  iterations: number;
  parallelism: number;
}

/** Commands the application menu sends to the renderer. */
export type MenuCommand = 'lock' | 'settings' | 'about' | 'print' | 'my-work';

export const MENU_COMMANDS: readonly MenuCommand[] = ['lock', 'settings', 'about', 'print', 'my-work'];

/** Renderer → main invocations: channel → [argument, result]. */
export interface IpcContract {
  'app:info': { arg: void; result: AppInfo };
  'file:save': { arg: SaveFileRequest; result: SaveResult };
  'print:pdf': { arg: PrintToPdfRequest; result: SaveResult };
  'notify:show': { arg: NotifyRequest; result: void };
  'menu:set-language': { arg: Language; result: void };
  'sync:host-start': { arg: SyncHostStartRequest; result: SyncHostStatus };
  'sync:host-stop': { arg: void; result: SyncHostStatus };
  'sync:host-status': { arg: void; result: SyncHostStatus };
  'sync:trust-server': { arg: SyncTrustRequest; result: SyncTrustResult };
  'file:stream-open': { arg: SaveStreamOpenRequest; result: SaveStreamOpenResult };
  'file:stream-write': { arg: SaveStreamWriteRequest; result: void };
  'file:stream-close': { arg: SaveStreamCloseRequest; result: SaveResult };
  'vault:kdf': { arg: KdfRequest; result: Uint8Array };
}

export type IpcChannel = keyof IpcContract;

export const IPC_CHANNELS: readonly IpcChannel[] = [
  'app:info',
  'file:save',
  'print:pdf',
  'notify:show',
  'menu:set-language',
  'sync:host-start',
  'sync:host-stop',
  'sync:host-status',
  'sync:trust-server',
  'file:stream-open',
  'file:stream-write',
  'file:stream-close',
  'vault:kdf',
];

/** Main → renderer message carrying a MenuCommand. */
export const MENU_COMMAND_CHANNEL = 'menu:command';

/** The object the preload exposes as `window.honbu`. */
export interface HonbuApi {
  /** Name, versions and the data folder, for the about box. */
  appInfo(): Promise<AppInfo>;
  /** Native save dialog, then writes the data; resolves `{saved:false}` if cancelled. */
  saveFile(req: SaveFileRequest): Promise<SaveResult>;
  /** Prints the current page to PDF (A4) and asks where to save it. */
  printToPdf(req: PrintToPdfRequest): Promise<SaveResult>;
  /** OS notification (deadlines, reminders). */
  notify(req: NotifyRequest): Promise<void>;
  /** Rebuilds the application menu in the given language. */
  setMenuLanguage(lang: Language): Promise<void>;
  /** Starts the team sync server on this laptop (data under the app's data folder). */
  syncHostStart(req: SyncHostStartRequest): Promise<SyncHostStatus>;
  /** Stops the sync server this laptop hosts; what it stored stays on disk. */
  syncHostStop(): Promise<SyncHostStatus>;
  /** Whether this laptop hosts the sync server, where, and its LAN addresses. */
  syncHostStatus(): Promise<SyncHostStatus>;
  /** Pins a sync server's certificate (or watches which one it presents). */
  syncTrustServer(req: SyncTrustRequest): Promise<SyncTrustResult>;
  /** Native save dialog for a file written in chunks; `{id:null}` if cancelled. */
  saveStreamOpen(req: SaveStreamOpenRequest): Promise<SaveStreamOpenResult>;
  /** Appends one chunk to the stream's file (in the order sent). */
  saveStreamWrite(req: SaveStreamWriteRequest): Promise<void>;
  /** Finishes the file (keep) or removes it (cancel). */
  saveStreamClose(req: SaveStreamCloseRequest): Promise<SaveResult>;
  /** Argon2id of the passphrase, natively in main: the 32 key bytes (the caller wipes them). */
  kdf(req: KdfRequest): Promise<Uint8Array>;
  /** Subscribes to application-menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** Maps each HonbuApi invoke method to its channel, so preload and tests agree. */
export const API_CHANNELS = {
  appInfo: 'app:info',
  saveFile: 'file:save',
  printToPdf: 'print:pdf',
  notify: 'notify:show',
  setMenuLanguage: 'menu:set-language',
  syncHostStart: 'sync:host-start',
  syncHostStop: 'sync:host-stop',
  syncHostStatus: 'sync:host-status',
  syncTrustServer: 'sync:trust-server',
  saveStreamOpen: 'file:stream-open',
  saveStreamWrite: 'file:stream-write',
  saveStreamClose: 'file:stream-close',
  kdf: 'vault:kdf',
} as const satisfies Record<Exclude<keyof HonbuApi, 'onMenuCommand'>, IpcChannel>;

const MAX_NAME = 200;
const MAX_TEXT = 1000;
const MAX_BYTES = 512 * 1024 * 1024;
/** One chunk of a streamed save; the renderer sends a few MB at a time. */
export const MAX_STREAM_CHUNK = 64 * 1024 * 1024;
const STREAM_ID = /^[A-Za-z0-9_-]{22}$/;

function isStreamId(value: unknown): value is string {
  return typeof value === 'string' && STREAM_ID.test(value);
}

/** A plain file name: no folders, no traversal, no control characters. */
export function isSafeFileName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= MAX_NAME &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    !/[\\/\u0000-\u001f]/.test(name) &&
    name !== '.' &&
    name !== '..'
  );
}

function isShortText(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isFilterList(value: unknown): value is FileFilter[] {
  return (
    Array.isArray(value) &&
    value.length <= 10 &&
    value.every(
      (f) =>
        typeof f === 'object' &&
        f !== null &&
        isShortText((f as FileFilter).name, 100) &&
        Array.isArray((f as FileFilter).extensions) &&
        (f as FileFilter).extensions.every((e) => typeof e === 'string' && /^[a-z0-9]{1,10}$/i.test(e)),
    )
  );
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]{2,39}$/i;

/** An IP address literal (never a host name: nothing to resolve, nothing to spoof). */
export function isIpAddress(value: unknown): value is string {
  return typeof value === 'string' && (IPV4.test(value) || (IPV6.test(value) && value.includes(':')));
}

function isSyncHostStart(arg: unknown): arg is SyncHostStartRequest {
  if (typeof arg !== 'object' || arg === null) return false;
  const r = arg as SyncHostStartRequest;
  return (
    Object.keys(r).length === 2 &&
    isIpAddress(r.host) &&
    Number.isInteger(r.port) &&
    // Unprivileged ports only: the app never runs as root.
    (r.port === 0 || (r.port >= 1024 && r.port <= 65535))
  );
}

/** A wss:// address with a host, and a certificate fingerprint (or null). */
function isSyncTrust(arg: unknown): arg is SyncTrustRequest {
  if (typeof arg !== 'object' || arg === null) return false;
  const r = arg as SyncTrustRequest;
  if (Object.keys(r).length !== 2 || !isShortText(r.url, 300)) return false;
  if (r.fingerprint !== null && !(typeof r.fingerprint === 'string' && /^[A-Za-z0-9_-]{43}$/.test(r.fingerprint))) return false;
  try {
    const u = new URL(r.url);
    return u.protocol === 'wss:' && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Argument validators, one per channel. Main runs these on every call, because a
 * compromised renderer can send anything.
 */
/** The one cost main derives at: decision 004's (KiB, passes, lanes). */
const KDF_COSTS: readonly (readonly [number, number, number])[] = [[64 * 1024, 3, 1]];

function isKdfRequest(arg: unknown): arg is KdfRequest {
  if (typeof arg !== 'object' || arg === null) return false;
  const r = arg as KdfRequest;
  return (
    Object.keys(r).length === 5 &&
    typeof r.passphrase === 'string' &&
    r.passphrase.length > 0 &&
    r.passphrase.length <= 1024 &&
    r.salt instanceof Uint8Array &&
    r.salt.byteLength >= 16 &&
    r.salt.byteLength <= 64 &&
    KDF_COSTS.some(([m, t, p]) => r.memorySize === m && r.iterations === t && r.parallelism === p)
  );
}

export const IPC_VALIDATORS: { [C in IpcChannel]: (arg: unknown) => arg is IpcContract[C]['arg'] } = {
  'app:info': (arg: unknown): arg is void => arg === undefined,
  'file:save': (arg: unknown): arg is SaveFileRequest => {
    if (typeof arg !== 'object' || arg === null) return false;
    const r = arg as SaveFileRequest;
    const dataOk =
      (typeof r.data === 'string' && r.data.length <= MAX_BYTES) ||
      (r.data instanceof Uint8Array && r.data.byteLength <= MAX_BYTES);
    return isSafeFileName(r.suggestedName) && dataOk && (r.filters === undefined || isFilterList(r.filters));
  },
  'print:pdf': (arg: unknown): arg is PrintToPdfRequest =>
    typeof arg === 'object' && arg !== null && isSafeFileName((arg as PrintToPdfRequest).suggestedName),
  'notify:show': (arg: unknown): arg is NotifyRequest =>
    typeof arg === 'object' &&
    arg !== null &&
    isShortText((arg as NotifyRequest).title, 200) &&
    isShortText((arg as NotifyRequest).body),
  'menu:set-language': (arg: unknown): arg is Language => arg === 'ja' || arg === 'en',
  'sync:host-start': isSyncHostStart,
  'sync:host-stop': (arg: unknown): arg is void => arg === undefined,
  'sync:host-status': (arg: unknown): arg is void => arg === undefined,
  'sync:trust-server': isSyncTrust,
  'file:stream-open': (arg: unknown): arg is SaveStreamOpenRequest => {
    if (typeof arg !== 'object' || arg === null) return false;
    const r = arg as SaveStreamOpenRequest;
    return Object.keys(r).every((k) => k === 'suggestedName' || k === 'filters') && isSafeFileName(r.suggestedName) && (r.filters === undefined || isFilterList(r.filters));
  },
  'file:stream-write': (arg: unknown): arg is SaveStreamWriteRequest => {
    if (typeof arg !== 'object' || arg === null) return false;
    const r = arg as SaveStreamWriteRequest;
    return Object.keys(r).length === 2 && isStreamId(r.id) && r.data instanceof Uint8Array && r.data.byteLength <= MAX_STREAM_CHUNK;
  },
  'file:stream-close': (arg: unknown): arg is SaveStreamCloseRequest => {
    if (typeof arg !== 'object' || arg === null) return false;
    const r = arg as SaveStreamCloseRequest;
    return Object.keys(r).length === 2 && isStreamId(r.id) && typeof r.keep === 'boolean';
  },
  'vault:kdf': isKdfRequest,
};
