// The kernel's compile-speed patches (scripts/kernel/compile-speed.cjs) against TypeScript's own builder and checks.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const speed = require('../../scripts/kernel/compile-speed.cjs') as {
  SPEED_EDITS: { why: string; find: string; replace: string }[];
  TIMER_EDITS: { why: string; find: string; replace: string }[];
  install(env?: Record<string, string | undefined>): boolean;
  createLightBuilder: (...args: unknown[]) => LightBuilder;
  cellLocals(fileName: string, text: string, options: unknown): Map<string, unknown>;
  allDependencies(program: Program, file: SourceFile): string[];
  getPreEmitDiagnosticsOfFiles(program: Program, files: SourceFile[]): Diagnostic[];
  transpileCached(tsModule: unknown, js: string, options: unknown): { outputText: string };
  flush(): void;
  checkerReuses(): number;
  timers(sys: object): { set(cb: () => void, assign: (slot: { callback(): void } | null) => void): object; clear(t: object): void };
};
// tslab's TypeScript 5.0 (the compiler the kernel runs), typed loosely: its typings are not part of this project.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the TypeScript bundled with tslab has no types here
const ts = require(require.resolve('@tslab/typescript-for-tslab', { paths: [path.dirname(require.resolve('tslab/package.json'))] })) as any;
const { applyEdits, CONVERTER_EDITS } = require('../../scripts/kernel/tslab-patch.cjs') as {
  applyEdits(source: string, edits: unknown[], file: string): string; CONVERTER_EDITS: unknown[];
};

interface SourceFile { fileName: string }
interface Diagnostic { code: number; file?: SourceFile; messageText: unknown }
interface Program {
  getSourceFile(name: string): SourceFile | undefined;
  getSemanticDiagnostics(file?: SourceFile): Diagnostic[];
}
interface LightBuilder { getProgram(): Program; getAllDependencies(file: SourceFile): string[] }

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
// Records these tests make go to a private cache, never the repository's build/cache/kernel.
const fileCache = mkdtempSync(path.join(tmpdir(), 'mlin-compile-speed-cache-'));
dirs.push(fileCache);
process.env.MLIN_KERNEL_CACHE_DIR = fileCache;

/** A folder with files; `__tslab__.ts` plays the cell (the name tslab gives it). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlin-compile-speed-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const OPTIONS = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], declaration: true, strict: true, types: [], allowJs: true, checkJs: true, outDir: 'out', noEmit: false };

/** Parsed files by name, kept while their text is the same: as tslab's watch host, an unchanged file is the same object. */
const parsed = new Map<string, { text: string; file: unknown }>();
let versions = 0;

