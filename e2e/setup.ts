/**
 * After a failed attempt of an end-to-end test: what its pages showed when they were closed,
 * appended to e2e/failures.log with the error. .ci/run prints that file at the end, so a
 * wait that timed out on CI (and was tried again: vitest.e2e.config.ts) is there to read.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach } from 'vitest';
import { pagesAtClose } from './harness';

export const FAILURES_LOG = join(import.meta.dirname, 'failures.log');

beforeEach(() => {
  pagesAtClose.length = 0;
});

afterEach(({ task }) => {
  if (task.result?.state !== 'fail') return;
  const attempt = (task.result.retryCount ?? 0) + 1;
  const error = task.result.errors?.[0];
  const lines = [
    `── ${task.file.name} > ${task.name} (attempt ${attempt}) ──`,
    // Without the terminal's colour codes: the file is read as text.
    `error: ${stripVTControlCharacters(error?.message ?? '(none recorded)')}`,
    ...pagesAtClose.map((state, i) => `page ${i + 1} when closed:\n${state}`),
    '',
  ];
  appendFileSync(FAILURES_LOG, lines.join('\n') + '\n');
});
