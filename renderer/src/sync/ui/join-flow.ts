/**
 * A new laptop joins a team: redeem the code with the server, make this laptop's vault
 * around the team's master key under the joiner's own passphrase, keep the device key
 * and the sync settings. The session then opens the workspace and sync starts.
 */
import type { KdfCost } from '../../../../shared/vault/vault';
import type { HonbuDb } from '../../data/db';
import { joinWorkspace, type Identity, type OpenWorkspace } from '../../data/workspace';
import { saveDeviceKey, saveSyncSettings } from '../device-store';
import { redeemInvite } from '../join';

export interface JoinRequestForm {
  serverUrl: string;
  code: string;
  name: string;
  passphrase: string;
}

export async function joinTeam(db: HonbuDb, form: JoinRequestForm, options: { cost?: KdfCost } = {}): Promise<OpenWorkspace> {
  const identity: Identity = { deviceId: crypto.randomUUID(), personId: crypto.randomUUID() };
  const serverUrl = form.serverUrl.trim();
  const redeemed = await redeemInvite({
    serverUrl,
    code: form.code,
    deviceId: identity.deviceId,
    personId: identity.personId,
    personName: form.name.trim(),
    now: Date.now(),
    waitMs: 2000,
  });
  try {
    const ws = await joinWorkspace(db, redeemed.masterKey, form.passphrase, identity, { name: form.name.trim() }, options);
    await saveDeviceKey(ws.store, redeemed.device, redeemed.devicePkcs8);
    // The address the joiner reached the server by, not the host's own view of it
    // (a host on the LAN may have invited with a loopback address).
    await saveSyncSettings(ws.store, { serverUrl, room: redeemed.invite.room, root: redeemed.invite.root });
    return ws;
  } finally {
    redeemed.masterKey.fill(0);
  }
}
