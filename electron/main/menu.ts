/**
 * The native application menu, in Japanese or English. Items that are app features
 * (print, lock, settings, about) only send a MenuCommand to the renderer, which owns
 * the behaviour; the rest are Electron roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Language, MenuCommand } from '../../shared/ipc/contract';
import { MENU_LABELS } from '../../shared/i18n/menu';

export interface MenuTemplateOptions {
  /** Packaged builds hide developer tools and reload, which would discard unsaved input. */
  isPackaged: boolean;
  /** macOS puts About, Settings and Quit in an app menu named after the app. */
  isMac: boolean;
  /** Delivers a command to the renderer (MENU_COMMAND_CHANNEL). */
  send: (command: MenuCommand) => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate(lang: Language, options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const l = MENU_LABELS[lang];
  const { isPackaged, isMac, send } = options;
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => send(cmd),
  });

  const about = command(l.about, 'about');
  const settings = command(l.settings, 'settings', 'CmdOrCtrl+,');

  const appMenu: MenuItemConstructorOptions = {
    label: l.appName,
    submenu: [
      about,
      separator,
      settings,
      separator,
      { role: 'services', label: l.services },
      separator,
      { role: 'hide', label: l.hide },
      { role: 'hideOthers', label: l.hideOthers },
      { role: 'unhide', label: l.showAll },
      separator,
      { role: 'quit', label: l.quit },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: l.file,
    submenu: [
      command(l.printToPdf, 'print', 'CmdOrCtrl+P'),
      command(l.lockWorkspace, 'lock', 'CmdOrCtrl+L'),
      separator,
      // On macOS Quit lives in the app menu; the file menu closes the window as usual there.
      isMac ? { role: 'close', label: l.closeWindow } : { role: 'quit', label: l.quit },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: l.edit,
    submenu: [
      { role: 'undo', label: l.undo },
      { role: 'redo', label: l.redo },
      separator,
      { role: 'cut', label: l.cut },
      { role: 'copy', label: l.copy },
      { role: 'paste', label: l.paste },
      { role: 'selectAll', label: l.selectAll },
    ],
  };

  const devItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload', label: l.reload }, { role: 'toggleDevTools', label: l.toggleDevTools }, separator];
  const viewMenu: MenuItemConstructorOptions = {
    label: l.view,
    submenu: [
      // The app's screens reached from anywhere: what is due for me across every incident.
      command(l.myWork, 'my-work', 'CmdOrCtrl+Shift+M'),
      separator,
      ...devItems,
      { role: 'resetZoom', label: l.resetZoom },
      { role: 'zoomIn', label: l.zoomIn },
      { role: 'zoomOut', label: l.zoomOut },
      separator,
      { role: 'togglefullscreen', label: l.toggleFullScreen },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: l.help,
    // About and Settings are already in the macOS app menu; elsewhere Help holds them.
    submenu: isMac ? [about] : [about, separator, settings],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, helpMenu];
}
