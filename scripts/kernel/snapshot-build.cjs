// Builds the kernel's V8 startup snapshot (see snapshot.cjs): tslab's edited TypeScript plus the files named in a request, parsed; written whole or not at all.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/*
 * Usage (started by snapshot.cjs, detached): node [the kernel's V8 flags] snapshot-build.cjs <request.json>
 * The request is {key, files: [{fileName, languageVersion}]}. Writes <key>.blob and <key>.files.json beside it, each by
 * a temporary file and a rename, removes blobs of other keys (an older Node.js, TypeScript or edit set), the request
 * and the build lock. On failure it writes <key>.failed with the reason, so kernels do not try again with this key.
 *
 * Node builds a snapshot from one script that may require only Node's built-in modules, so the script is written
 * here: TypeScript's source with compile-speed.cjs's edits, wrapped as the CommonJS module it is, then the parsing of
 * the requested files, then the function a kernel process starts in (it registers that TypeScript as the module
 * tslab requires, and requires kernel-main.cjs, the kernel itself).
 */

function entryScript(request, kept) {
  const { tsFile, KERNEL_FILE } = require('./snapshot.cjs');
  const { TS_EDITS } = require('./ts-edits.cjs');
  const { applyEdits } = require('./tslab-patch.cjs');
  const tsSource = applyEdits(fs.readFileSync(tsFile, 'utf8'), TS_EDITS, tsFile);
  const kernelMain = KERNEL_FILE;
  const c = JSON.stringify;
  return `'use strict';
var __mlinTsModule = { exports: {} };
(function (exports, require, module, __filename, __dirname) {
${tsSource}
})(__mlinTsModule.exports, require, __mlinTsModule, ${c(tsFile)}, ${c(path.dirname(tsFile))});
(function () {
  const fs = require('node:fs');
  const v8 = require('node:v8');
  const ts = __mlinTsModule.exports;
  const files = ${c(kept)};
  const preparsed = new Map();
  const parsed = [];
  for (const f of files) {
    let text;
    try { text = fs.readFileSync(f.fileName, 'utf8'); } catch { continue; }
    preparsed.set(f.fileName, ts.createSourceFile(f.fileName, text, f.languageVersion, false));
    parsed.push(f);
  }
  globalThis.__mlinSnapshotBuilt = { files: parsed.length };
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    // While a snapshot is built Error.stackTraceLimit is unset, and TypeScript's file probes (which set it to 0 and put
    // back what they found) left it undefined: stack traces would be empty. V8's default, as in any node process.
    if (typeof Error.stackTraceLimit !== 'number') Error.stackTraceLimit = 10;
    // Not passed on to a process or worker the kernel's cells start (fork() reuses execArgv): they are not this kernel.
    const flag = process.execArgv.indexOf('--snapshot-blob');
    if (flag >= 0) process.execArgv.splice(flag, 2);
    const Module = require('node:module');
    const tsModule = new Module(${c(tsFile)}, null);
    tsModule.filename = ${c(tsFile)};
    tsModule.paths = Module._nodeModulePaths(${c(path.dirname(tsFile))});
    tsModule.exports = ts;
    tsModule.loaded = true;
    Module._cache[${c(tsFile)}] = tsModule;
    globalThis.__mlinSnapshot = { key: ${c(request.key)}, files: parsed, preparsed };
    // The kernel reads its connection file from process.argv[2], as when started as "node kernel.cjs <file>".
    process.argv.splice(1, 0, ${c(kernelMain)});
    Module.createRequire(${c(kernelMain)})(${c(kernelMain)});
  });
})();
`;
}

function main() {
  const requestFile = process.argv[2];
  if (!requestFile) {
    console.error('usage: node scripts/kernel/snapshot-build.cjs <request.json>');
    return 2;
  }
  const { blobFile, listFile, failedFile, lockFile } = require('./snapshot.cjs');
  const dir = path.dirname(requestFile);
  const request = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
  const tmp = path.join(dir, `${request.key}.${process.pid}.tmp`);
  try {
    const kept = request.files.filter((f) => typeof f.fileName === 'string' && Number.isInteger(f.languageVersion));
    fs.writeFileSync(`${tmp}.js`, entryScript(request, kept));
    const r = spawnSync(process.execPath, [...process.execArgv, '--snapshot-blob', `${tmp}.blob`, '--build-snapshot', `${tmp}.js`], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MLIN_KERNEL_SNAPSHOT: 'off' },
    });
    if (r.status !== 0 || !fs.existsSync(`${tmp}.blob`)) {
      fs.writeFileSync(failedFile(dir, request.key), `node --build-snapshot exited with ${r.status ?? r.signal}\n${(r.stderr || '').slice(-4000)}`);
      return 1;
    }
    fs.writeFileSync(`${tmp}.json`, JSON.stringify({ key: request.key, files: kept.length, bytes: fs.statSync(`${tmp}.blob`).size }));
    fs.renameSync(`${tmp}.json`, listFile(dir, request.key));
    fs.renameSync(`${tmp}.blob`, blobFile(dir, request.key));
    for (const f of fs.readdirSync(dir)) {
      if (f.endsWith('.blob') && f !== path.basename(blobFile(dir, request.key))) fs.rmSync(path.join(dir, f), { force: true });
    }
    return 0;
  } finally {
    for (const f of [`${tmp}.js`, `${tmp}.blob`, `${tmp}.json`, requestFile]) fs.rmSync(f, { force: true });
    fs.rmSync(lockFile(dir), { force: true });
  }
}

if (require.main === module) process.exitCode = main();

module.exports = { entryScript };
