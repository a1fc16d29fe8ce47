// Starts this project's kernel: tslab's compiler and executor (rootDir patched) behind a protocol-correct Jupyter server, in the notebook's folder.
'use strict';
const path = require('node:path');
const util = require('node:util');

const repoRoot = path.resolve(__dirname, '..', '..');
const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error('usage: node scripts/kernel/kernel.cjs <connection_file>');
  process.exit(2);
}
const absConnection = path.resolve(connectionFile);
// The working directory is the notebook's folder, as Jupyter starts every kernel: relative file paths in a notebook
// resolve next to it, and the shared library is imported as '../lib/...' (the compiler's rootDir is the filesystem
// root, see tslab-patch.cjs).

// A kernel must not outlive the process that started it: the runner (or Jupyter) passes its pid, as ipykernel's
// ParentPoller expects, and the kernel exits when that process is gone, even if it was killed with SIGKILL.
const parentPid = Number(process.env.JPY_PARENT_PID);
if (Number.isInteger(parentPid) && parentPid > 1) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      process.exit(1);
    }
  }, 500).unref();
}
// Started from the startup snapshot by kernel.cjs (snapshot.cjs), the kernel lives as long as that launcher too: the
// launcher is the process Jupyter started and may be killed with SIGKILL, which it cannot pass on.
// The check runs on a thread of its own: a cell in an endless synchronous loop must not keep an orphan spinning.
if (process.env.MLIN_KERNEL_SNAPSHOT_KEY) {
  const { Worker } = require('node:worker_threads');
  const watchdog = new Worker(
    'const launcher = process.ppid; setInterval(() => { if (process.ppid !== launcher) process.kill(process.pid, "SIGKILL"); }, 500);',
    { eval: true },
  );
  watchdog.unref();
}
// tslab's compiler host debounces rebuilds with a single timer slot; a directory-watch event (an npm install
// touching node_modules/@types, say) schedules a second timer and the next cell dies with "Unexpected pending
// rebuildTimer". Directory watches only re-try failed module lookups, so they are turned off; file watches stay,
// so editing a lib/ file still takes effect in the next cell.
// compile-speed.cjs loads tslab's TypeScript with its edits (item 5 there), so it is required before anything else.
const compileSpeed = require('./compile-speed.cjs');
const ts = require(path.join(repoRoot, 'node_modules', '@tslab', 'typescript-for-tslab'));
ts.sys.watchDirectory = () => ({ close() {} });
// File watches report events that are not edits: a change of a file's hard-link count (another checkout sharing
// node_modules by hard links removes its copy) arrives as a "change" of TypeScript's own lib.*.d.ts; two such events
// before a rebuild hit the same single timer slot and killed a kernel mid-lesson. An event is passed on only when the
// file's size, mtime or inode really changed (or it appeared or disappeared), so edits still take effect.
const fs = require('node:fs');
const stamp = (file) => { try { const st = fs.statSync(file); return `${st.ino}:${st.size}:${st.mtimeMs}`; } catch { return 'missing'; } };
const watchFile = ts.sys.watchFile;
ts.sys.watchFile = (file, callback, ...rest) => {
  let last = stamp(file);
  return watchFile(file, (name, kind, ...more) => {
    const now = stamp(file);
    if (now === last) return;
    last = now;
    callback(name, kind, ...more);
  }, ...rest);
};
// tslab sets no `types`, so TypeScript puts every package under node_modules/@types into every cell's program (react,
// mdast, chai... brought in by the exporter and test tools). Cells see @types/node only, as tsconfig.json's
// `types: ["node"]` does for lib/; a smaller program makes each cell compile about 20% faster. Types a module imports
// still resolve as usual.
const typesDir = path.join(repoRoot, 'node_modules', '@types');
const getDirectories = ts.sys.getDirectories;
ts.sys.getDirectories = (dir) => (path.resolve(dir) === typesDir ? ['node'] : getDirectories(dir));

// Faster cell compiles (a light program in place of TypeScript's builder, reused checks of unchanged imported files):
// edits added to those tslab-patch.cjs applies, so this comes first.
compileSpeed.install();
// SourceFiles from the startup snapshot, when the kernel started from one, and the files it parses for the next one.
const snapshot = require('./snapshot.cjs').install(ts);
// For tests and benchmarks: how the snapshot served this kernel, written after every cell (a client may SIGKILL the
// kernel right after its shutdown reply).
const writeSnapshotReport = snapshot && process.env.MLIN_KERNEL_SNAPSHOT_REPORT
  ? () => fs.writeFileSync(process.env.MLIN_KERNEL_SNAPSHOT_REPORT, JSON.stringify(snapshot.stats))
  : () => {};
// tslab's compiler, loaded with the rootDir edits before any other tslab module requires it.
const converterModule = require('./tslab-patch.cjs').patchConverter(repoRoot);

