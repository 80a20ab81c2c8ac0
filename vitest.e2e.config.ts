import { basename } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest files, slowest first (seconds each took in the CI run at 500765d, two at a
 * time: contacts-engine 65, disclosure 60, contacts-stranger 52, lists-team 50, operator 42,
 * faq-grouping-worker 41, sync 40, contacts 40, export-two-person 36, intake-twice 32,
 * contacts-malformed 25, callcentre-exec 25, words 25, directory-team 24,
 * letters-nayose-lists 24, disclosure-two-laptops 24; most others 10–21). A fresh clone has
 * no timings of its own, and vitest then starts the largest files first; a long file started
 * last keeps one worker busy alone at the end. Started first, the two workers finish close
 * together.
 */
const SLOWEST_FIRST = [
  'contacts-engine',
  'disclosure',
  'contacts-stranger',
  'lists-team',
  'operator',
  'faq-grouping-worker',
  'sync',
  'contacts',
  'export-two-person',
  'intake-twice',
  'contacts-malformed',
  'callcentre-exec',
  'words',
  'directory-team',
  'letters-nayose-lists',
  'disclosure-two-laptops',
];

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
    // A failed attempt's screens go to e2e/failures.log (e2e/setup.ts).
    setupFiles: ['e2e/setup.ts'],
    // On CI (.ci/run sets HONBU_E2E_RETRY_WAITS=1) a test whose wait for the screen timed
    // out is run once more, and the failed attempt is printed from e2e/failures.log with a
    // count: a slower machine sharing two cores with a second test file has timed out a wait
    // now and then where every local run passes. A failed assertion is not retried; but a
    // screen that never shows the awaited text is a timed-out wait too, so it fails only if
    // it fails twice — the printed attempts are where such a flaky fault shows. Locally
    // nothing is tried again.
    retry: process.env.HONBU_E2E_RETRY_WAITS === '1' ? { count: 1, condition: /Timeout \d+ms exceeded/ } : 0,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two files at a time: a file spends part of its time waiting (timers, the other laptop,
    // the sync server), which the other file fills. Measured on this two-core machine, the
    // whole suite took 1,096 s one file at a time and 930 s two at a time.
    fileParallelism: true,
    maxWorkers: 2,
    // The files share their workers' loaded modules (playwright-core, the harness) instead of
    // each importing them anew: every file drives its own browser and keeps nothing in the
    // modules it shares (e2e/harness.ts, flows.ts). Measured in CI runs on this 2-core machine:
    // the suite's imports 92 s → 12–13 s, the whole suite 692 s → 601–648 s.
    isolate: false,
    sequence: { sequencer: SlowestFirst },
  },
});
