// Makes tslab compile each cell faster: a light program in place of TypeScript's incremental builder, and cached checks of unchanged imported files.
'use strict';
const path = require('node:path');

/*
 * Where a cell's time went (node --cpu-prof on the kernel, lesson 12 after its imports; bench/cell-latency.ts):
 *
 * 1. tslab keeps a watch program whose default "builder" (createEmitAndSemanticDiagnosticsBuilderProgram) rebuilds,
 *    for every new program, a reference map of *every* file in it (hundreds of @tensorflow .d.ts files), resolving each
 *    import through a fresh type checker, plus signatures and emit state: about half of a trivial cell's time, and a
 *    good share of its garbage. tslab uses the builder for four things only: the program, getSourceFile, emit, and the
 *    imported files of the cell (getAllDependencies). `createLightBuilder` gives those from the program alone; the
 *    cell's imported files are found by walking the module resolutions the program has already made.
 *    tslab compiled each cell that declares anything twice (once to read its top-level names, once more with
 *    `export {names}` appended); the names now come from parsing the cell alone (`cellLocals`), one program per cell.
 * 2. Before running a cell that imports local modules, tslab type-checks the cell *and every local .ts file it imports*
 *    (ts.getPreEmitDiagnosticsOfFiles), with a new checker each cell. An imported file's diagnostics only change when
 *    a file of the program other than the cell itself changes, so they are kept per source file and reused while
 *    every other file of the program is the very same SourceFile object (TypeScript reuses the object of an unchanged
 *    file, and makes a new one when a file's text changes: editing lib/x.ts re-checks everything again).
 *    The cell's own file is always checked: type errors in cells are reported exactly as before.
 * 3. tslab emits each file as an ES module and turns that text into CommonJS with ts.transpileModule: a full second
 *    parse and print of every imported lib/ file, a third of a lesson's import cell. The result only depends on that
 *    text (and the fixed options), so it is kept on disk by a hash of both (`transpileCached`): a new kernel, or a
 *    re-run import cell, gets the lib's CommonJS without transpiling it again. Nothing to build by hand: a changed file
 *    has a new hash, and a missing or unreadable cache just means transpiling as tslab did.
 * 4. Likewise, in a new kernel, the diagnostics and the emitted JavaScript of the imported files are what they were the
 *    last time the same program was compiled: both are kept on disk under a digest of every file of the program but
 *    the cell's (name and text), the compiler options and the versions of TypeScript and tslab (`programDigest`).
 *    A lesson's import cell then type-checks only the cell itself; an edited lib/ file changes the digest, so its
 *    errors are found again.
 */

const crypto = require('node:crypto');

const repoRoot = path.resolve(__dirname, '..', '..');
const tslabDir = path.dirname(require.resolve('tslab/package.json', { paths: [repoRoot] }));

/*
 * 5. (Measured after 1-4, lesson 04's imports, node --cpu-prof over 20 trivial and 20 `tf` cells.) What was left of a
 *    cell was a new type checker per cell: creating it (merging the globals of lib.d.ts, @types/node and every module's
 *    augmentations) and, in a cell that uses `tf`, resolving the namespace `@tensorflow/tfjs` again: its type has every
 *    export of tfjs-core, -layers, -converter, -data, each an alias through `export *` chains (getNamedMembers,
 *    resolveAlias: about 30 ms of a `tf` cell). A checker's caches stay right as long as no file it saw changes, and
 *    a cell changes only the cell's two files (`__tslab__.ts`, `__prev__.d.ts`: modules that augment nothing, so they
 *    add nothing to the checker's globals). So the checker is kept from cell to cell while every other file of the
 *    program is the very same SourceFile object (the "generation" of item 2): `createChecker` gives the new program
 *    the previous checker, whose host is pointed at the new program, with the diagnostics it had stored for the cell
 *    files dropped (the diagnostic store keeps only one copy of equal diagnostics, so a stale entry could hide the same
 *    error in a new cell). A changed or added file (an edited lib/ file, a new import, a %%module cell) makes a new
 *    checker, as does every KEEP_CHECKER_CELLS-th cell (the old cells' nodes stay reachable from its caches).
 *    TypeScript has no option for this: its Program makes its checker in a private closure, so five anchored edits to
 *    tslab's typescript.js (TS_EDITS, loaded by loadTypeScript) let a program ask this module for its checker.
 */
