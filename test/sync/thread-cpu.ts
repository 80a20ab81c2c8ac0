import { readFileSync } from 'node:fs';

/**
 * CPU time used so far by the calling thread, in ms (Linux /proc/thread-self/stat, 10 ms
 * ticks): its own work, whatever the other threads of the process did meanwhile. NaN where
 * the file does not exist.
 */
export function threadCpuMs(): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const f = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}
