/** The roster's commands as dispatch handlers. */
import * as commands from '../../../shared/sync/commands';
import type { Handler } from '../data/handler';

export type SyncHandlers = {
  'sync.revoke-device': Handler<{ deviceId: string }>;
};

export const syncHandlers: SyncHandlers = {
  'sync.revoke-device': (h, args) => h.run(commands.revokeDevice(h.ctx, null, args)),
};
