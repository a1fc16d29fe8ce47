// Starts tslab as this project's kernel with the repo root as working directory, so notebooks import ./lib/... anywhere.
'use strict';
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error('usage: node scripts/kernel/kernel.cjs <connection_file>');
  process.exit(2);
}
// tslab compiles every cell with rootDir = cwd; lib/ must sit under it (FACTS item 6).
const absConnection = path.resolve(connectionFile);
process.chdir(repoRoot);
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
// tslab's compiler host debounces rebuilds with a single timer slot; a directory-watch event (an npm install
// touching node_modules/@types, say) schedules a second timer and the next cell dies with "Unexpected pending
// rebuildTimer". Directory watches only re-try failed module lookups, so they are turned off; file watches stay,
// so editing a lib/ file still takes effect in the next cell.
const ts = require(path.join(repoRoot, 'node_modules', '@tslab', 'typescript-for-tslab'));
ts.sys.watchDirectory = () => ({ close() {} });
// tslab sets no `types`, so TypeScript puts every package under node_modules/@types into every cell's program (react,
// mdast, chai... brought in by the exporter and test tools). Cells see @types/node only, as tsconfig.json's
// `types: ["node"]` does for lib/; a smaller program makes each cell compile about 20% faster. Types a module imports
// still resolve as usual.
const typesDir = path.join(repoRoot, 'node_modules', '@types');
const getDirectories = ts.sys.getDirectories;
ts.sys.getDirectories = (dir) => (path.resolve(dir) === typesDir ? ['node'] : getDirectories(dir));
// The kernel runs from this repo's node_modules, never a global tslab.
require(path.join(repoRoot, 'node_modules', 'tslab', 'dist', 'main.js')).startKernel({
  configPath: absConnection,
  enableFindLocal: false,
});
