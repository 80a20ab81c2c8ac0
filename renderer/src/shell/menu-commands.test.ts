import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../../shared/ipc/contract';
import { menuAction } from './menu-commands';

describe('menu commands in operator mode', () => {
  it('refuses print on an operator laptop and keeps lock, settings and about', () => {
    expect(menuAction('print', true)).toBe('refuse');
    expect(menuAction('lock', true)).toBe('lock');
    expect(menuAction('settings', true)).toBe('settings');
    expect(menuAction('about', true)).toBe('about');
    expect(menuAction('my-work', true)).toBe('refuse');
  });

  it('passes every command through on other laptops', () => {
    for (const c of MENU_COMMANDS) expect(menuAction(c, false)).toBe(c);
  });

  it('decides every command the menu can send (a new one must be placed here)', () => {
    for (const c of MENU_COMMANDS) expect(['lock', 'settings', 'about', 'print', 'my-work', 'refuse']).toContain(menuAction(c, true));
  });
});
