// Per-step timings of an export (wall and this process's CPU), printed to stderr when EXPORT_TIMINGS=1: how bench/profiles attribute the cost.
const enabled = process.env.EXPORT_TIMINGS === '1';

interface Step { wall: number; cpu: number; count: number }
// One table per process: scripts/export.ts loads this file as CommonJS and the pipeline as ESM, two module instances.
const store = globalThis as { exportTimings?: Map<string, Step> };
const steps = (store.exportTimings ??= new Map<string, Step>());

function add(name: string, wall: number, cpu: number): void {
  const s = steps.get(name) ?? { wall: 0, cpu: 0, count: 0 };
  s.wall += wall;
  s.cpu += cpu;
  s.count++;
  steps.set(name, s);
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

/** Runs `fn` and, when timings are on, adds its wall and CPU milliseconds to `name` (CPU is the whole process's: other threads count too). */
export function timed<T>(name: string, fn: () => T): T {
  if (!enabled) return fn();
  const [w, c] = [performance.now(), cpuNow()];
  const out = fn();
  if (out instanceof Promise) {
    return out.finally(() => add(name, performance.now() - w, cpuNow() - c)) as T;
  }
  add(name, performance.now() - w, cpuNow() - c);
  return out;
}

/** Prints the steps in the order they first ran (stderr), when timings are on. */
export function printTimings(): void {
  if (!enabled) return;
  for (const [name, s] of steps) {
    console.error(`  ${name.padEnd(34)} ${(s.wall / 1000).toFixed(2).padStart(6)} s wall ${(s.cpu / 1000).toFixed(2).padStart(6)} s CPU${s.count > 1 ? `  (${s.count}x)` : ''}`);
  }
}