const tslabDir = path.dirname(require.resolve('tslab/package.json', { paths: [repoRoot] }));
const { createExecutor } = require(path.join(tslabDir, 'dist', 'executor.js'));
const tslabJupyter = require(path.join(tslabDir, 'dist', 'jupyter.js'));
const { KernelServer } = require('./server.cjs');

/**
 * What tslab's executor reports about the running cell. tslab prints errors and the last expression's value through
 * the console object it is given; the launcher hands it one that records them here instead, and the converter hook
 * records the cell's diagnostics (with their TS codes) and its compiled JavaScript (to map stack lines back to the cell).
 */
const capture = {
  reset() {
    this.diagnostics = null; this.output = undefined;
    this.hasThrown = false; this.thrown = undefined;
    this.hasValue = false; this.value = undefined;
  },
};
capture.reset();
const DIAGNOSTIC_FORMAT = '%s%d:%d - %s';
const executorConsole = {
  // tslab logs exactly one thing through `log`: the value of the cell's last expression.
  log(value) { capture.hasValue = true; capture.value = value; },
  error(...args) {
    // Diagnostics of a cell are taken structurally from the converter; those of a %%module cell (which tslab still
    // runs) go to stderr as tslab printed them.
    if (args[0] === DIAGNOSTIC_FORMAT) {
      if (!capture.diagnostics) process.stderr.write(util.format(...args) + '\n');
      return;
    }
    if (args.length === 1) { capture.hasThrown = true; capture.thrown = args[0]; return; }
    process.stderr.write(util.format(...args) + '\n');
  },
};

/** tslab's lazily created converters (as its ConverterSetImpl), with a hook on convert. */
const rootDir = path.parse(process.cwd()).root;
const converters = {
  _node: null,
  _browser: null,
  make(isBrowser) {
    // Read at call time, so a module loaded above may wrap createConverter.
    const conv = converterModule.createConverter({ isJS: false, isBrowser, rootDir });
    const convert = conv.convert;
    conv.convert = (prevDecl, src) => {
      const r = convert(prevDecl, src);
      capture.diagnostics = r.diagnostics && r.diagnostics.length > 0 ? r.diagnostics : null;
      capture.output = r.output;
      return r;
    };
    return conv;
  },
  get node() { return (this._node ??= this.make(false)); },
  get browser() { return (this._browser ??= this.make(true)); },
  close() { this._node?.close(); this._browser?.close(); },
};
converters.node; // warm the compiler before the first cell, as tslab does

const executor = createExecutor(process.cwd(), converters, executorConsole);
if (snapshot) {
  // After a cell (its reply is on its way), a new snapshot is started in the background when this kernel parsed enough
  // text that the snapshot lacked.
  const execute = executor.execute.bind(executor);
  executor.execute = async (src) => {
    try {
      return await execute(src);
    } finally {
      writeSnapshotReport();
      setImmediate(() => snapshot.maybeRebuild());
    }
  };
}
const handler = new tslabJupyter.JupyterHandlerImpl(executor, false);
const tslabVersion = require(path.join(tslabDir, 'package.json')).version;

const info = {
  status: 'ok',
  protocol_version: '5.3',
  implementation: 'tslab',
  implementation_version: tslabVersion,
  language_info: {
    name: 'typescript',
    version: ts.version,
    mimetype: 'text/typescript',
    file_extension: '.ts',
    pygments_lexer: 'typescript',
    // As tslab: enables TypeScript highlighting in classic Notebook and JupyterLab (yunabe/tslab#18).
    codemirror_mode: { mode: 'typescript', name: 'javascript', typescript: true },
  },
  banner: `TypeScript ${ts.version} on Node.js ${process.version}, compiled and run by tslab ${tslabVersion} (ml-interview-notebooks kernel)`,
  help_links: [
    { text: 'tslab', url: 'https://github.com/yunabe/tslab' },
    { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/intro.html' },
    { text: 'Node.js API', url: 'https://nodejs.org/api/' },
  ],
  debugger: false,
};

const server = new KernelServer({ connectionFile: absConnection, executor, handler, capture, tslabJupyter, info, ts });
// Jupyter interrupts a kernel with interrupt_mode "signal" by SIGINT: tslab's executor stops a synchronous cell
// (vm breakOnSigint) or rejects the awaited promise of an asynchronous one.
process.on('SIGINT', () => executor.interrupt());
// As tslab: asynchronous failures outside any cell's await are printed (to the cell that ran last) and the kernel lives on.
process.on('uncaughtException', (err) => { console.error('UncaughtException:', err); });
process.on('unhandledRejection', (reason) => { console.error('UnhandledPromiseRejection:', reason); });
server.start().catch((err) => {
  console.error(`kernel failed to start: ${err.stack ?? err}`);
  process.exit(1);
});
