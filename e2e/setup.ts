/**
 * After a failed attempt of an end-to-end test: what its pages showed, appended to
 * e2e/failures.log with the attempt's error and the time. Pages closed by the test (in its
 * `finally`) were read as they closed; contexts the attempt opened and left open are read and
 * closed here, so a retry never runs beside them (a file's own, opened before, are only read). .ci/run empties the file first and prints it at the end,
 * so a wait that timed out on CI (and was tried again: vitest.e2e.config.ts) is there to read.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach } from 'vitest';
import { closeAtOnce, openContexts, pagesAtClose, statesOf } from './harness';

export const FAILURES_LOG = join(import.meta.dirname, 'failures.log');

/** Errors the test had before this attempt (vitest keeps them across retries). */
let errorsBefore = 0;
/** Contexts open before this attempt (a file's own, from its beforeAll): read, never closed here. */
let openBefore = new Set<unknown>();

beforeEach(({ task }) => {
  pagesAtClose.length = 0;
  errorsBefore = task.result?.errors?.length ?? 0;
  openBefore = new Set(openContexts);
});

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const left = [...openContexts];
  for (const context of left) pagesAtClose.push(...(await statesOf(context)));
  const mine = left.filter((context) => !openBefore.has(context));
  await Promise.all(mine.map((context) => closeAtOnce(context).catch(() => undefined)));
  const attempt = (task.result.retryCount ?? 0) + 1;
  const errors = (task.result.errors ?? []).slice(errorsBefore);
  const lines = [
    `── ${new Date().toISOString()} ${task.file.name} > ${task.name} (attempt ${attempt}) ──`,
    ...(errors.length > 0 ? errors : [{ message: '(none recorded)' }]).map((e) => `error: ${stripVTControlCharacters(e.message ?? String(e))}`),
    ...pagesAtClose.map((state, i) => `page ${i + 1}:\n${state}`),
    '',
  ];
  appendFileSync(FAILURES_LOG, lines.join('\n') + '\n');
});
