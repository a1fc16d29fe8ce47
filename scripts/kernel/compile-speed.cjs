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
 *    tslab compiles each cell twice (once to read its top-level names, once more with `export {names}` appended);
 *    the first program no longer creates a type checker at all, only the cell file is bound to read its names.
 * 2. Before running a cell that imports local modules, tslab type-checks the cell *and every local .ts file it imports*
 *    (ts.getPreEmitDiagnosticsOfFiles), with a new checker each cell. An imported file's diagnostics only change when
 *    a file of the program other than the cell itself changes, so they are kept per source file and reused while
 *    every other file of the program is the very same SourceFile object (TypeScript reuses the object of an unchanged
 *    file, and makes a new one when a file's text changes: editing lib/x.ts re-checks everything again).
 *    The cell's own file is always checked: type errors in cells are reported exactly as before.
 */

const repoRoot = path.resolve(__dirname, '..', '..');
const tslabDir = path.dirname(require.resolve('tslab/package.json', { paths: [repoRoot] }));
// The TypeScript that tslab's converter uses.
const ts = require(require.resolve('@tslab/typescript-for-tslab', { paths: [tslabDir] }));

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
    emit: (target, writeFile, ct, emitOnlyDts, transformers) => program.emit(target, writeFile, ct, emitOnlyDts, transformers),
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
    const cached = !isCellFile(file.fileName) && g >= 0 ? diagnosticsCache.get(file) : undefined;
    if (cached && cached.generation === g) {
      diagnostics.push(...cached.diagnostics);
      continue;
    }
    const own = [
      ...program.getSyntacticDiagnostics(file, cancellationToken),
      ...program.getSemanticDiagnostics(file, cancellationToken),
      ...(declarations ? program.getDeclarationDiagnostics(file, cancellationToken) : []),
    ];
    if (!isCellFile(file.fileName) && g >= 0) diagnosticsCache.set(file, { generation: g, diagnostics: own });
    diagnostics.push(...own);
  }
  return ts.sortAndDeduplicateDiagnostics(diagnostics);
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
];

/**
 * Adds the edits to those tslab-patch.cjs applies when it loads tslab's converter: call before patchConverter.
 * Idempotent. MLIN_KERNEL_COMPILE_SPEED=off leaves tslab's compiler as it was (bench:cells measures both ways).
 */
function install(env = process.env) {
  if (env.MLIN_KERNEL_COMPILE_SPEED === 'off') return false;
  const { CONVERTER_EDITS } = require('./tslab-patch.cjs');
  for (const edit of SPEED_EDITS) if (!CONVERTER_EDITS.includes(edit)) CONVERTER_EDITS.push(edit);
  return true;
}

module.exports = { install, SPEED_EDITS, createLightBuilder, allDependencies, getPreEmitDiagnosticsOfFiles };