/** A compiler host over the real files, with `overrides` (file -> text) on top: an edited file without touching disk. */
function host(overrides: Map<string, string> = new Map()): unknown {
  const h = ts.createCompilerHost(OPTIONS);
  const readFile = h.readFile.bind(h);
  const fileExists = h.fileExists.bind(h);
  h.readFile = (f: string) => overrides.get(f) ?? readFile(f);
  h.fileExists = (f: string) => overrides.has(f) || fileExists(f);
  h.getSourceFile = (f: string, lang: unknown) => {
    const text = h.readFile(f) as string | undefined;
    if (text === undefined) return undefined;
    const known = parsed.get(f);
    if (known && known.text === text) return known.file;
    const file = ts.createSourceFile(f, text, lang);
    file.version = String(++versions); // TypeScript's builder wants versions, as a watch host sets them
    parsed.set(f, { text, file });
    return file;
  };
  return h;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.file ? path.basename(d.file.fileName) : '-'}:${d.code}`).sort();

describe('compile-speed: light builder', () => {
  const dir = project({
    '__tslab__.ts': "export {};\nimport { a } from './lib/a';\nimport type { T } from './lib/t';\nimport { js } from './lib/j';\nconst t: T = { n: a() + js };\n",
    'lib/a.ts': "import { b } from './b';\nimport { readFileSync } from 'node:fs';\nexport const a = (): number => b() + 1;\nexport const r = readFileSync;\n",
    'lib/b.ts': "import { c } from './sub/c';\nexport function b(): number { return c; }\n",
    'lib/sub/c.ts': 'export const c = 41;\n',
    'lib/t.ts': 'export interface T { n: number }\n',
    'lib/j.js': 'export const js = 1;\n',
    'lib/unused.ts': 'export const u = 0;\n',
    'node_modules/@types/node/index.d.ts': "declare module 'node:fs' { export function readFileSync(p: string): string; }\n",
    'node_modules/@types/node/package.json': '{"name":"@types/node","types":"index.d.ts"}',
  });
  const cell = path.join(dir, '__tslab__.ts');
  const opts = { ...OPTIONS, types: ['node'], typeRoots: [path.join(dir, 'node_modules', '@types')] };

  it("gives tslab the same local dependencies of a cell as TypeScript's builder", () => {
    const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram([cell], opts, host());
    const light = speed.createLightBuilder([cell], opts, host(), undefined, undefined, undefined);
    const local = (names: string[]) => names.filter((n) => n.endsWith('.js') || (n.endsWith('.ts') && !n.endsWith('.d.ts'))).sort();
    const want = local(builder.getAllDependencies(builder.getProgram().getSourceFile(cell)));
    expect(want.map((f: string) => path.relative(dir, f))).toEqual(['__tslab__.ts', 'lib/a.ts', 'lib/b.ts', 'lib/j.js', 'lib/sub/c.ts', 'lib/t.ts']);
    expect(local(light.getAllDependencies(light.getProgram().getSourceFile(cell)!))).toEqual(want);
  });

  it('binds the root files so their top-level names are there before any type check (tslab reads them)', () => {
    const light = speed.createLightBuilder([cell], opts, host(), undefined, undefined, undefined);
    const locals = (light.getProgram().getSourceFile(cell) as unknown as { locals: Map<string, unknown> }).locals;
    expect([...locals.keys()].sort()).toEqual(['T', 'a', 'js', 't']);
  });

  it('reuses the unchanged files of the previous program, and takes an edited file', () => {
    const first = speed.createLightBuilder([cell], opts, host(), undefined, undefined, undefined);
    const b = path.join(dir, 'lib', 'b.ts');
    const next = speed.createLightBuilder([cell], opts, host(new Map([[b, 'export function b(): number { return 2; }\n']])), first, undefined, undefined);
    expect(next.getProgram().getSourceFile(path.join(dir, 'lib', 'a.ts'))).toBe(first.getProgram().getSourceFile(path.join(dir, 'lib', 'a.ts')));
    expect(next.getProgram().getSourceFile(b)).not.toBe(first.getProgram().getSourceFile(b));
    // b no longer imports sub/c: the dependencies follow the new text.
    expect(next.getAllDependencies(next.getProgram().getSourceFile(cell)!).map((f) => path.relative(dir, f)).sort()).not.toContain('lib/sub/c.ts');
  });

  it('a cell that augments the global scope depends on every file, as in TypeScript', () => {
    const g = project({ '__tslab__.ts': "export {};\ndeclare global { var g: number }\n", 'x.ts': 'export const x = 1;\n' });
    const light = speed.createLightBuilder([path.join(g, '__tslab__.ts'), path.join(g, 'x.ts')], OPTIONS, host(), undefined, undefined, undefined);
    const deps = light.getAllDependencies(light.getProgram().getSourceFile(path.join(g, '__tslab__.ts'))!);
    expect(deps.some((f) => f.endsWith('lib.es2022.d.ts'))).toBe(true);
    expect(deps.map((f) => path.basename(f))).toContain('x.ts');
  });
});

describe('compile-speed: one program per cell', () => {
  it("reads a cell's top-level names, in order, as the program's binder does", () => {
    const text = "export {};\nimport { a } from './a';\nimport * as ns from './a';\nconst b = 1, [c, { d }] = [2, { d: 3 }];\nfunction f() { const inner = 1; }\n" +
      'interface I { x: number }\ntype T = I;\nclass K {}\nenum E { A }\nnamespace N { export const n = 1; }\nlet late: number;\n{ const block = 1; }\nfor (const loop of []) {}\n1 + 2\n';
    const dir = project({ '__tslab__.ts': text, 'a.ts': 'export const a = 1;\n' });
    const p = ts.createProgram([path.join(dir, '__tslab__.ts')], OPTIONS, host());
    p.getTypeChecker(); // binds every file
    const want = [...p.getSourceFile(path.join(dir, '__tslab__.ts')).locals.keys()];
    expect(want).toEqual(['f', 'a', 'ns', 'b', 'c', 'd', 'I', 'T', 'K', 'E', 'N', 'late']);
    expect([...speed.cellLocals(path.join(dir, '__tslab__.ts'), text, OPTIONS).keys()]).toEqual(want);
    expect(speed.cellLocals(path.join(dir, '__tslab__.ts'), 'export {};\n1 + 2', OPTIONS).size).toBe(0);
  });
});

describe('compile-speed: diagnostics of imported files', () => {
  const dir = project({
    '__tslab__.ts': "export {};\nimport { f } from './lib/f';\nconst y: number = f();\n",
    'lib/f.ts': "export function f(): number { const bad: string = 1; return 1; }\n",
  });
  const cell = path.join(dir, '__tslab__.ts');
  const lib = path.join(dir, 'lib', 'f.ts');
  const all = (p: Program) => [p.getSourceFile(cell)!, p.getSourceFile(lib)!];

  /** Counts semantic checks per file name on a program. */
  function counted(p: Program): Map<string, number> {
    const counts = new Map<string, number>();
    const check = p.getSemanticDiagnostics.bind(p);
    p.getSemanticDiagnostics = (file?: SourceFile) => {
      if (file) counts.set(path.basename(file.fileName), (counts.get(path.basename(file.fileName)) ?? 0) + 1);
      return check(file);
    };
    return counts;
  }

  it("reports what TypeScript's getPreEmitDiagnosticsOfFiles reports, cell and imported file", () => {
    const p = ts.createProgram([cell], OPTIONS, host()) as Program;
    expect(codes(speed.getPreEmitDiagnosticsOfFiles(p, all(p)))).toEqual(codes(ts.getPreEmitDiagnosticsOfFiles(p, all(p))));
    expect(codes(speed.getPreEmitDiagnosticsOfFiles(p, all(p)))).toEqual(['f.ts:2322']);
  });

  it('reuses an unchanged imported file\'s diagnostics for the next cell, and always checks the cell itself', () => {
    const p1 = ts.createProgram([cell], OPTIONS, host()) as Program;
    speed.getPreEmitDiagnosticsOfFiles(p1, all(p1));
    // The next cell: new cell text, same lib file.
    const h2 = host(new Map([[cell, "export {};\nimport { f } from './lib/f';\nconst z: string = f();\n"]]));
    const p2 = ts.createProgram({ rootNames: [cell], options: OPTIONS, host: h2, oldProgram: p1 }) as Program;
    expect(p2.getSourceFile(lib)).toBe(p1.getSourceFile(lib));
    const counts = counted(p2);
    const ds = speed.getPreEmitDiagnosticsOfFiles(p2, all(p2));
    expect(codes(ds)).toEqual(['__tslab__.ts:2322', 'f.ts:2322']); // the cell's new error, and the lib's kept one
    expect(counts.get('__tslab__.ts')).toBe(1);
    expect(counts.get('f.ts')).toBeUndefined();
  });

  it('checks an imported file again once it changed (the edit is seen: fixed, then broken differently)', () => {
    const p1 = ts.createProgram([cell], OPTIONS, host()) as Program;
    speed.getPreEmitDiagnosticsOfFiles(p1, all(p1));
    const fixed = ts.createProgram({ rootNames: [cell], options: OPTIONS, host: host(new Map([[lib, 'export function f(): number { return 1; }\n']])), oldProgram: p1 }) as Program;
    expect(codes(speed.getPreEmitDiagnosticsOfFiles(fixed, all(fixed)))).toEqual([]);
    const broken = ts.createProgram({ rootNames: [cell], options: OPTIONS, host: host(new Map([[lib, "export function f(): number { return 'one'; }\n"]])), oldProgram: fixed }) as Program;
    expect(codes(speed.getPreEmitDiagnosticsOfFiles(broken, all(broken)))).toEqual(['f.ts:2322']);
  });

  it('does not reuse anything while the cell augments the global scope (it could change what the lib sees)', () => {
    const p1 = ts.createProgram([cell], OPTIONS, host()) as Program;
    speed.getPreEmitDiagnosticsOfFiles(p1, all(p1));
    const h2 = host(new Map([[cell, "export {};\nimport { f } from './lib/f';\ndeclare global { var extra: number }\n"]]));
    const p2 = ts.createProgram({ rootNames: [cell], options: OPTIONS, host: h2, oldProgram: p1 }) as Program;
    const counts = counted(p2);
    expect(codes(speed.getPreEmitDiagnosticsOfFiles(p2, all(p2)))).toEqual(['f.ts:2322']);
    expect(counts.get('f.ts')).toBe(1);
  });
});

describe('compile-speed: one type checker from cell to cell', () => {
  const dir = project({
    '__tslab__.ts': 'export {};\n',
    'lib/g.ts': "/** A number. */\nexport function g(): number { return 1; }\nexport const table = { a: 1, b: 'x' };\n",
  });
  const cell = path.join(dir, '__tslab__.ts');
  const lib = path.join(dir, 'lib', 'g.ts');
  const cellText = (body: string) => `export {};\nimport * as G from './lib/g';\n${body}\n`;
  /** A diagnostic as tslab shows it: file, line, column, code, message. */
  const shown = (ds: Diagnostic[]) => ds.map((d) => {
    const file = d.file as unknown as { fileName: string; getLineAndCharacterOfPosition(p: number): { line: number; character: number } } | undefined;
    const at = file ? file.getLineAndCharacterOfPosition((d as unknown as { start: number }).start) : { line: -1, character: -1 };
    return `${file ? path.basename(file.fileName) : '-'}:${at.line}:${at.character} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });

  it("reports in each cell what a new checker reports, keeping the checker while only the cell changed", () => {
    speed.install({}); // the kernel's setting: programs get their checker from compile-speed.cjs
    try {
      const bodies = [
        'const a: number = G.g();',
        'const s: string = G.g(); // error',
        'const s: string = G.g(); // error', // the very same text again: reported again
        'G.table.b.toUpperCase()',
        'const s: string = G.g(); // error', // the file object of two cells ago, given back by the host: reported again
        'G.nope(1);', // a member the namespace does not have
        "const n: number = G.table.a;\nconst m: number = G.table.b;",
      ];
      let prev: Program | undefined;
      const checkers: unknown[] = [];
      const reuses: number[] = [];
      const cellFiles: SourceFile[] = [];
      for (const [i, body] of bodies.entries()) {
        const overrides = new Map([[cell, cellText(body)]]);
        const h = host(overrides) as { getSourceFile(f: string, l: unknown): SourceFile | undefined };
        if (i === 4) {
          const getSourceFile = h.getSourceFile;
          h.getSourceFile = (f, l) => (f === cell ? cellFiles[1] : getSourceFile(f, l));
        }
        const p = ts.createProgram({ rootNames: [cell], options: OPTIONS, host: h, oldProgram: prev }) as Program & { getTypeChecker(): unknown };
        cellFiles.push(p.getSourceFile(cell)!);
        const got = shown(speed.getPreEmitDiagnosticsOfFiles(p, [p.getSourceFile(cell)!, p.getSourceFile(lib)!]));
        checkers.push(p.getTypeChecker());
        reuses.push(speed.checkerReuses());
        // TypeScript's own: a program of the same files with a checker of its own.
        speed.install({ MLIN_KERNEL_COMPILE_SPEED: 'off' });
        const fresh = ts.createProgram([cell], OPTIONS, host(overrides)) as Program & { getTypeChecker(): unknown };
        const want = shown(ts.getPreEmitDiagnosticsOfFiles(fresh, [fresh.getSourceFile(cell)!, fresh.getSourceFile(lib)!]));
        expect(fresh.getTypeChecker()).not.toBe(checkers[checkers.length - 1]);
        speed.install({});
        expect(got, body).toEqual(want);
        prev = p;
      }
      const errors = bodies.map((b) => b.includes('error') || b.includes('nope') || b.includes('m: number'));
      expect(errors).toEqual([false, true, true, false, true, true, true]);
      // Kept from cell to cell; a new one only for the text seen two cells back (its stored diagnostics were dropped).
      expect(checkers[1]).toBe(checkers[0]);
      expect(checkers[2]).toBe(checkers[0]);
      expect(checkers[3]).toBe(checkers[0]);
      expect(checkers[4]).not.toBe(checkers[0]);
      expect(checkers[5]).toBe(checkers[4]);
      expect(checkers[6]).toBe(checkers[4]);
      expect(cellFiles[2]).toBe(cellFiles[1]); // same text as the cell before: the host gave the same object
      expect(cellFiles[4]).toBe(cellFiles[1]);
      expect(reuses).toEqual([0, 1, 2, 3, 0, 1, 2]);

      // An edited lib file: a new checker, which sees the edit.
      const edited = new Map([[cell, cellText('const a: number = G.g();')], [lib, "export function g(): string { return 'one'; }\nexport const table = { a: 1, b: 'x' };\n"]]);
      const p = ts.createProgram({ rootNames: [cell], options: OPTIONS, host: host(edited), oldProgram: prev }) as Program & { getTypeChecker(): unknown };
      expect(shown(speed.getPreEmitDiagnosticsOfFiles(p, [p.getSourceFile(cell)!, p.getSourceFile(lib)!]))).toEqual(["__tslab__.ts:2:6 TS2322 Type 'string' is not assignable to type 'number'."]);
      expect(p.getTypeChecker()).not.toBe(checkers[6]);
    } finally {
      speed.install({ MLIN_KERNEL_COMPILE_SPEED: 'off' });
    }
  });

  it("loads tslab's TypeScript with its edits, each found exactly once", () => {
    const file = require.resolve('@tslab/typescript-for-tslab', { paths: [path.dirname(require.resolve('tslab/package.json'))] });
    const source = require('node:fs').readFileSync(file, 'utf8') as string;
    const edits = (speed as unknown as { TS_EDITS: unknown[] }).TS_EDITS;
    expect(edits).toHaveLength(6);
    expect(() => applyEdits(source, edits, file)).not.toThrow();
    expect((ts as { __mlinHooks?: object }).__mlinHooks).toBeDefined();
  });
});

