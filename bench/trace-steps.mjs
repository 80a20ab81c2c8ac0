// Summarises a HONBU_BENCH_TRACE file of the workspace bench (bench/workspace.ts): per measure, each step's
// time since the step before (p50 / p95 / max) and the three slowest samples step by step.
// usage: node bench/trace-steps.mjs FILE
import { readFileSync } from 'node:fs';
const lines = readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const by = new Map();
for (const l of lines) (by.get(l.measure) ?? by.set(l.measure, []).get(l.measure)).push(l.t);
for (const [m, ts] of by) {
  const steps = new Map();
  for (const t of ts) {
    let prev = 0;
    const seen = new Map();
    for (const [n, at] of t) {
      const k = seen.has(n) ? `${n}#${seen.get(n) + 1}` : n;
      seen.set(n, (seen.get(n) ?? 0) + 1);
      (steps.get(k) ?? steps.set(k, []).get(k)).push(at - prev);
      prev = at;
    }
  }
  process.stdout.write(`== ${m} (${ts.length} samples)\n`);
  for (const [k, xs] of steps) process.stdout.write(`  ${k.padEnd(28)} n=${String(xs.length).padStart(3)} p50 ${pct(xs, 50).toFixed(1).padStart(6)}  p95 ${pct(xs, 95).toFixed(1).padStart(6)}  max ${Math.max(...xs).toFixed(1).padStart(6)}\n`);
  const total = ts.map((t) => [t.at(-1)[1], t]).sort((a, b) => b[0] - a[0]);
  for (const [ms, t] of total.slice(0, 3)) process.stdout.write(`  slow ${ms.toFixed(1)}: ${t.map(([n, at]) => `${n}@${at.toFixed(1)}`).join(' ')}\n`);
}
