// The real project kernel with its compile-speed patches: cell type errors, lib/ edits and lib/ errors behave as in tslab, with a cold and a warm cache.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KernelClient } from '../../scripts/runner/kernel';
import { run, complete } from './cells';

const dirs: string[] = [];
const kernels: KernelClient[] = [];
afterAll(async () => {
  for (const k of kernels) await k.shutdown();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A notebook folder beside a small lib/, as the lessons sit beside the project's lib/. */
function workspace(): { nb: string; lib: string; cache: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'mlin-speed-kernel-'));
  dirs.push(root);
  const nb = path.join(root, 'notebooks');
  const lib = path.join(root, 'lib');
  mkdirSync(nb);
  mkdirSync(lib);
  writeFileSync(path.join(lib, 'twice.ts'), "import { one } from './one';\n/** 2 x. */\nexport function twice(x: number): number { return 2 * x * one; }\n");
  writeFileSync(path.join(lib, 'one.ts'), 'export const one = 1;\n');
  return { nb, lib, cache: path.join(root, 'cache') };
}

async function kernel(cwd: string, cache: string, mode: string): Promise<KernelClient> {
  const k = await KernelClient.start({ cwd, env: { MLIN_KERNEL_COMPILE_SPEED: mode, MLIN_KERNEL_CACHE_DIR: cache } });
  kernels.push(k);
  return k;
}

// 'off' is tslab's own compiler: the same cells must give the same answers both ways.
describe.each(['on', 'off'])('compile-speed %s in the real kernel', (mode) => {
  const ws = workspace();

  it('still reports a type error in a cell, after imports, and runs the cells around it', async () => {
    const k = await kernel(ws.nb, ws.cache, mode);
    expect(await run(k, "import { twice } from '../lib/twice';\ntwice(21)")).toMatchObject({ status: 'ok', text: '42\n' });
    const bad = await run(k, "const x: number = 'a';");
    expect(bad.status).toBe('error');
    expect(bad.error).toEqual({ ename: 'TS2322', evalue: "Type 'string' is not assignable to type 'number'." });
    expect(await run(k, "const n: number = twice(2);\nn + 1")).toMatchObject({ status: 'ok', text: '5\n' });
    // A type error that needs the imported file's types.
    expect((await run(k, "const s: string = twice(1);")).error?.ename).toBe('TS2322');
    await k.shutdown();
  }, 240_000);

  it('reports the same type error again in the next cells, with its line, around completions and namespace members', async () => {
    const k = await kernel(ws.nb, ws.cache, mode);
    expect(await run(k, "import * as tw from '../lib/twice';\ntw.twice(2)")).toMatchObject({ status: 'ok', text: '4\n' });
    for (let i = 0; i < 2; i++) {
      // The very same cell twice: the kept checker must not treat the second as already reported.
      const bad = await run(k, "const ok = 1;\nconst s: string = tw.twice(1);");
      expect(bad.status).toBe('error');
      expect(bad.error).toEqual({ ename: 'TS2322', evalue: "Type 'number' is not assignable to type 'string'." });
      expect(bad.traceback?.some((l) => /^Cell In\[\d+\], line 2, column 7: error TS2322/.test(l))).toBe(true);
    }
    expect(await complete(k, 'tw.tw')).toContain('twice');
    // A completion compiled this text already (an error in it, at the same place): still reported when it runs.
    expect((await run(k, 'tw.twice(1) as string')).error?.ename).toBe('TS2352');
    expect(await complete(k, 'const q: string = tw.twice(1);\ntw.tw')).toContain('twice');
    expect((await run(k, 'const q: string = tw.twice(1);\ntw.tw')).error?.ename).toBe('TS2322');
    const missing = await run(k, 'tw.thrice(1)');
    expect(missing.error?.ename).toBe('TS2339');
    expect(missing.error?.evalue).toMatch(/^Property 'thrice' does not exist on type 'typeof import\(/);
    expect(await run(k, 'const z: number = tw.twice(3);\nz')).toMatchObject({ status: 'ok', text: '6\n' });
    expect(await run(k, 'z + 1')).toMatchObject({ status: 'ok', text: '7\n' });
    if (mode === 'on') {
      // Imported files' CommonJS is cached on disk; a cell's own is not (new text nearly every time).
      const cjs = () => readdirSync(path.join(ws.cache, 'cjs'), { recursive: true }).filter((f) => String(f).endsWith('.js')).length;
      const before = cjs();
      expect(before).toBeGreaterThan(0);
      for (let i = 0; i < 3; i++) expect(await run(k, `const w${i} = tw.twice(${i});\nw${i}`)).toMatchObject({ status: 'ok', text: `${2 * i}\n` });
      expect(cjs()).toBe(before);
    }
    await k.shutdown();
  }, 240_000);

  it('takes an edit of an imported lib file in the next cell, its type errors included, with a warm cache', async () => {
    // A second kernel, over the cache the first one filled.
    if (mode === 'on') expect(readdirSync(path.join(ws.cache, 'program')).length).toBeGreaterThan(0);
    const k = await kernel(ws.nb, ws.cache, mode);
    expect(await run(k, "import { twice } from '../lib/twice';\ntwice(5)")).toMatchObject({ status: 'ok', text: '10\n' });
    // tslab reloads the edited module itself (a module that imported it earlier keeps its old import).
    writeFileSync(path.join(ws.lib, 'twice.ts'), "import { one } from './one';\nexport function twice(x: number): number { return 3 * x * one; }\n");
    await new Promise((r) => setTimeout(r, 1500)); // the compiler's file watcher sees the change
    expect(await run(k, "import { twice as twice2 } from '../lib/twice';\ntwice2(5)")).toMatchObject({ status: 'ok', text: '15\n' });
    writeFileSync(path.join(ws.lib, 'one.ts'), "export const one: number = 'three';\n");
    await new Promise((r) => setTimeout(r, 1500));
    const broken = await run(k, "import { twice as twice3 } from '../lib/twice';\ntwice3(5)");
    expect(broken.status).toBe('error');
    expect(broken.error?.ename).toBe('TS2322');
    expect(broken.error?.evalue).toBe("Type 'string' is not assignable to type 'number'.");
    await k.shutdown();
  }, 240_000);

  it('reports the broken lib file from the cache in a new kernel too, and runs again once it is fixed', async () => {
    const k = await kernel(ws.nb, ws.cache, mode);
    const broken = await run(k, "import { twice } from '../lib/twice';\ntwice(1)");
    expect(broken.error?.ename).toBe('TS2322');
    writeFileSync(path.join(ws.lib, 'one.ts'), 'export const one = 4;\n');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await run(k, "import { twice as t2 } from '../lib/twice';\nt2(1)")).toMatchObject({ status: 'ok', text: '12\n' });
    await k.shutdown();
  }, 240_000);
});
