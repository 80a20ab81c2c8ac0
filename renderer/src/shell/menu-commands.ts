/**
 * What the renderer does with a command from the Electron menu. The menu is built in the main
 * process and sends its commands whatever the laptop's mode, so operator mode (decision 016)
 * is decided here: an operator's laptop prints nothing (a printed screen is an export).
 */
import type { MenuCommand } from '../../../shared/ipc/contract';

export type MenuAction = MenuCommand | 'refuse';

export function menuAction(command: MenuCommand, operatorMode: boolean): MenuAction {
  if (command === 'print' && operatorMode) return 'refuse';
  // An operator's laptop shows its incidents' three screens only (decision 016), not 私の対応.
  if (command === 'my-work' && operatorMode) return 'refuse';
  return command;
}
