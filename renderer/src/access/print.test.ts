import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
let refuse = false;
vi.mock('../data/dispatch', () => ({
  dispatch: vi.fn(async (type: string, args: { incidentId: string; kind: string }) => {
    if (refuse) throw new Error('refused');
    calls.push(`${type} ${args.incidentId} ${args.kind}`);
  }),
}));
vi.mock('../platform/platform', () => ({
  printPage: vi.fn(async (name: string) => {
    calls.push(`print ${name}`);
    return { saved: true };
  }),
}));

const { printScreen } = await import('./print');

describe('printing the screen from the menu or Ctrl+P', () => {
  beforeEach(() => {
    calls.length = 0;
    refuse = false;
  });

  it('with an incident open, the print is on record before the dialog opens', async () => {
    await printScreen('inc-7');
    expect(calls).toEqual(['access.record-print inc-7 screen', 'print honbu.pdf']);
  });

  it('a refused record means no print', async () => {
    refuse = true;
    await expect(printScreen('inc-7')).rejects.toThrow();
    expect(calls).toEqual([]);
  });

  it('outside an incident (the list, settings) there is no customer to record', async () => {
    await printScreen(null);
    expect(calls).toEqual(['print honbu.pdf']);
  });
});
