// Starts the kernel from a V8 startup snapshot that already holds tslab's TypeScript and the declaration files recent kernels parsed, and keeps that snapshot current.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

/*
 * Why (bench/cell-latency.ts, node --cpu-prof on the kernel): a new kernel spent most of its start loading tslab's
 * TypeScript (10 MB of JavaScript, edited) and parsing lib.d.ts and @types/node for its first program, and a lesson's
 * import cell spent a quarter of its time parsing the 600-odd .d.ts files of @tensorflow/tfjs. Syntax trees cannot be
 * written to disk and read back by TypeScript, but Node (18.20+, 20) can start from a V8 heap snapshot: the process
 * begins with the objects the snapshot's builder made. The builder (snapshot-build.cjs) loads the edited TypeScript
 * and parses the declaration and source files that earlier kernels' programs used; a kernel started from it gets
 * those SourceFile objects from TypeScript's own createSourceFile (an edit in compile-speed.cjs's TS_EDITS) when, and
 * only when, the file's text today is exactly the text that was parsed and the parse options are the same. Anything
 * else (an edited lib/ file, a package upgraded) is parsed as before, so a stale snapshot is slower, never wrong.
 *
 * How a kernel starts: kernel.cjs calls `launch()` first. With a snapshot for this Node.js, TypeScript, edit set and
 * V8 flags (the key), it runs the kernel in a child `node --snapshot-blob <blob> <connection file>` and only passes
 * signals on; without one it runs in its own process as before. Either way the kernel notes which files it parsed
 * that the snapshot lacked; once that is worth it (at least MIN_MISSED_BYTES of text), it builds a new snapshot in
 * the background, at low priority, for the kernels started after it (one build at a time, a lock file).
 * MLIN_KERNEL_SNAPSHOT=off turns all of it off.
 */

const repoRoot = path.resolve(__dirname, '..', '..');
const tslabDir = path.dirname(require.resolve('tslab/package.json', { paths: [repoRoot] }));
const tsFile = require.resolve('@tslab/typescript-for-tslab', { paths: [tslabDir] });
const KERNEL_FILE = path.join(__dirname, 'kernel-main.cjs');
const BUILDER_FILE = path.join(__dirname, 'snapshot-build.cjs');
/** Text the kernel parsed that a snapshot would have saved, before a new snapshot is built: not for a few small lib/ files. */
const MIN_MISSED_BYTES = 256 * 1024;
/** A snapshot holds at most this much source text (a kernel's programs are 15-25 MB here). */
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;
/** A build lock older than this is taken to be left over from a build that died. */
const STALE_LOCK_MS = 5 * 60 * 1000;
/** A child that dies this soon by a crash signal failed to load the snapshot (it runs none of the kernel's code before). */
const STARTUP_FAILURE_MS = 2000;

const enabled = (env = process.env) => env.MLIN_KERNEL_SNAPSHOT !== 'off' && env.MLIN_KERNEL_COMPILE_SPEED !== 'off';

/** V8 flags that may differ between the snapshot's builder and the kernel that starts from it. */
const neutralFlag = (f) => /^--(v8-pool-size|cpu-prof|heap-prof|inspect|title|snapshot-blob|stack-trace-limit)/.test(f);
/** The node flags of this process that a snapshot must be built with (V8 refuses a snapshot built under other heap flags). */
function snapshotFlags(execArgv = process.execArgv) {
  const out = [];
  for (let i = 0; i < execArgv.length; i++) {
    if (execArgv[i] === '--snapshot-blob') { i++; continue; }
    if (!neutralFlag(execArgv[i])) out.push(execArgv[i]);
  }
  return out;
}

/** The snapshots' folder, inside the kernel's compile cache (compile-speed.cjs). */
function snapshotDir(env = process.env) {
  return path.join(env.MLIN_KERNEL_CACHE_DIR || path.join(repoRoot, 'build', 'cache', 'kernel'), 'snapshot');
}

/**
 * What a snapshot depends on besides the files it parsed (those are checked one by one when used): Node.js and V8,
 * tslab's TypeScript file, the edits made to it, this file and the builder, and the node flags.
 */
