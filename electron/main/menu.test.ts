import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type Language, type MenuCommand } from '../../shared/ipc/contract';
import { MENU_LABELS } from '../../shared/i18n/menu';
import { buildMenuTemplate, type MenuTemplateOptions } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function build(lang: Language, options: Partial<MenuTemplateOptions> = {}) {
  const send = vi.fn<(command: MenuCommand) => void>();
  const template = buildMenuTemplate(lang, { isPackaged: true, isMac: false, send, ...options });
  return { template, items: flatten(template), send };
}

function click(item: MenuItemConstructorOptions | undefined): void {
  if (item?.click === undefined) throw new Error('item has no click');
  (item.click as () => void)();
}

const LANGUAGES: Language[] = ['ja', 'en'];

describe('MENU_LABELS', () => {
  it('has the same non-empty keys in both languages', () => {
    expect(Object.keys(MENU_LABELS.ja).sort()).toEqual(Object.keys(MENU_LABELS.en).sort());
    for (const lang of LANGUAGES) {
      for (const value of Object.values(MENU_LABELS[lang])) expect(value.trim()).not.toBe('');
    }
  });
});

describe('buildMenuTemplate', () => {
  it('titles the top-level menus in Japanese', () => {
    expect(build('ja').template.map((m) => m.label)).toEqual(['ファイル', '編集', '表示', 'ヘルプ']);
  });

  it('titles the top-level menus in English', () => {
    expect(build('en').template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it.each(LANGUAGES)('%s: every item other than separators has a non-empty label', (lang) => {
    for (const isMac of [false, true]) {
      for (const isPackaged of [false, true]) {
        for (const item of build(lang, { isMac, isPackaged }).items) {
          if (item.type === 'separator') continue;
          expect(typeof item.label === 'string' && item.label.trim() !== '', JSON.stringify(item)).toBe(true);
        }
      }
    }
  });

  it.each([
    ['ja', 'PDFに印刷…', 'print'],
    ['ja', 'ワークスペースをロック', 'lock'],
    ['ja', 'Honbu について', 'about'],
    ['ja', '設定…', 'settings'],
    ['ja', '私の対応', 'my-work'],
    ['en', 'Print to PDF…', 'print'],
    ['en', 'Lock Workspace', 'lock'],
    ['en', 'About Honbu', 'about'],
    ['en', 'Settings…', 'settings'],
    ['en', 'My Work', 'my-work'],
  ] as const)('%s: "%s" sends %s', (lang, label, command) => {
    const { items, send } = build(lang);
    click(items.find((item) => item.label === label));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(command);
  });

  it('reaches every MenuCommand from some item', () => {
    const { items, send } = build('en');
    for (const item of items) if (item.click !== undefined) click(item);
    expect(new Set(send.mock.calls.map(([command]) => command))).toEqual(new Set(MENU_COMMANDS));
  });

  it.each(LANGUAGES)('%s: 私の対応 is the first item of the View menu, with a shortcut, packaged or not', (lang) => {
    for (const isMac of [false, true]) {
      for (const isPackaged of [false, true]) {
        const { template, send } = build(lang, { isMac, isPackaged });
        const view = template.find((m) => m.label === MENU_LABELS[lang].view)?.submenu as MenuItemConstructorOptions[];
        expect(view[0]).toMatchObject({ label: MENU_LABELS[lang].myWork, accelerator: 'CmdOrCtrl+Shift+M' });
        click(view[0]);
        expect(send).toHaveBeenCalledWith('my-work');
      }
    }
  });

  it('uses standard roles for editing', () => {
    const edit = build('ja').template[1];
    const roles = (edit?.submenu as MenuItemConstructorOptions[]).map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('has no reload or developer tools when packaged', () => {
    const roles = build('ja', { isPackaged: true }).items.map((item) => item.role);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'quit']));
  });

  it('offers reload and developer tools in development', () => {
    const roles = build('en', { isPackaged: false }).items.map((item) => item.role);
    expect(roles).toContain('reload');
    expect(roles).toContain('toggleDevTools');
  });

  it('on macOS starts with the app menu holding About, Settings and Quit', () => {
    const { template } = build('ja', { isMac: true });
    expect(template.map((m) => m.label)).toEqual(['Honbu', 'ファイル', '編集', '表示', 'ヘルプ']);
    const appItems = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(appItems.map((item) => item.label)).toEqual(
      expect.arrayContaining(['Honbu について', '設定…', '終了', 'Honbu を隠す']),
    );
    const fileRoles = (template[1]?.submenu as MenuItemConstructorOptions[]).map((item) => item.role);
    expect(fileRoles).toContain('close');
    expect(fileRoles).not.toContain('quit');
  });

  it('elsewhere quits from the File menu', () => {
    const file = build('ja', { isMac: false }).template[0]?.submenu as MenuItemConstructorOptions[];
    expect(file.at(-1)).toEqual({ role: 'quit', label: '終了' });
  });
});
