// Finds the kernelspec a notebook names, as Jupyter does (JUPYTER_PATH, user, environment and system data dirs), plus this repo's own kernel.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const KERNEL_NAME = 'ml-interview-notebooks';
export const KERNEL_LAUNCHER = path.join(REPO_ROOT, 'scripts', 'kernel', 'kernel.cjs');

export interface KernelSpec {
  /** The name notebooks use in metadata.kernelspec.name (lower case, as jupyter_client stores it). */
  name: string;
  argv: string[];
  display_name: string;
  language: string;
  env?: Record<string, string>;
  interrupt_mode?: 'signal' | 'message';
  metadata?: Record<string, unknown>;
  /** The kernelspec's folder (`{resource_dir}`), or null for the project kernel, which lives in this repository. */
  resourceDir: string | null;
  /** True for this repository's kernel (started with the runner's node flags). */
  project: boolean;
}

/** Jupyter's per-user data dir, as jupyter_core computes it. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Jupyter');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'jupyter');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'jupyter');
}

/**
 * Jupyter's data path in jupyter_core's order: $JUPYTER_PATH entries, the user data dir, the environment's
 * `sys.prefix/share/jupyter` (no Python runs here: an active virtualenv or conda environment stands for it), then the
 * system dirs. Kernelspecs live in `<dir>/kernels/<name>/kernel.json`; the first dir that has a name wins.
 */
export function jupyterDataPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const dirs: string[] = [];
  for (const p of (env.JUPYTER_PATH ?? '').split(path.delimiter)) if (p) dirs.push(p);
  dirs.push(userDataDir(env, platform));
  for (const prefix of [env.VIRTUAL_ENV, env.CONDA_PREFIX]) if (prefix) dirs.push(path.join(prefix, 'share', 'jupyter'));
  if (platform === 'win32') {
    if (env.PROGRAMDATA) dirs.push(path.join(env.PROGRAMDATA, 'jupyter'));
  } else {
    dirs.push('/usr/local/share/jupyter', '/usr/share/jupyter');
  }
  return [...new Set(dirs.map((d) => path.resolve(d)))];
}

/** This repository's kernel: tslab from node_modules behind scripts/kernel/kernel.cjs, found without `kernel:install`. */
export function projectKernelSpec(nodeFlags: string[] = []): KernelSpec {
  return {
    name: KERNEL_NAME,
    // Absolute node path: JupyterLab started from a desktop launcher may not have node on PATH.
    argv: [process.execPath, ...nodeFlags, KERNEL_LAUNCHER, '{connection_file}'],
    display_name: 'TypeScript (ml-interview-notebooks)',
    language: 'typescript',
    interrupt_mode: 'signal',
    resourceDir: null,
    project: true,
  };
}

function readSpec(dir: string, name: string): KernelSpec | string {
  const file = path.join(dir, 'kernel.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return `${file}: ${(err as Error).message}`;
  }
  const spec = raw as Partial<KernelSpec>;
  if (!Array.isArray(spec.argv) || spec.argv.length === 0 || !spec.argv.every((a) => typeof a === 'string')) {
    return `${file}: "argv" must be a non-empty list of strings`;
  }
  return {
    name,
    argv: spec.argv,
    display_name: typeof spec.display_name === 'string' ? spec.display_name : name,
    language: typeof spec.language === 'string' ? spec.language : '',
    env: spec.env && typeof spec.env === 'object' ? spec.env : undefined,
    interrupt_mode: spec.interrupt_mode === 'message' ? 'message' : 'signal',
    metadata: spec.metadata,
    resourceDir: dir,
    project: false,
  };
}

export interface FoundKernels {
  /** Every kernel name found, with where it comes from (first one wins). */
  specs: Map<string, KernelSpec>;
  /** kernel.json files that could not be used, with the reason. */
  broken: string[];
}

/** Lists every kernelspec on the data path, the project kernel first (it always wins for its own name). */
export function findKernelSpecs(env: NodeJS.ProcessEnv = process.env, nodeFlags: string[] = []): FoundKernels {
  const specs = new Map<string, KernelSpec>([[KERNEL_NAME, projectKernelSpec(nodeFlags)]]);
  const broken: string[] = [];
  for (const base of jupyterDataPath(env)) {
    const kernelsDir = path.join(base, 'kernels');
    if (!existsSync(kernelsDir)) continue;
    let entries: string[];
    try { entries = readdirSync(kernelsDir).sort(); } catch { continue; }
    for (const entry of entries) {
      const dir = path.join(kernelsDir, entry);
      const name = entry.toLowerCase();
      if (specs.has(name)) continue;
      try { if (!statSync(dir).isDirectory() || !existsSync(path.join(dir, 'kernel.json'))) continue; } catch { continue; }
      const spec = readSpec(dir, name);
      if (typeof spec === 'string') broken.push(spec);
      else specs.set(name, spec);
    }
  }
  return { specs, broken };
}

/** Where a spec comes from, for messages. */
export function specOrigin(spec: KernelSpec): string {
  return spec.project ? 'this repository' : (spec.resourceDir ?? '');
}

export class KernelNotFoundError extends Error {
  constructor(readonly kernelName: string | null, readonly found: FoundKernels) {
    const list = [...found.specs.values()].map((s) => `${s.name} (${specOrigin(s)})`).join(', ');
    const asked = kernelName === null ? 'notebook names no kernel (metadata.kernelspec.name)' : `notebook asks for kernel ${JSON.stringify(kernelName)}, which is not installed`;
    const broken = found.broken.length ? `; unusable kernelspecs: ${found.broken.join('; ')}` : '';
    super(`${asked}; kernels found: ${list}${broken}. Install it (e.g. "jupyter kernelspec install", "tslab install") or add its folder to JUPYTER_PATH`);
    this.name = 'KernelNotFoundError';
  }
}

/** The kernelspec named `name` (case-insensitive, as Jupyter), or KernelNotFoundError listing what was found. */
export function resolveKernelSpec(name: string | null | undefined, env: NodeJS.ProcessEnv = process.env, nodeFlags: string[] = []): KernelSpec {
  const found = findKernelSpecs(env, nodeFlags);
  const spec = name ? found.specs.get(name.toLowerCase()) : undefined;
  if (!spec) throw new KernelNotFoundError(name ?? null, found);
  return spec;
}

/** argv with Jupyter's placeholders filled in: {connection_file} and {resource_dir}. */
export function substituteArgv(spec: KernelSpec, connectionFile: string): string[] {
  return spec.argv.map((a) => a.replaceAll('{connection_file}', connectionFile).replaceAll('{resource_dir}', spec.resourceDir ?? REPO_ROOT));
}
