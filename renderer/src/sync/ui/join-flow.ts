/**
 * A new laptop joins a team: redeem the code with the server, make this laptop's vault
 * around the team's master key under the joiner's own passphrase, keep the device keys,
 * the keyring and the sync settings. The session then opens the workspace and sync starts.
 *
 * A host serving TLS with its own certificate sends its fingerprint: in the QR code (then
 * it is pinned before anything is sent) and inside the bundle, which only the code's
 * holder can open. A joiner who typed the code checks the certificate it met against the
 * bundle's before using anything, and pins it from then on.
 */
import type { KdfRunner } from '../../../../shared/vault/kdf';
import type { KdfCost } from '../../../../shared/vault/vault';
import type { HonbuDb } from '../../data/db';
import { joinWorkspace, type Identity, type OpenWorkspace } from '../../data/workspace';
import { trustSyncServer } from '../../platform/platform';
import { saveDeviceKey, saveKeyring, saveSyncSettings } from '../device-store';
import { redeemInvite } from '../join';

export interface JoinRequestForm {
  serverUrl: string;
  code: string;
  name: string;
  passphrase: string;
  /** The host's certificate fingerprint, when the QR code carried one. */
  fingerprint?: string;
}

/** The server answered with a certificate that is not the one the host's invite names. */
export class CertificateMismatchError extends Error {
  constructor() {
    super('sync: the server’s certificate is not the one the invite names');
    this.name = 'CertificateMismatchError';
  }
}

export async function joinTeam(db: HonbuDb, form: JoinRequestForm, options: { cost?: KdfCost; derive?: KdfRunner } = {}): Promise<OpenWorkspace> {
  const identity: Identity = { deviceId: crypto.randomUUID(), personId: crypto.randomUUID() };
  const serverUrl = form.serverUrl.trim();
  // Pinned at once when the QR code named the certificate; otherwise watched, and checked below.
  if (serverUrl.startsWith('wss:')) await trustSyncServer(serverUrl, form.fingerprint ?? null);
  const redeemed = await redeemInvite({
    serverUrl,
    code: form.code,
    deviceId: identity.deviceId,
    personId: identity.personId,
    personName: form.name.trim(),
    now: Date.now,
    waitMs: 2000,
  });
  try {
    const fingerprint = redeemed.invite.fingerprint;
    if (fingerprint && serverUrl.startsWith('wss:')) {
      if (form.fingerprint && form.fingerprint !== fingerprint) throw new CertificateMismatchError();
      const { seen } = await trustSyncServer(serverUrl, fingerprint);
      if (seen !== null && seen !== fingerprint) throw new CertificateMismatchError();
    }
    const ws = await joinWorkspace(db, redeemed.masterKey, form.passphrase, identity, { name: form.name.trim() }, options);
    await saveDeviceKey(ws.store, redeemed.device, redeemed.secrets);
    await saveKeyring(ws.store, redeemed.invite.keyring);
    // The address the joiner reached the server by, not the host's own view of it
    // (a host on the LAN may have invited with a loopback address).
    await saveSyncSettings(ws.store, { serverUrl, fingerprint, room: redeemed.invite.room, root: redeemed.invite.root });
    return ws;
  } finally {
    redeemed.masterKey.fill(0);
    redeemed.secrets.pkcs8.fill(0);
    redeemed.secrets.agreementPkcs8.fill(0);
  }
}
