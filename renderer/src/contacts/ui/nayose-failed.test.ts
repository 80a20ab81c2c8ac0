/**
 * 名寄せ whose worker fails mid-run (it runs out of memory, its script throws on a row): the
 * panel says so calmly, in the person's language, without the worker's raw message (English
 * internals, possibly quoting a customer's name) on screen; the fault reaches the error log
 * once, scrubbed. A lock in the middle of a run is not a fault.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreClosedError } from '../../data/store-contract';
import { WorkerCallError, WorkerFailed } from '../../data/worker-calls';
import { useErrors } from '../../errors/error-store';
import { en } from '../../i18n/en';
import { ja } from '../../i18n/ja';
import { NayoseCancelled } from '../nayose-run';
import { nayoseOutcome } from './nayose-failed';

const text = (dict: unknown, key: string) => key.split('.').reduce((o, k) => (o as Record<string, unknown>)[k], dict) as string;

afterEach(() => vi.restoreAllMocks());

describe('名寄せ that fails', () => {
  it('shows a calm, bilingual message without the raw error, and reports the fault once', () => {
    const failures = [
      new WorkerFailed('nayose', 'Uncaught RangeError: Array buffer allocation failed'),
      new WorkerCallError('bad record 山田 花子 03-1234-5678'),
      new Error('Database has been closed'),
    ];
    for (const failure of failures) {
      const before = useErrors.getState().count;
      const said = nayoseOutcome(failure)!;
      expect(said.key).toBe('nayose.failed');
      for (const dict of [ja, en]) {
        const shown = text(dict, said.key).replace(/\{(\w+)\}/g, (_, k: string) => String(said.params?.[k] ?? `{${k}}`));
        expect(shown).not.toContain('{');
        expect(shown).not.toMatch(/worker|Uncaught|RangeError|山田|1234|Database/);
      }
      // Reported: once however often it is handed on.
      nayoseOutcome(failure);
      expect(useErrors.getState().count).toBe(before + 1);
    }
  });

  it('a cancel says it stopped; a lock says nothing and reports nothing', () => {
    const before = useErrors.getState().count;
    expect(nayoseOutcome(new NayoseCancelled())?.key).toBe('nayose.cancelled');
    expect(nayoseOutcome(new StoreClosedError())).toBeNull();
    expect(useErrors.getState().count).toBe(before);
  });
});