describe('compile-speed: the on-disk cache', () => {
  it('transpiles as ts.transpileModule does, and serves the same text from disk in a later kernel', () => {
    const cache = project({});
    const before = process.env.MLIN_KERNEL_CACHE_DIR;
    process.env.MLIN_KERNEL_CACHE_DIR = cache;
    try {
      const js = "import { a } from './a';\nexport const b = a + 1;\n";
      const options = { fileName: 'custom.js', compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true, target: ts.ScriptTarget.ES2022, newLine: ts.NewLineKind.LineFeed, noImplicitUseStrict: true } };
      const want = ts.transpileModule(js, options).outputText as string;
      expect(speed.transpileCached(ts, js, options).outputText).toBe(want);
      const files = readdirSync(path.join(cache, 'cjs'), { recursive: true }).filter((f) => String(f).endsWith('.js'));
      expect(files).toHaveLength(1);
      expect(readFileSync(path.join(cache, 'cjs', String(files[0])), 'utf8')).toBe(want);
      // Another text is another entry, never the first one's output.
      expect(speed.transpileCached(ts, js.replace('+ 1', '+ 2'), options).outputText).toContain('a_1.a + 2');
    } finally {
      if (before === undefined) delete process.env.MLIN_KERNEL_CACHE_DIR; else process.env.MLIN_KERNEL_CACHE_DIR = before;
    }
  });

  it('keeps the newest 64 program records and drops the older ones', () => {
    const cache = project({});
    const dir = path.join(cache, 'program');
    mkdirSync(dir);
    for (let i = 0; i < 70; i++) {
      writeFileSync(path.join(dir, `r${i}.json`), '{}');
      utimesSync(path.join(dir, `r${i}.json`), 1_000_000 + i, 1_000_000 + i);
    }
    const before = process.env.MLIN_KERNEL_CACHE_DIR;
    speed.flush(); // records of the tests above go to their cache first
    process.env.MLIN_KERNEL_CACHE_DIR = cache;
    try { speed.flush(); } finally {
      if (before === undefined) delete process.env.MLIN_KERNEL_CACHE_DIR; else process.env.MLIN_KERNEL_CACHE_DIR = before;
    }
    const left = readdirSync(dir).sort((a, b) => Number(a.slice(1, -5)) - Number(b.slice(1, -5)));
    expect(left).toHaveLength(64);
    expect(left[0]).toBe('r6.json');
  });
});

