import { basename } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest files, slowest first (seconds each took in the CI run at 8081e36, two at a
 * time: contacts-engine 82, disclosure 76, contacts 71, lists-team 59, contacts-stranger 55,
 * sync 49, operator 43, intake-twice 43, words 39, export-two-person 39,
 * disclosure-two-laptops 35, reminder-mail 30; most others 12–30). A fresh clone has no
 * timings of its own, and vitest then starts the largest files first; a long file started
 * last keeps one worker busy alone at the end. Started first, the two workers finish close
 * together.
 */
const SLOWEST_FIRST = ['contacts-engine', 'disclosure', 'contacts', 'lists-team', 'contacts-stranger', 'sync', 'operator', 'intake-twice', 'words', 'export-two-person', 'disclosure-two-laptops', 'reminder-mail'];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FIRST.indexOf(basename(f.moduleId, '.e2e.ts'));
      return i === -1 ? SLOWEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the other files keep vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/** End-to-end tests in Debian's Chromium against the built renderer (see e2e/harness.ts). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two files at a time: a file spends part of its time waiting (timers, the other laptop,
    // the sync server), which the other file fills. Measured on this two-core machine, the
    // whole suite took 1,096 s one file at a time and 930 s two at a time.
    fileParallelism: true,
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
  },
});
