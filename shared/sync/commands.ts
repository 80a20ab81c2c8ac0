/** Commands of the sync part: the roster of laptops. */
import { accept, type CommandContext, type CommandResult } from '../events/command';
import { DEVICE_ADDED, DEVICE_REVOKED, type DeviceAddedPayload } from './events';

/** This laptop (or one admitted with an invite) joins the roster; signed when it is pushed. */
export function addDevice(_ctx: CommandContext, _state: null, args: DeviceAddedPayload): CommandResult {
  return accept([{ type: DEVICE_ADDED, incidentId: null, payload: args }]);
}

/** Cuts a lost or retired laptop off: its events from now on are refused by every member. */
export function revokeDevice(_ctx: CommandContext, _state: null, args: { deviceId: string }): CommandResult {
  return accept([{ type: DEVICE_REVOKED, incidentId: null, payload: { deviceId: args.deviceId } }]);
}