const Module = require('node:module');
const tsFile = require.resolve('@tslab/typescript-for-tslab', { paths: [tslabDir] });
// The edits themselves live in ts-edits.cjs: the launcher keys its snapshot on them without loading TypeScript.
const { TS_EDITS } = require('./ts-edits.cjs');

/**
 * tslab's TypeScript, loaded once with TS_EDITS (before anything else requires it; the kernel requires this module
 * first). Without a hook set, the edited TypeScript behaves exactly as the original.
 */
function loadTypeScript() {
  const cached = require.cache[tsFile];
  if (cached) {
    if (cached.exports.__mlinHooks) return cached.exports;
    throw new Error(`${tsFile} was loaded before scripts/kernel/compile-speed.cjs could edit it (require compile-speed.cjs first)`);
  }
  const { applyEdits } = require('./tslab-patch.cjs');
  const mod = new Module(tsFile, module);
  mod.filename = tsFile;
  mod.paths = Module._nodeModulePaths(path.dirname(tsFile));
  mod._compile(applyEdits(fs.readFileSync(tsFile, 'utf8'), TS_EDITS, tsFile), tsFile);
  mod.loaded = true;
  require.cache[tsFile] = mod;
  return mod.exports;
}
const fs = require('node:fs');
// The TypeScript that tslab's converter uses.
const ts = loadTypeScript();

/** Names of the files tslab feeds the compiler for the cell being compiled (converter.js: srcFilename, declFilename). */
const CELL_FILE_NAMES = new Set(['__tslab__.ts', '__tslab__.js', '__prev__.d.ts']);
const isCellFile = (fileName) => CELL_FILE_NAMES.has(path.basename(fileName));

/** Files a source file imports or references, as the program resolved them. */
function referencedFiles(program, sourceFile) {
  const out = [];
  const add = (fileName) => {
    const f = fileName && program.getSourceFile(fileName);
    if (f) out.push(f);
  };
  if (sourceFile.resolvedModules) {
    sourceFile.resolvedModules.forEach((r) => add(r && (r.resolvedFileName || (r.resolvedModule && r.resolvedModule.resolvedFileName))));
  }
  if (sourceFile.resolvedTypeReferenceDirectiveNames) {
    sourceFile.resolvedTypeReferenceDirectiveNames.forEach((r) => {
      const d = r && (r.resolvedTypeReferenceDirective || r);
      add(d && d.resolvedFileName);
    });
  }
  for (const ref of sourceFile.referencedFiles || []) add(ts.resolvePath(path.dirname(sourceFile.fileName), ref.fileName));
  return out;
}

/** Whether the file can change what other files see (a script's globals, `declare global`, module augmentations). */
function affectsOtherFiles(sourceFile) {
  return !ts.isExternalOrCommonJsModule(sourceFile) || (sourceFile.moduleAugmentations && sourceFile.moduleAugmentations.length > 0);
}

/**
 * The file names `sourceFile` depends on, itself included, as TypeScript's BuilderState.getAllDependencies gives them
 * to tslab: every file when it affects the global scope, else the files reachable through its imports and references.
 * Only source files (.ts, .js) are walked into; declaration files and packages' files end the walk (tslab keeps only
 * local .ts/.js files of the answer, and no declaration file imports a local .ts file).
 */
function allDependencies(program, sourceFile) {
  if (affectsOtherFiles(sourceFile)) return program.getSourceFiles().map((f) => f.fileName);
  const seen = new Set([sourceFile]);
  const queue = [sourceFile];
  while (queue.length) {
    const file = queue.pop();
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file)) continue;
    for (const ref of referencedFiles(program, file)) {
      if (!seen.has(ref)) {
        seen.add(ref);
        queue.push(ref);
      }
    }
  }
  return Array.from(seen, (f) => f.fileName);
}

/**
 * Whether tslab's transformer rewrites the file's last statement (an expression, maybe followed by `export {...}`) into
 * the cell's result variable, named after the cell's locals: then the file's JavaScript depends on the cell and is
 * never taken from the cache.
 */
