/**
 * The two halves of joining a team, on top of the lobby and the invite exchange
 * (shared/sync/invite.ts): the host invites, admits and answers; the joiner redeems the
 * code. What the joiner gets back is the workspace master key (to make its own vault under
 * its own passphrase), the keyring of epoch keys and the sync settings; it is trusted once
 * the host's signed roster event reaches the others.
 */
import { generateDeviceKey, type DeviceKey, type DeviceKeySecrets } from '../../../shared/sync/device-key';
import {
  admitDraft,
  answerJoin,
  checkOffer,
  DEFAULT_INVITE_TTL_MS,
  hostExchange,
  inviteIdOf,
  inviteMasterKey,
  inviteQr,
  InviteError,
  isAnswerTo,
  joinRequest,
  newInviteCode,
  openAnswer,
  openJoinRequest,
  type InvitePayload,
  type JoinDevice,
} from '../../../shared/sync/invite';
import { originDevice } from '../../../shared/sync/envelope';
import { DEVICE_ADDED, isRosterEvent, Roster, type DeviceAddedPayload, type RosterRefusal, type RosterRoot } from '../../../shared/sync/roster';
import { randomBytes, toBase64Url } from '../../../shared/vault/bytes';
import type { EventStore } from '../data/event-store';
import { readKeyring } from './device-store';
import { Lobby, LobbyClosedError } from './lobby';
import type { SyncClientOptions } from './sync-client';

type Ws = SyncClientOptions['WebSocketPolyfill'];

export interface HostedInvite {
  /** Shown on the host's screen and typed by the joiner with the server address. */
  code: string;
  /** QR text payload carrying the server address, the code and the certificate fingerprint. */
  qr: string;
  /** When the server deletes the invite (its clock, ms). */
  expiresAt: number;
  /** Resolves with the admitted device once a joiner used the code (or undefined on expiry/cancel). */
  admitted: Promise<JoinDevice | undefined>;
  cancel(): void;
}

/** How long the host leaves the answer in the room before dropping it, so a joiner on a slow link reads it. */
const ANSWER_GRACE_MS = 1500;
/** The longest an invite lives (the sync server caps an invite room's life at 24 h). */
const MAX_INVITE_WAIT_MS = 24 * 60 * 60 * 1000;

/**
 * Host: opens the invite's room (the server deletes it at expiry), leaves the offer, and
 * admits the first device whose request checks with the code: appends (and so signs) its
 * roster event, then answers with the bundle — the master key, the keyring as it is at
 * that moment, the server and its fingerprint. Requests that do not check are ignored and
 * the invite stays open. One use only; the master key is kept in memory until then.
 */
export async function hostInvite(args: {
  store: EventStore;
  masterKey: Uint8Array;
  serverUrl: string;
  fingerprint?: string | null;
  room: string;
  root: RosterRoot;
  hostDevice: string;
  roles: string[];
  ttlMs?: number;
  /** The running sync client's roster, which judges this laptop's own roster events; without it, the one its store holds. */
  roster?: Roster;
  WebSocketPolyfill?: Ws;
}): Promise<HostedInvite> {
  const ttlMs = args.ttlMs ?? DEFAULT_INVITE_TTL_MS;
  const code = newInviteCode();
  const host = await hostExchange(code);
  const secret = randomBytes(32);
  const master = new Uint8Array(args.masterKey);
  const lobby = await Lobby.open(args.serverUrl, code, { WebSocketPolyfill: args.WebSocketPolyfill });
  let expiresAt: number;
  // The invite's life as this laptop measures it, from when it asked for the room: `expiresAt`
  // is the server's clock, which this laptop's may be hours off (the server enforces it anyway).
  const openedAt = performance.now();
  const waitMs = Math.min(ttlMs, MAX_INVITE_WAIT_MS);
  try {
    expiresAt = await lobby.openRoom(ttlMs, secret);
  } catch (err) {
    lobby.close();
    master.fill(0);
    throw err;
  }
  lobby.post(host.offer);
  let cancelled = false;
  const fingerprint = args.fingerprint ?? null;
  const admitted = (async () => {
    try {
      for (let from = 0; ; ) {
        const request = await lobby.joinRequest(host.inviteId, from, openedAt + waitMs - performance.now());
        if (!request || cancelled) return undefined;
        from = request.index + 1;
        let opened;
        try {
          opened = await openJoinRequest(host, request.value);
        } catch (err) {
          if (err instanceof InviteError) continue; // not made with our code: ignore it, keep waiting
          throw err;
        }
        // Only someone new is admitted: a request naming a person or a laptop the team already has
        // would be the host signing another's name (the roster refuses it on every laptop, 063).
        if (await alreadyInTeam(args.store, args.root, opened.device)) continue;
        // Signed only if this laptop's roster takes it, judged as the store takes it: an addition
        // the roster refuses is neither stored, nor sent, nor handed over with the bundle.
        const refusal = await admit(args, opened.device);
        if (refusal === 'person-of-another' || refusal === 'key-conflict') continue; // someone the team has meanwhile
        if (refusal) return undefined; // this laptop may not add anyone (not, or no longer, trusted here): the invite ends
        const bundle: InvitePayload = {
          masterKey: toBase64Url(master),
          keyring: await readKeyring(args.store),
          serverUrl: args.serverUrl,
          fingerprint,
          room: args.room,
          root: args.root,
          invitedBy: args.hostDevice,
          roles: args.roles,
          expiresAt,
        };
        lobby.post(await answerJoin(host, opened.joinerPub, bundle));
        await lobby.stored();
        await new Promise((r) => setTimeout(r, ANSWER_GRACE_MS));
        return opened.device;
      }
    } finally {
      master.fill(0);
      lobby.withdraw(secret);
      void lobby.closeWhenSent();
    }
  })();
  return {
    code,
    qr: inviteQr({ serverUrl: args.serverUrl, code, ...(fingerprint ? { fingerprint } : {}) }),
    expiresAt,
    admitted,
    cancel() {
      cancelled = true;
      lobby.withdraw(secret);
      // Ends the wait for a join request; `admitted` then resolves with undefined.
      void lobby.closeWhenSent();
    },
  };
}

