/**
 * The two halves of joining a team, on top of the lobby and the invite crypto:
 * the host invites and admits, the joiner redeems the code. What the joiner gets back is
 * the workspace master key (to make its own vault under its own passphrase) and the
 * sync settings; it is trusted once the host's signed roster event reaches the others.
 */
import { generateDeviceKey, type DeviceKey } from '../../../shared/sync/device-key';
import {
  admitDraft,
  createInvite,
  inviteIdOf,
  inviteMasterKey,
  InviteError,
  openInvite,
  openJoinRequest,
  sealJoinRequest,
  type InvitePayload,
  type JoinDevice,
} from '../../../shared/sync/invite';
import type { RosterRoot } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import { Lobby } from './lobby';
import type { SyncClientOptions } from './sync-client';

type Ws = SyncClientOptions['WebSocketPolyfill'];

export interface HostedInvite {
  /** Shown on the host's screen and typed by the joiner with the server address. */
  code: string;
  /** QR text payload carrying the server address and the code. */
  qr: string;
  /** Resolves with the admitted device once a joiner used the code (or undefined on timeout/cancel). */
  admitted: Promise<JoinDevice | undefined>;
  cancel(): void;
}

/**
 * Host: publishes a sealed offer in the invite's room and admits the first device whose
 * request opens with the code, by appending (and so signing) its roster event; requests
 * that do not open are ignored and the invite stays valid. One use only.
 */
export async function hostInvite(args: {
  store: EventStore;
  masterKey: Uint8Array;
  serverUrl: string;
  room: string;
  root: RosterRoot;
  hostDevice: string;
  roles: string[];
  now: number;
  ttlMs?: number;
  WebSocketPolyfill?: Ws;
}): Promise<HostedInvite> {
  const ttlMs = args.ttlMs ?? 30 * 60 * 1000;
  const { code, offer, qr } = await createInvite({ ...args, invitedBy: args.hostDevice, ttlMs });
  const lobby = await Lobby.open(args.serverUrl, code, { WebSocketPolyfill: args.WebSocketPolyfill });
  lobby.publish(offer);
  let cancelled = false;
  const deadline = Date.now() + ttlMs;
  const admitted = (async () => {
    try {
      for (let from = 0; ; ) {
        const request = await lobby.joinRequest(offer.inviteId, from, deadline - Date.now());
        if (!request || cancelled) return undefined;
        from = request.index + 1;
        let device;
        try {
          device = await openJoinRequest(request.value, code);
        } catch (err) {
          if (err instanceof InviteError) continue; // not sealed with our code: ignore it, keep waiting
          throw err;
        }
        await args.store.append([admitDraft(device, args.roles)]);
        return device;
      }
    } finally {
      lobby.withdraw();
      void lobby.closeWhenSent();
    }
  })();
  return {
    code,
    qr,
    admitted,
    cancel() {
      cancelled = true;
      lobby.withdraw();
      // Ends the wait for a join request; `admitted` then resolves with undefined.
      void lobby.closeWhenSent();
    },
  };
}

export interface Redeemed {
  invite: InvitePayload;
  masterKey: Uint8Array<ArrayBuffer>;
  device: DeviceKey;
  /** PKCS#8 of the new device key: seal it under the new workspace key and keep it. */
  devicePkcs8: Uint8Array<ArrayBuffer>;
}

/**
 * Joiner: fetches and opens the offer with the code, creates this laptop's device key and
 * asks to be admitted. The caller then makes its vault with `vaultFromMasterKey` under the
 * joiner's own passphrase and starts a SyncClient with `invite.root` and `invite.room`.
 * Throws InviteError('wrong-code' | 'expired' | 'malformed').
 */
export async function redeemInvite(args: {
  serverUrl: string;
  code: string;
  deviceId: string;
  personId: string;
  personName: string;
  now: number;
  /** How long to wait for an offer the lobby does not have yet (the host publishes before showing the code). */
  waitMs?: number;
  WebSocketPolyfill?: Ws;
}): Promise<Redeemed> {
  const inviteId = await inviteIdOf(args.code);
  const lobby = await Lobby.open(args.serverUrl, args.code, { WebSocketPolyfill: args.WebSocketPolyfill });
  try {
    const offer = await lobby.offer(inviteId, args.waitMs ?? 1500);
    if (!offer) throw new InviteError('wrong-code');
    const invite = await openInvite(offer, args.code, args.now);
    const { key, pkcs8 } = await generateDeviceKey(args.deviceId);
    lobby.requestJoin(
      await sealJoinRequest(inviteId, args.code, { deviceId: args.deviceId, publicKey: key.publicKey, personId: args.personId, personName: args.personName }),
    );
    return { invite, masterKey: inviteMasterKey(invite), device: key, devicePkcs8: pkcs8 };
  } finally {
    await lobby.closeWhenSent();
  }
}