function endsWithExpression(sourceFile) {
  for (let i = sourceFile.statements.length - 1; i >= 0; i--) {
    const stmt = sourceFile.statements[i];
    if (ts.isExportDeclaration(stmt)) continue;
    return ts.isExpressionStatement(stmt);
  }
  return false;
}

/**
 * A stand-in for TypeScript's EmitAndSemanticDiagnosticsBuilderProgram with what tslab and the watch program use of it,
 * built on a plain program (created with the previous one as `oldProgram`, so unchanged files are reused as before).
 */
function createLightBuilder(rootNames, options, host, oldBuilder, configFileParsingDiagnostics, projectReferences) {
  if (!rootNames) return oldBuilder; // the watch program's "only config errors changed" call: no config file here
  const oldProgram = oldBuilder && oldBuilder.getProgram();
  const program = ts.createProgram({ rootNames, options, host, oldProgram, configFileParsingDiagnostics, projectReferences });
  // tslab reads the cell's top-level names (SourceFile.locals) right after the program is made; the builder bound every
  // file then, by creating a checker. Binding is what the checker does first anyway, and is kept on the file.
  for (const name of rootNames) {
    const file = program.getSourceFile(name);
    if (file && !file.locals) ts.bindSourceFile(file, options);
  }
  let dependencies = null;
  return {
    getProgram: () => program,
    getProgramOrUndefined: () => program,
    releaseProgram() {},
    getCompilerOptions: () => program.getCompilerOptions(),
    getSourceFile: (fileName) => program.getSourceFile(fileName),
    getSourceFiles: () => program.getSourceFiles(),
    getCurrentDirectory: () => program.getCurrentDirectory(),
    getOptionsDiagnostics: (ct) => program.getOptionsDiagnostics(ct),
    getGlobalDiagnostics: (ct) => program.getGlobalDiagnostics(ct),
    getConfigFileParsingDiagnostics: () => program.getConfigFileParsingDiagnostics(),
    getSyntacticDiagnostics: (file, ct) => program.getSyntacticDiagnostics(file, ct),
    getSemanticDiagnostics: (file, ct) => program.getSemanticDiagnostics(file, ct),
    getDeclarationDiagnostics: (file, ct) => program.getDeclarationDiagnostics(file, ct),
    getAllDependencies(sourceFile) {
      dependencies = dependencies || new Map();
      if (!dependencies.has(sourceFile)) dependencies.set(sourceFile, allDependencies(program, sourceFile));
      return dependencies.get(sourceFile);
    },
    // tslab always passes writeFile and its transformers; the builder's own emit then went straight to program.emit.
    emit(target, writeFile, ct, emitOnlyDts, transformers) {
      const digest = target && !emitOnlyDts && !isCellFile(target.fileName) && !endsWithExpression(target) ? programDigest(program) : null;
      if (!digest) return program.emit(target, writeFile, ct, emitOnlyDts, transformers);
      // An imported file's JavaScript, as emitted before under the same digest (tslab keeps only the .js outputs of
      // imported files; their .d.ts outputs were thrown away).
      const rec = record(digest);
      const stored = rec.emits[target.fileName];
      if (stored) {
        for (const o of stored) writeFile(o.name, o.text, false);
        return { emitSkipped: false, diagnostics: [] };
      }
      const outs = [];
      const result = program.emit(target, (name, text, ...rest) => {
        if (name.endsWith('.js')) outs.push({ name, text });
        writeFile(name, text, ...rest);
      }, ct, emitOnlyDts, transformers);
      if (!result.emitSkipped && result.diagnostics.length === 0) {
        rec.emits[target.fileName] = outs;
        changed(digest);
      }
      return result;
    },
  };
}

/**
 * Whether the diagnostics of files other than the cell's may be reused in `program`: the same SourceFile objects as the
 * last program for every file but the cell's own, and those cell files are modules that augment nothing.
 * Returns a number that changes whenever reuse must stop (a "generation" of the program's other files).
 */