describe("compile-speed: the watch program's timers", () => {
  it('keep every timer asked for until the compile runs them, in order, with the ones they schedule', () => {
    let slot: { callback(): void } | null = null;
    const assign = (s: { callback(): void } | null) => { slot = s; };
    const q = speed.timers({});
    const ran: string[] = [];
    q.set(() => ran.push('invalidate lookups'), assign);
    const update = q.set(() => ran.push('stale update'), assign);
    q.clear(update); // TypeScript clears its update timer before asking for a new one
    q.set(() => { ran.push('update'); q.set(() => ran.push('update again'), assign); }, assign);
    expect(slot).not.toBeNull();
    slot!.callback();
    expect(ran).toEqual(['invalidate lookups', 'update', 'update again']);
    expect(slot).toBeNull();
    // Clearing the only pending timer empties the slot, as tslab's single timer did.
    const t = q.set(() => ran.push('never'), assign);
    q.clear(t);
    expect(slot).toBeNull();
    expect(speed.timers({})).not.toBe(q); // one queue per converter
  });
});

describe('compile-speed: edits to tslab', () => {
  it("apply to tslab's converter.js, after tslab-patch's own edits, exactly once each", () => {
    const file = require.resolve('tslab/dist/converter.js');
    const source = require('node:fs').readFileSync(file, 'utf8') as string;
    const ours = [...speed.TIMER_EDITS, ...speed.SPEED_EDITS];
    const patched = applyEdits(source, [...CONVERTER_EDITS.filter((e) => !ours.includes(e as never)), ...ours], file);
    expect(patched).not.toContain('Unexpected pending rebuildTimer');
    expect(patched).toContain('.createLightBuilder, function (d) {');
    expect(patched).toContain('.getPreEmitDiagnosticsOfFiles(builder.getProgram(), files)');
    expect(patched).not.toContain('ts.getPreEmitDiagnosticsOfFiles(');
    expect(patched).toContain('.cellLocals(srcFilename, srcPrefix + src,');
    expect(patched).toContain('.transpileCached(ts, js, {');
    expect(patched).toContain('.transpileCell(() => esModuleToCommonJSModule(output, transpileTarget))');
  });

  it('can be turned off for comparisons (MLIN_KERNEL_COMPILE_SPEED=off)', () => {
    const hooks = (ts as { __mlinHooks: { createChecker?: unknown } }).__mlinHooks;
    expect(speed.install({ MLIN_KERNEL_KEEP_CHECKER: 'off' })).toBe(true); // items 1-4 only: a new checker per cell
    expect(hooks.createChecker).toBeUndefined();
    expect(speed.install({})).toBe(true);
    expect(hooks.createChecker).toBeDefined();
    expect(speed.install({ MLIN_KERNEL_COMPILE_SPEED: 'off' })).toBe(false);
    expect(hooks.createChecker).toBeUndefined();
  });
});
