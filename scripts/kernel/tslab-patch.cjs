// Loads tslab's compiler module (dist/converter.js) with a few anchored source edits, so cells compile with a rootDir above the notebook's folder.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

/**
 * tslab compiles every cell with `rootDir` = the kernel's working directory, and maps emitted files back to disk
 * relative to that directory. A kernel started in the notebook's folder (as Jupyter starts every kernel) then fails
 * on `import ... from '../lib/x'` ("File '.../lib/x.ts' is not under 'rootDir'"). These edits give createConverter an
 * `options.rootDir` (the launcher passes the filesystem root) used for the compiler's rootDir, the cell's emitted
 * file names and the on-disk paths of imported local modules, while the cell itself stays in the working directory
 * (so relative imports and module resolution start from the notebook's folder). Diagnostics in imported files are
 * named relative to the working directory (`../lib/x.ts`).
 *
 * Each edit names text that must occur exactly once in tslab 1.0.22's converter.js; if tslab changes, the kernel
 * refuses to start with a message naming the edit, instead of compiling cells some other way.
 */
const CONVERTER_EDITS = [
  {
    why: 'a rootDir option beside the working directory',
    find: 'const cwd = ts.sys.getCurrentDirectory();',
    replace: 'const cwd = ts.sys.getCurrentDirectory();\n    const rootDir = (0, tspath_1.normalizeSlashes)((options === null || options === void 0 ? void 0 : options.rootDir) || cwd);\n    const cellOutDir = path_1.default.relative(rootDir, cwd);',
  },
  {
    why: "the cell's emitted JavaScript sits under outDir/<cwd relative to rootDir>",
    find: 'const dstFilename = (0, tspath_1.normalizeJoin)(outDir, "__tslab__.js");',
    replace: 'const dstFilename = (0, tspath_1.normalizeJoin)(outDir, cellOutDir, "__tslab__.js");',
  },
  {
    why: "the cell's emitted declarations likewise",
    find: 'const dstDeclFilename = (0, tspath_1.normalizeJoin)(outDir, "__tslab__.d.ts");',
    replace: 'const dstDeclFilename = (0, tspath_1.normalizeJoin)(outDir, cellOutDir, "__tslab__.d.ts");',
  },
  {
    why: 'the compiler option',
    find: 'rootDir: cwd,',
    replace: 'rootDir: rootDir,',
  },
  {
    why: 'imported local modules are loaded from their real path',
    find: 'path: (0, tspath_1.normalizeJoin)(cwd, rel),',
    replace: 'path: (0, tspath_1.normalizeJoin)(rootDir, rel),',
  },
  {
    why: 'diagnostics of imported files under rootDir are kept and named relative to the working directory',
    find: 'const rel = path_1.default.relative(cwd, d.file.fileName);\n                if (rel.startsWith("..")) {\n                    continue;\n                }\n                fileName = rel;',
    replace: 'if (path_1.default.relative(rootDir, d.file.fileName).startsWith("..")) {\n                    continue;\n                }\n                fileName = (0, tspath_1.normalizeSlashes)(path_1.default.relative(cwd, d.file.fileName));',
  },
];

/** Applies `edits` to `source`; throws naming the first edit whose text is not found exactly once. */
function applyEdits(source, edits, file) {
  let out = source;
  for (const edit of edits) {
    const first = out.indexOf(edit.find);
    if (first < 0 || out.indexOf(edit.find, first + 1) >= 0) {
      throw new Error(`cannot patch ${file} (${edit.why}): expected its text exactly once, found it ${first < 0 ? 'nowhere' : 'more than once'}; tslab was upgraded? see scripts/kernel/tslab-patch.cjs`);
    }
    out = out.slice(0, first) + edit.replace + out.slice(first + edit.find.length);
  }
  return out;
}

/** Compiles `source` as the module `file` and registers it in require's cache, so every require of `file` gets it. */
function loadModuleFromSource(file, source) {
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod._compile(source, file);
  mod.loaded = true;
  require.cache[file] = mod;
  return mod.exports;
}

/**
 * Loads the patched converter before anything else requires it (tslab's main, jupyter and executor modules do).
 * Returns its exports (createConverter, isCompleteCode, ...).
 */
function patchConverter(repoRoot) {
  const file = require.resolve('tslab/dist/converter.js', { paths: [repoRoot] });
  if (require.cache[file]) {
    if (require.cache[file].exports.__rootDirPatched) return require.cache[file].exports;
    throw new Error('tslab/dist/converter.js was loaded before scripts/kernel/tslab-patch.cjs could patch it');
  }
  const exports = loadModuleFromSource(file, applyEdits(fs.readFileSync(file, 'utf8'), CONVERTER_EDITS, file));
  Object.defineProperty(exports, '__rootDirPatched', { value: true });
  return exports;
}

module.exports = { patchConverter, applyEdits, CONVERTER_EDITS };