const generations = new WeakMap();
let lastFiles = null;
let generation = 0;
function programGeneration(program) {
  if (generations.has(program)) return generations.get(program);
  const files = [];
  let reusable = true;
  for (const f of program.getSourceFiles()) {
    if (isCellFile(f.fileName)) {
      if (affectsOtherFiles(f)) reusable = false;
    } else {
      files.push(f);
    }
  }
  const same = reusable && lastFiles !== null && lastFiles.length === files.length && files.every((f, i) => f === lastFiles[i]);
  if (!same) generation++;
  lastFiles = reusable ? files : null;
  const g = reusable ? generation : -1;
  generations.set(program, g);
  return g;
}

/**
 * The type checker a program gets (item 5): the previous one while the program's files other than the cell's are the
 * same objects as the last program's, else a new one. `createTypeChecker` is TypeScript's own.
 */
const KEEP_CHECKER_CELLS = 200; // then a new checker: the old cells' nodes stay reachable from a checker's caches
let shared = null; // { checker, target, diagnostics, generation, cells, options, seen, lastCells }
function createChecker(program, createTypeChecker) {
  const g = programGeneration(program);
  const cellFiles = program.getSourceFiles().filter((f) => isCellFile(f.fileName));
  // A cell file the checker has checked comes back only as the previous program's own (same text, same object): its
  // diagnostics are still in the store. One from further back may have had them dropped since: a new checker then.
  const reusable = shared && g >= 0 && shared.generation === g && shared.cells < KEEP_CHECKER_CELLS &&
    shared.options === program.getCompilerOptions() && cellFiles.every((f) => !shared.seen.has(f) || shared.lastCells.get(f.fileName) === f);
  if (reusable) {
    shared.target.program = program;
    for (const f of cellFiles) {
      // What the checker stored for the previous cell's file of that name (a type error, an inspect or completion).
      if (shared.lastCells.get(f.fileName) !== f) shared.diagnostics.forgetFile(f.fileName);
      shared.seen.add(f);
      shared.lastCells.set(f.fileName, f);
      // A new checker binds every file first; the kept one has bound all but the cell's new files.
      if (!f.locals) ts.bindSourceFile(f, program.getCompilerOptions());
    }
    shared.cells++;
    return shared.checker;
  }
  // The checker's host is the program; here a stand-in that always answers for the newest program.
  const target = { program };
  const host = new Proxy(Object.create(null), { get: (_, key) => target.program[key], has: (_, key) => key in target.program });
  ts.__mlinHooks.diagnostics = undefined;
  const checker = createTypeChecker(host);
  const diagnostics = ts.__mlinHooks.diagnostics;
  shared = g >= 0 && diagnostics ? {
    checker, target, diagnostics, generation: g, cells: 0, options: program.getCompilerOptions(),
    seen: new WeakSet(cellFiles), lastCells: new Map(cellFiles.map((f) => [f.fileName, f])),
  } : null;
  return checker;
}
/** How many cells the current checker has served after the one it was made for (tests). */
const checkerReuses = () => (shared ? shared.cells : 0);

/** The transpile cache's folder: MLIN_KERNEL_CACHE_DIR, else build/cache/kernel in the repository (ignored by git). */
function cacheDir(env = process.env) {
  return env.MLIN_KERNEL_CACHE_DIR || path.join(repoRoot, 'build', 'cache', 'kernel');
}

/** Writes `text` to `file` whole or not at all (temp file + rename); a read-only checkout just gets no cache. */
function writeCacheFile(file, text) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch {
    // no cache, same results
  }
}

const CACHE_VERSION = 1; // bump when what is cached changes meaning
const tslabVersion = require(path.join(tslabDir, 'package.json')).version;
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');

const fileHashes = new WeakMap(); // SourceFile -> hash of its text (a SourceFile's text never changes)
const digests = new WeakMap(); // program -> digest, or null when nothing may be reused

/**
 * A hash of everything an imported file's diagnostics and JavaScript can depend on: TypeScript's and tslab's versions,
 * the compiler options and the name and text of every file of the program but the cell's own. Null while the cell
 * files augment something (then they could change what other files see).
 */
