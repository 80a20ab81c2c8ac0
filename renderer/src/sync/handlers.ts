/** The roster's commands as dispatch handlers. */
import * as commands from '../../../shared/sync/commands';
import { newEpochKey, sealEpoch } from '../../../shared/sync/epoch';
import { epochRecipients } from '../../../shared/sync/epoch-chain';
import type { Handler } from '../data/handler';
import { readEpochState } from './device-store';

export type SyncHandlers = {
  'sync.revoke-device': Handler<{ deviceId: string }>;
};

export const syncHandlers: SyncHandlers = {
  /**
   * Revoking starts a new key epoch: a fresh random key sealed here to every other
   * device's X25519 key (the crypto is why this is not in the pure command, which checks
   * the boxes go to exactly the devices that stay). The key itself is not kept: this
   * laptop opens its own box like every other when the epoch is decided.
   */
  'sync.revoke-device': async (h, args) => {
    const state = await readEpochState(h.store);
    const recipients = epochRecipients(state.devices, args.deviceId).map((d) => ({ deviceId: d.deviceId, agreementKey: d.agreementKey! }));
    const key = newEpochKey();
    const epoch = await sealEpoch(state.epoch + 1, key, recipients);
    key.fill(0);
    return h.run(commands.revokeDevice(h.ctx, state, { deviceId: args.deviceId, epoch }));
  },
};
