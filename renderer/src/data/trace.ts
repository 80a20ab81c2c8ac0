/**
 * Where a command's time goes, step by step (the workspace bench: `HONBU_BENCH_TRACE`,
 * bench/workspace.ts). Each step calls `mark(name)`; nothing is kept or measured unless a
 * bench page has installed a sink (`traceTo`), so in the app a mark costs one check.
 */
let sink: ((step: string) => void) | null = null;

/** The bench page's sink for the marks, or null (none: the app). */
export function traceTo(next: ((step: string) => void) | null): void {
  sink = next;
}

/** One step of the work under way is done. */
export function mark(step: string): void {
  sink?.(step);
}