class AdmissionRefused extends Error {
  constructor(readonly reason: RosterRefusal) {
    super(`invite: the roster refuses the admission (${reason})`);
  }
}

/**
 * Appends the joiner's addition if this laptop's roster (the running client's, else the one
 * the store holds) takes it from this laptop, checked in the store's write lock just before
 * the addition is written; then checks that the roster holds the joiner as this laptop added
 * it. Null when admitted, else why not (nothing was written, or the roster refused what was).
 */
async function admit(args: { store: EventStore; root: RosterRoot; hostDevice: string; roles: string[]; roster?: Roster }, device: JoinDevice): Promise<RosterRefusal | null> {
  const draft = admitDraft(device, args.roles);
  const payload = draft.payload as DeviceAddedPayload;
  const roster = async () => args.roster ?? storedRoster(args.store, args.root);
  try {
    await args.store.append([draft], {
      tables: [],
      async prepare() {
        const refusal = (await roster()).admits(payload, args.hostDevice);
        if (refusal) throw new AdmissionRefused(refusal);
        return async () => undefined;
      },
    });
  } catch (err) {
    if (err instanceof AdmissionRefused) return err.reason;
    throw err;
  }
  const added = (await roster()).device(device.deviceId);
  return added?.addedBy === args.hostDevice && added.personId === device.personId ? null : 'person-of-another';
}

/** The roster as this laptop's store holds it (every roster event stored was verified, or is its own). */
async function storedRoster(store: EventStore, root: RosterRoot): Promise<Roster> {
  return Roster.fromEvents(root, (await store.readEvents(null)).filter(isRosterEvent), originDevice);
}

/**
 * Whether a joiner names a person the team already has — the founder, or anyone a stored
 * roster event names (revoked laptops too) — or a laptop id already taken. The app's joiner
 * always comes as a new person with a new laptop; a person's further laptop is added by a
 * laptop of their own, never through another member's invite.
 */
async function alreadyInTeam(store: EventStore, root: RosterRoot, joiner: JoinDevice): Promise<boolean> {
  if (joiner.personId === root.personId || joiner.deviceId === root.deviceId) return true;
  const added = (await store.readEvents(null, [DEVICE_ADDED])).map((e) => e.payload as Partial<DeviceAddedPayload>);
  return added.some((p) => p.personId === joiner.personId || p.deviceId === joiner.deviceId);
}

export interface Redeemed {
  invite: InvitePayload;
  masterKey: Uint8Array<ArrayBuffer>;
  device: DeviceKey;
  /** The new device's private keys: seal them under the new workspace key and keep them. */
  secrets: DeviceKeySecrets;
}

/**
 * Joiner: finds the host's offer with the code, creates this laptop's device keys, asks to
 * be admitted and waits for the host's answer. The caller then makes its vault with
 * `vaultFromMasterKey` under the joiner's own passphrase, keeps the keyring, and starts a
 * SyncClient with `invite.root`. Throws InviteError('wrong-code' | 'expired' | 'malformed'):
 * a wrong code, an invite used, withdrawn or expired all look the same from here.
 */
export async function redeemInvite(args: {
  serverUrl: string;
  code: string;
  deviceId: string;
  personId: string;
  personName: string;
  now: () => number;
  /** How long to wait for an offer the lobby does not have yet (the host publishes before showing the code). */
  waitMs?: number;
  /** How long to wait for the host's answer once asked. */
  answerMs?: number;
  WebSocketPolyfill?: Ws;
}): Promise<Redeemed> {
  const inviteId = await inviteIdOf(args.code);
  let lobby: Lobby;
  try {
    lobby = await Lobby.open(args.serverUrl, args.code, { WebSocketPolyfill: args.WebSocketPolyfill });
  } catch (err) {
    if (err instanceof LobbyClosedError) throw new InviteError('wrong-code');
    throw err;
  }
  try {
    // The first offer that checks with the code is the host's; anything else in the room is ignored.
    let hostPub: string | null = null;
    const offerDeadline = Date.now() + (args.waitMs ?? 1500);
    for (let from = 0; !hostPub; ) {
      const r = await lobby.hostRecord(inviteId, from, offerDeadline - Date.now());
      if (!r) throw new InviteError('wrong-code');
      from = r.index + 1;
      if (r.value.kind === 'offer') hostPub = await checkOffer(args.code, r.value);
    }
    const { key, pkcs8, agreementPkcs8 } = await generateDeviceKey(args.deviceId);
    const joiner = await joinRequest(args.code, hostPub, {
      deviceId: args.deviceId,
      publicKey: key.publicKey,
      agreementKey: key.agreement.publicKey,
      personId: args.personId,
      personName: args.personName,
    });
    lobby.requestJoin(joiner.request);
    const answerDeadline = Date.now() + (args.answerMs ?? 20_000);
    for (let from = 0; ; ) {
      const r = await lobby.hostRecord(inviteId, from, answerDeadline - Date.now());
      if (!r) throw new InviteError('wrong-code');
      from = r.index + 1;
      if (!isAnswerTo(joiner, r.value)) continue;
      const invite = await openAnswer(joiner, r.value, args.now());
      return { invite, masterKey: inviteMasterKey(invite), device: key, secrets: { pkcs8, agreementPkcs8 } };
    }
  } finally {
    await lobby.closeWhenSent();
  }
}