function programDigest(program) {
  if (digests.has(program)) return digests.get(program);
  let digest = null;
  if (programGeneration(program) >= 0) {
    const h = crypto.createHash('sha256');
    h.update(JSON.stringify([CACHE_VERSION, ts.version, tslabVersion, program.getCompilerOptions()]));
    for (const f of program.getSourceFiles()) {
      if (isCellFile(f.fileName)) continue;
      let fh = fileHashes.get(f);
      if (!fh) fileHashes.set(f, (fh = sha256(f.text)));
      h.update(`${f.fileName}\0${fh}\0`);
    }
    digest = h.digest('hex');
  }
  digests.set(program, digest);
  return digest;
}

/**
 * What was computed for imported files under one program digest, on disk as build/cache/kernel/program/<digest>.json:
 * { diagnostics: {fileName: [diagnostic without its SourceFile]}, emits: {fileName: [{name, text}] } }.
 */
const records = new Map();
const dirty = new Set();
function record(digest) {
  let r = records.get(digest);
  if (!r) {
    try {
      r = JSON.parse(fs.readFileSync(path.join(cacheDir(), 'program', `${digest}.json`), 'utf8'));
      if (!r || typeof r.diagnostics !== 'object' || typeof r.emits !== 'object') throw new Error('bad record');
    } catch {
      r = { diagnostics: {}, emits: {} };
    }
    records.set(digest, r);
  }
  return r;
}
function changed(digest) {
  if (dirty.size === 0) setImmediate(flush);
  dirty.add(digest);
}
const KEEP_RECORDS = 64; // a few hundred kB each: every lesson's imports, and some history of lib/ edits

/** Writes changed records after the cell's compile (not during it), and drops the oldest beyond KEEP_RECORDS. */
function flush() {
  const dir = path.join(cacheDir(), 'program');
  for (const digest of dirty) writeCacheFile(path.join(dir, `${digest}.json`), JSON.stringify(records.get(digest)));
  dirty.clear();
  try {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (files.length <= KEEP_RECORDS) return;
    const byAge = files.map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
    for (const { f } of byAge.slice(KEEP_RECORDS)) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    // another kernel pruned first
  }
}

/** A diagnostic as JSON (its file by name), and back onto a program's SourceFile objects. */
function storeDiagnostic(d) {
  const out = {};
  for (const [k, v] of Object.entries(d)) {
    if (k === 'file') out.fileName = v ? v.fileName : undefined;
    else if (k === 'relatedInformation') out.relatedInformation = v ? v.map(storeDiagnostic) : v;
    else out[k] = v;
  }
  return out;
}
function loadDiagnostic(program, d) {
  const out = {};
  for (const [k, v] of Object.entries(d)) {
    if (k === 'fileName') out.file = v === undefined ? undefined : program.getSourceFile(v);
    else if (k === 'relatedInformation') out.relatedInformation = v ? v.map((r) => loadDiagnostic(program, r)) : v;
    else out[k] = v;
  }
  if (!('file' in out)) out.file = undefined;
  return out;
}

const diagnosticsCache = new WeakMap(); // SourceFile -> { generation, diagnostics }

/** ts.getPreEmitDiagnosticsOfFiles (tslab's addition to TypeScript) with the diagnostics of unchanged imported files reused. */
function getPreEmitDiagnosticsOfFiles(program, sourceFiles, cancellationToken) {
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(cancellationToken),
    ...program.getGlobalDiagnostics(cancellationToken),
  ];
  const g = programGeneration(program);
  const declarations = ts.getEmitDeclarations(program.getCompilerOptions());
  for (const file of sourceFiles) {
    const reusable = !isCellFile(file.fileName) && g >= 0;
    const cached = reusable ? diagnosticsCache.get(file) : undefined;
    if (cached && cached.generation === g) {
      diagnostics.push(...cached.diagnostics);
      continue;
    }
    const digest = reusable ? programDigest(program) : null;
    const stored = digest ? record(digest).diagnostics[file.fileName] : undefined;
    let own;
    if (stored) {
      own = stored.map((d) => loadDiagnostic(program, d));
    } else {
      own = [
        ...program.getSyntacticDiagnostics(file, cancellationToken),
        ...program.getSemanticDiagnostics(file, cancellationToken),
        ...(declarations ? program.getDeclarationDiagnostics(file, cancellationToken) : []),
      ];
      if (digest) {
        record(digest).diagnostics[file.fileName] = own.map(storeDiagnostic);
        changed(digest);
      }
    }
    if (reusable) diagnosticsCache.set(file, { generation: g, diagnostics: own });
    diagnostics.push(...own);
  }
  return ts.sortAndDeduplicateDiagnostics(diagnostics);
}