function snapshotKey(execArgv = process.execArgv) {
  const { TS_EDITS } = require('./ts-edits.cjs');
  const st = fs.statSync(tsFile);
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify([process.version, process.arch, process.platform, process.execPath, snapshotFlags(execArgv)]));
  h.update(JSON.stringify([tsFile, st.size, st.mtimeMs, TS_EDITS.map((e) => [e.find, e.replace])]));
  h.update(fs.readFileSync(__filename));
  h.update(fs.readFileSync(BUILDER_FILE));
  return h.digest('hex').slice(0, 20);
}

const blobFile = (dir, key) => path.join(dir, `${key}.blob`);
const listFile = (dir, key) => path.join(dir, `${key}.files.json`);
const failedFile = (dir, key) => path.join(dir, `${key}.failed`);
const lockFile = (dir) => path.join(dir, 'build.lock');

/**
 * Called first by kernel.cjs (the kernelspec's program). Returns true when the kernel now runs in a child started from the snapshot (this process
 * only relays signals and the exit code), false when kernel.cjs should start the kernel itself (kernel-main.cjs).
 */
function launch(argv = process.argv, env = process.env) {
  if (!enabled(env) || globalThis.__mlinSnapshot) return false;
  let key, blob, dir;
  try {
    dir = snapshotDir(env);
    key = snapshotKey();
    blob = blobFile(dir, key);
    // The builder records the blob's size: a truncated blob (a full disk, a copy cut short) is not even tried.
    const { bytes } = JSON.parse(fs.readFileSync(listFile(dir, key), 'utf8'));
    if (fs.statSync(blob).size !== bytes) return false;
  } catch {
    return false;
  }
  // Its own process group: Jupyter interrupts a kernel by signalling the group of the process it started, and the
  // child must get each SIGINT once (this process passes it on).
  const started = Date.now();
  const child = spawn(process.execPath, [...process.execArgv, '--snapshot-blob', blob, ...argv.slice(2)], {
    stdio: 'inherit', detached: true, env: { ...env, MLIN_KERNEL_SNAPSHOT_KEY: key },
  });
  const relay = (sig) => () => { try { child.kill(sig); } catch { /* gone */ } };
  const relays = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'].map((sig) => [sig, relay(sig)]);
  for (const [sig, fn] of relays) process.on(sig, fn);
  child.on('error', (err) => {
    console.error(`kernel: could not start from the snapshot ${blob}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    // Node exits with 14 when V8 refuses a snapshot (another Node.js, other heap flags) and crashes on a damaged one,
    // before any of the kernel's code runs: then the snapshot is set aside and this process starts the kernel itself.
    const refused = code === 14 || (['SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGILL'].includes(signal) && Date.now() - started < STARTUP_FAILURE_MS);
    if (refused) {
      console.error(`kernel: node could not start from the snapshot ${blob} (${signal || `exit code ${code}`}); starting without it`);
      try {
        fs.writeFileSync(failedFile(dir, key), `node could not start from it: ${signal || `exit code ${code}`}\n`);
        fs.rmSync(blob, { force: true });
      } catch { /* read-only cache */ }
      for (const [sig, fn] of relays) process.off(sig, fn);
      require('./kernel-main.cjs');
      return;
    }
    process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] || 0) : 1));
  });
  return true;
}

/**
 * In a kernel: serves TypeScript the snapshot's SourceFiles (when there is a snapshot) and notes the files it had to
 * parse, for the next snapshot. `ts` is tslab's TypeScript with compile-speed.cjs's edits.
 */
function install(ts, env = process.env) {
  if (!enabled(env)) return null;
  const snap = globalThis.__mlinSnapshot || null;
  const preparsed = snap ? snap.preparsed : new Map();
  const inSnapshot = new Set(snap ? snap.files.map((f) => f.fileName) : []);
  const stats = { fromSnapshot: !!snap, key: snap ? snap.key : null, snapshotFiles: inSnapshot.size, hits: 0, stale: 0, missed: 0, missedBytes: 0 };
  const missed = new Map(); // fileName -> languageVersion, files parsed from disk text that the snapshot lacked
  ts.__mlinHooks.preparsed = (fileName, text, languageVersion, setParentNodes, scriptKind) => {
    const pre = preparsed.get(fileName);
    if (pre) {
      preparsed.delete(fileName); // each SourceFile goes to one program; the program passes it on to the next itself
      if (pre.text === text && pre.languageVersion === languageVersion && !setParentNodes && scriptKind === undefined) {
        stats.hits++;
        return pre;
      }
      stats.stale++;
    }
    if (!inSnapshot.has(fileName) || pre) notePossibleMiss(fileName, text, languageVersion);
    return undefined;
  };
  function notePossibleMiss(fileName, text, languageVersion) {
    if (missed.has(fileName) || !path.isAbsolute(fileName)) return;
    // Only files as they are on disk (not tslab's cell files, nor text that transpileModule parses under a file's name).
    let onDisk;
    try { onDisk = fs.readFileSync(fileName, 'utf8'); } catch { return; }
    if (onDisk !== text) return;
    missed.set(fileName, languageVersion);
    stats.missed++;
    stats.missedBytes += text.length;
  }
  return {
    stats,
    /** After a cell: starts a background build when enough text was parsed that a snapshot would have held. */
    maybeRebuild() {
      if (stats.missedBytes < MIN_MISSED_BYTES) return false;
      const files = [...(snap ? snap.files : []), ...[...missed].map(([fileName, languageVersion]) => ({ fileName, languageVersion }))];
      stats.missedBytes = 0;
      missed.clear();
      return startBuild(files, env);
    },
  };
}

/**
 * Takes the build lock and writes a build request for `files` (one entry per file, the last wins; files that still
 * exist, at most MAX_SNAPSHOT_BYTES of text). Returns the request's path, or null when a build is running, an earlier
 * build with this key failed, or the cache is not writable.
 */
function prepareBuild(files, env = process.env) {
  const dir = snapshotDir(env);
  let key;
  try {
    key = snapshotKey();
    fs.mkdirSync(dir, { recursive: true });
    if (fs.existsSync(failedFile(dir, key))) return null;
    try {
      const st = fs.statSync(lockFile(dir));
      if (Date.now() - st.mtimeMs < STALE_LOCK_MS) return null;
      fs.rmSync(lockFile(dir), { force: true });
    } catch { /* no lock */ }
    fs.writeFileSync(lockFile(dir), String(process.pid), { flag: 'wx' });
  } catch {
    return null;
  }
  const byName = new Map();
  for (const f of files) byName.set(f.fileName, f);
  const list = [];
  let bytes = 0;
  for (const f of byName.values()) {
    let size;
    try { size = fs.statSync(f.fileName).size; } catch { continue; }
    if (bytes + size > MAX_SNAPSHOT_BYTES) continue;
    bytes += size;
    list.push(f);
  }
  const request = path.join(dir, `${key}.request-${process.pid}.json`);
  fs.writeFileSync(request, JSON.stringify({ key, files: list }));
  return request;
}

/** Starts snapshot-build.cjs detached, at low priority, unless a build is running; the kernel does not wait for it. */
function startBuild(files, env = process.env) {
  const request = prepareBuild(files, env);
  if (!request) return false;
  const child = spawn(process.execPath, [...snapshotFlags(), BUILDER_FILE, request], {
    stdio: 'ignore', detached: true, env: { ...env, MLIN_KERNEL_SNAPSHOT: 'off' },
  });
  try { os.setPriority(child.pid, 10); } catch { /* not allowed here */ }
  child.unref();
  return true;
}

/** Builds a snapshot of `files` now and waits for it (tests, benchmarks). Returns the blob's path, or throws why not. */
function buildSync(files, env = process.env) {
  const request = prepareBuild(files, env);
  if (!request) throw new Error(`cannot build a kernel snapshot in ${snapshotDir(env)}: a build is running (build.lock), an earlier one failed (*.failed) or the folder is not writable`);
  const r = spawnSync(process.execPath, [...snapshotFlags(), BUILDER_FILE, request], { encoding: 'utf8', env: { ...env, MLIN_KERNEL_SNAPSHOT: 'off' } });
  const key = snapshotKey();
  const blob = blobFile(snapshotDir(env), key);
  if (r.status !== 0 || !fs.existsSync(blob)) {
    let why = '';
    try { why = fs.readFileSync(failedFile(snapshotDir(env), key), 'utf8'); } catch { /* none */ }
    throw new Error(`kernel snapshot build failed (exit ${r.status ?? r.signal}): ${why || r.stderr}`);
  }
  return blob;
}

module.exports = { launch, install, startBuild, buildSync, snapshotKey, snapshotDir, snapshotFlags, blobFile, listFile, failedFile, lockFile, tsFile, KERNEL_FILE, MIN_MISSED_BYTES };
