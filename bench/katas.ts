// Grading time per kata: the model solution graded as a learner's file (worker thread, every case); slowest must be < 2 s.
import { KATAS } from '../lib/katas';
import { gradeSource } from '../lib/katas/node/grade-node';

const RUNS = 3;
const LIMIT_SECONDS = 2;

async function main(): Promise<number> {
  const rows: Array<{ id: string; cases: number; median: number; learnerMs: number }> = [];
  for (const kata of KATAS) {
    const times: number[] = [];
    let cases = 0, learnerMs = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const report = await gradeSource(kata, kata.solution);
      times.push((performance.now() - t0) / 1000);
      if (!report.passed) throw new Error(`bench: the solution of ${kata.id} did not pass`);
      cases = report.total;
      learnerMs = report.cases.reduce((s, c) => s + (c.ms ?? 0), 0);
    }
    times.sort((a, b) => a - b);
    rows.push({ id: kata.id, cases, median: times[Math.floor(RUNS / 2)], learnerMs });
  }
  rows.sort((a, b) => b.median - a.median);
  process.stdout.write(`Grading time per kata (median of ${RUNS}; worker start + transpile + every case + judging), slowest first\n\n`);
  process.stdout.write('kata                 cases  seconds  solution ms (sum over cases)\n');
  for (const r of rows) process.stdout.write(`${r.id.padEnd(20)} ${String(r.cases).padStart(5)}  ${r.median.toFixed(3).padStart(7)}  ${r.learnerMs.toFixed(1).padStart(8)}\n`);
  const slowest = rows[0];
  const ok = slowest.median < LIMIT_SECONDS;
  process.stdout.write(`\nslowest: ${slowest.id} ${slowest.median.toFixed(3)} s (${ok ? 'under' : 'NOT under'} the ${LIMIT_SECONDS} s target)\n`);
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (err: unknown) => { process.stderr.write(`${String(err)}\n`); process.exit(1); });