const transpiled = new Map(); // key -> CommonJS text, this process
let cellOutput = false; // set while tslab turns the cell's own output into CommonJS

/**
 * Runs `convert` (tslab's ES module -> CommonJS step for the cell's own output) without the caches: a cell's text is
 * new almost every time, so caching it only wrote a file per cell into build/cache/kernel/cjs, never read again.
 */
function transpileCell(convert) {
  cellOutput = true;
  try {
    return convert();
  } finally {
    cellOutput = false;
  }
}

/**
 * ts.transpileModule(js, options) for tslab's ES module -> CommonJS step, remembered in memory and on disk by a hash of
 * the TypeScript version, the options and the text. Returns what transpileModule returns as far as tslab reads it.
 */
function transpileCached(tsModule, js, options) {
  if (cellOutput) return { outputText: tsModule.transpileModule(js, options).outputText };
  const key = crypto.createHash('sha256').update(JSON.stringify([CACHE_VERSION, tsModule.version, options, js])).digest('hex');
  let out = transpiled.get(key);
  if (out !== undefined) return { outputText: out };
  const file = path.join(cacheDir(), 'cjs', key.slice(0, 2), `${key}.js`);
  try {
    out = fs.readFileSync(file, 'utf8');
  } catch {
    out = tsModule.transpileModule(js, options).outputText;
    writeCacheFile(file, out);
  }
  transpiled.set(key, out);
  return { outputText: out };
}

/**
 * The top-level names of a cell (its SourceFile's locals), from parsing and binding the cell's text alone, as the
 * program would. tslab compiled every cell that declares anything twice: once to read these names, and again with
 * `export {names}` appended; now only the second program is made.
 */
function cellLocals(fileName, text, options) {
  const file = ts.createSourceFile(fileName, text, options.target);
  ts.bindSourceFile(file, options);
  return file.locals || new Map();
}

/**
 * Edits to tslab's converter.js (anchored as tslab-patch.cjs's own: each text must occur exactly once, or the kernel
 * refuses to start naming the edit). The converter calls this module's functions in place of TypeScript's.
 */
const self = JSON.stringify(__filename);
const SPEED_EDITS = [
  {
    why: 'a light program in place of the incremental builder (compile-speed.cjs)',
    find: '}, sys, null, function (d) {',
    replace: `}, sys, require(${self}).createLightBuilder, function (d) {`,
  },
  {
    why: 'diagnostics of unchanged imported files reused (compile-speed.cjs)',
    find: 'return ts.getPreEmitDiagnosticsOfFiles(builder.getProgram(), files);',
    replace: `return require(${self}).getPreEmitDiagnosticsOfFiles(builder.getProgram(), files);`,
  },
  {
    why: "one program per cell: the cell's top-level names read from its own parse (compile-speed.cjs)",
    find: 'function convert(prevDecl, src) {\n        updateContent(prevDecl, src);\n        let declsFile = builder.getSourceFile(declFilename);\n        let srcFile = builder.getSourceFile(srcFilename);\n        const locals = srcFile.locals;',
    replace: `function convert(prevDecl, src) {\n        const locals = require(${self}).cellLocals(srcFilename, srcPrefix + src, builder.getProgram().getCompilerOptions());\n        if (locals.size === 0) updateContent(prevDecl, src);\n        let declsFile = builder.getSourceFile(declFilename);\n        let srcFile = builder.getSourceFile(srcFilename);`,
  },
  {
    why: "the cell's own output is not cached (compile-speed.cjs)",
    find: '            output: esModuleToCommonJSModule(output, transpileTarget),',
    replace: `            output: require(${self}).transpileCell(() => esModuleToCommonJSModule(output, transpileTarget)),`,
  },
  {
    why: 'the ES module -> CommonJS step cached by content hash (compile-speed.cjs)',
    find: 'let out = ts.transpileModule(js, {',
    replace: `let out = require(${self}).transpileCached(ts, js, {`,
  },
];

