// The kernel's startup snapshot (scripts/kernel/snapshot.cjs): built by a kernel in the background, served only for unchanged text, same results, signals relayed, and a damaged snapshot set aside.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KernelClient } from '../../scripts/runner/kernel';
import { run, type Executed } from './cells';
import { childrenOf } from './processes';

const ROOT = path.resolve(__dirname, '..', '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');

interface Stats { fromSnapshot: boolean; key: string | null; snapshotFiles: number; hits: number; stale: number; missed: number }

// Under build/ (ignored by git) so that a cell in notebooks/ resolves @tensorflow/tfjs from the repository's node_modules.
const work = mkdtempSync(path.join(ROOT, 'build', 'test-snapshot-'));
const cache = path.join(work, 'cache');
const snapDir = path.join(cache, 'snapshot');
const moduleFile = path.join(work, 'answer.ts');
const reports: string[] = [];
const kernels: KernelClient[] = [];
afterAll(async () => {
  for (const k of kernels) await k.shutdown().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

async function start(name: string): Promise<{ k: KernelClient; report: string }> {
  const report = path.join(work, `${name}.json`);
  reports.push(report);
  const k = await KernelClient.start({ cwd: NOTEBOOKS, env: { MLIN_KERNEL_CACHE_DIR: cache, MLIN_KERNEL_SNAPSHOT_REPORT: report } });
  kernels.push(k);
  return { k, report };
}

async function stop(k: KernelClient, report: string): Promise<Stats> {
  await k.shutdown();
  for (let i = 0; i < 100 && !existsSync(report); i++) await new Promise((r) => setTimeout(r, 100));
  return JSON.parse(readFileSync(report, 'utf8')) as Stats;
}

/** Waits until a background build has written a blob and released its lock. */
async function snapshotBuilt(timeoutMs = 120_000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const blobs = existsSync(snapDir) ? readdirSync(snapDir).filter((f) => f.endsWith('.blob')) : [];
    if (blobs.length === 1 && !existsSync(path.join(snapDir, 'build.lock'))) return path.join(snapDir, blobs[0]);
    if (Date.now() - t0 > timeoutMs) throw new Error(`no snapshot in ${snapDir} after ${timeoutMs} ms: ${blobs.join(', ') || 'nothing'} ${existsSync(snapDir) ? readdirSync(snapDir).join(', ') : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const IMPORTS = `import * as tf from '@tensorflow/tfjs';\nimport { answer } from ${JSON.stringify(path.relative(NOTEBOOKS, moduleFile).replace(/\.ts$/, ''))};\nconst fromTf = tf.tensor1d([1, 2, 3]).sum().dataSync()[0];`;
/** The cells every kernel below runs, and what they gave. */
async function cells(k: KernelClient): Promise<Executed[]> {
  return [
    await run(k, IMPORTS),
    await run(k, 'answer + fromTf'),
    await run(k, 'const s: boolean = answer;'),
    await run(k, 'tf.add(tf.scalar(answer), 1).dataSync()[0]'),
    await run(k, "const before = 1;\nthrow new RangeError('thrown on line 2');"), // its traceback maps the stack to the line
  ];
}

describe('kernel startup snapshot (real kernels)', () => {
  let inProcess: Executed[];

  it('a kernel without a snapshot runs in its own process and, having parsed the tfjs declarations, builds one in the background', async () => {
    writeFileSync(moduleFile, 'export const answer: number = 36;\n');
    const { k, report } = await start('first');
    expect(childrenOf(k.pid!)).toEqual([]); // the kernel is the process the client started
    inProcess = await cells(k);
    expect(inProcess.map((c) => c.status)).toEqual(['ok', 'ok', 'error', 'ok', 'error']);
    expect(inProcess[4].traceback).toContain('Cell In[5], line 2');
    expect(inProcess[1].text.trim()).toBe('42');
    expect(inProcess[2].error?.evalue).toMatch(/Type 'number' is not assignable to type 'boolean'/);
    const stats = await stop(k, report);
    expect(stats).toMatchObject({ fromSnapshot: false, hits: 0 });
    expect(stats.missed).toBeGreaterThan(500); // lib.d.ts, @types/node, @tensorflow/*: hundreds of files
    const blob = await snapshotBuilt();
    expect(statSync(blob).size).toBeGreaterThan(20e6);
  }, 240_000);

  it('the next kernel starts from it, gets the parsed files served, and gives the same results', async () => {
    const { k, report } = await start('second');
    expect(childrenOf(k.pid!)).toHaveLength(1); // the launcher runs the kernel in a child started from the snapshot
    const fromSnapshot = await cells(k);
    expect(fromSnapshot).toEqual(inProcess);
    const stats = await stop(k, report);
    expect(stats.fromSnapshot).toBe(true);
    expect(stats.hits).toBeGreaterThan(500);
    expect(stats).toMatchObject({ stale: 0, missed: 0 });
  }, 120_000);

  it('a file whose text changed since the snapshot is parsed again: its new declarations count, not the snapshot\'s', async () => {
    writeFileSync(moduleFile, '// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a type both cells accept\nexport const answer: any = true;\n');
    const { k, report } = await start('edited');
    const r = await cells(k);
    expect(r[2].status).toBe('ok'); // `const s: boolean = answer` type-checks against the new declaration
    expect(r[1].text.trim()).toBe('7'); // true + 6
    const stats = await stop(k, report);
    expect(stats.fromSnapshot).toBe(true);
    expect(stats.stale).toBe(1);
  }, 120_000);

  it('passes SIGINT on to the kernel (an interrupted loop), and the kernel dies with its launcher even in an endless loop', async () => {
    const { k } = await start('signals');
    const busy = run(k, 'let spins = 0; while (true) { spins++; }');
    await new Promise((r) => setTimeout(r, 1500));
    k.interrupt(); // SIGINT to the launcher, the process the client started
    const b = await busy;
    expect(b.status).toBe('error');
    expect(b.error?.evalue).toMatch(/interrupted/i);
    expect((await run(k, '6 * 7')).text.trim()).toBe('42');
    const [child] = childrenOf(k.pid!);
    expect(child).toBeGreaterThan(0);
    void run(k, 'while (true) {}').catch(() => undefined); // the kernel's event loop is blocked from now on
    await new Promise((r) => setTimeout(r, 1000));
    k.kill(); // SIGKILL: the launcher cannot pass it on
    const t0 = Date.now();
    while (existsSync(`/proc/${child}`) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(`/proc/${child}`)).toBe(false);
  }, 120_000);

  it('a damaged snapshot is set aside: the kernel starts in its own process, and no later kernel tries that snapshot', async () => {
    const blob = await snapshotBuilt();
    const size = statSync(blob).size;
    writeFileSync(blob, Buffer.alloc(size, 7)); // same size, so only node itself can tell
    const { k, report } = await start('damaged');
    expect((await run(k, '6 * 7')).text.trim()).toBe('42');
    const stats = await stop(k, report);
    expect(stats.fromSnapshot).toBe(false);
    expect(existsSync(blob)).toBe(false);
    const failed = readdirSync(snapDir).filter((f) => f.endsWith('.failed'));
    expect(failed).toHaveLength(1);
    expect(readFileSync(path.join(snapDir, failed[0]), 'utf8')).toMatch(/could not start/);
    mkdirSync(snapDir, { recursive: true });
  }, 120_000);
});