/**
 * tslab gives TypeScript's watch program a single timer slot (one pending rebuild, run by hand before each compile)
 * and throws "Unexpected pending rebuildTimer" when a second timer is asked for. TypeScript asks for two kinds: the
 * program update, and the re-resolution of failed module lookups after a watched package.json or missing file
 * appears or goes. A file event of the second kind between two cells then kills the kernel from the file watcher
 * (seen twice here while other processes worked in the repository). Here any number of timers wait in order, and the
 * slot's callback runs them all, including those they schedule, before the compile goes on.
 * This applies with MLIN_KERNEL_COMPILE_SPEED=off too: it fixes a crash, it does not change a compile.
 */
function createTimers() {
  const pending = [];
  let slot = null;
  let setSlot = () => {};
  return {
    set(callback, assignSlot) {
      setSlot = assignSlot;
      const timer = { callback };
      pending.push(timer);
      if (!slot) {
        slot = {
          callback: () => {
            while (pending.length) pending.shift().callback();
            slot = null;
            setSlot(null);
          },
        };
        setSlot(slot);
      }
      return timer;
    },
    clear(timer) {
      const i = pending.indexOf(timer);
      if (i >= 0) pending.splice(i, 1);
      if (pending.length === 0 && slot) {
        slot = null;
        setSlot(null);
      }
    },
  };
}
const timersBySys = new WeakMap(); // one queue per converter (tslab makes one sys object for each)
function timers(sys) {
  if (!timersBySys.has(sys)) timersBySys.set(sys, createTimers());
  return timersBySys.get(sys);
}

const TIMER_EDITS = [
  {
    why: "any number of the watch program's timers wait for the next compile (compile-speed.cjs)",
    find: "        if (rebuildTimer) {\n            throw new Error(\"Unexpected pending rebuildTimer\");\n        }\n        rebuildTimer = {\n            callback: () => {\n                callback();\n                rebuildTimer = null;\n            },\n        };\n        return rebuildTimer;\n    };\n    sys.clearTimeout = (timeoutId) => {\n        if (rebuildTimer === timeoutId) {\n            rebuildTimer = null;\n            return;\n        }\n        throw new Error(\"clearing unexpected tiemr\");\n    };",
    replace: `        return require(${self}).timers(sys).set(callback, (t) => { rebuildTimer = t; });
    };
    sys.clearTimeout = (timeoutId) => {
        require(${self}).timers(sys).clear(timeoutId);
    };`,
  },
];

/**
 * Adds the edits to those tslab-patch.cjs applies when it loads tslab's converter: call before patchConverter.
 * Idempotent. MLIN_KERNEL_COMPILE_SPEED=off leaves tslab's compiler as it was (bench:cells measures both ways).
 */
function install(env = process.env) {
  const { CONVERTER_EDITS } = require('./tslab-patch.cjs');
  const edits = env.MLIN_KERNEL_COMPILE_SPEED === 'off' ? TIMER_EDITS : [...TIMER_EDITS, ...SPEED_EDITS];
  for (const edit of edits) if (!CONVERTER_EDITS.includes(edit)) CONVERTER_EDITS.push(edit);
  // MLIN_KERNEL_KEEP_CHECKER=off leaves out item 5 only (a new checker per cell, as TypeScript makes it).
  ts.__mlinHooks.createChecker = env.MLIN_KERNEL_COMPILE_SPEED === 'off' || env.MLIN_KERNEL_KEEP_CHECKER === 'off' ? undefined : createChecker;
  return env.MLIN_KERNEL_COMPILE_SPEED !== 'off';
}

module.exports = { install, transpileCell, TS_EDITS, loadTypeScript, createChecker, checkerReuses, SPEED_EDITS, TIMER_EDITS, timers, cellLocals, createLightBuilder, allDependencies, getPreEmitDiagnosticsOfFiles, transpileCached, programDigest, cacheDir, flush };
