// Chooses the fastest tfjs backend that loads (tfjs-node, then wasm, then cpu) once, and reports the choice in one line.
import * as tf from '@tensorflow/tfjs';
import { patchWasmKernels } from '../tfjs/wasm-kernels';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_ENV = 'ML_BACKEND';
const ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface BackendChoice {
  name: BackendName;
  /** Why the faster backends were not used (empty when the first choice loaded). */
  skipped: string[];
}

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'tensorflow') {
      // Installs without a libtensorflow download alias this package to pure tfjs (see FACTS); only a real
      // tfjs-node registers the 'tensorflow' backend.
      require('@tensorflow/tfjs-node');
      if (!tf.findBackendFactory('tensorflow')) return 'tfjs-node is not installed (native libtensorflow unavailable)';
    } else if (name === 'wasm') {
      require('@tensorflow/tfjs-backend-wasm');
    }
    const ok = await tf.setBackend(name);
    if (!ok) return `${name} backend failed to initialise`;
    await tf.ready();
    // tfjs-backend-wasm 4.22 has no filter-gradient kernel, so conv layers could not train; add it (and faster
    // conv/pool gradients) once, for every lesson.
    if (name === 'wasm') patchWasmKernels();
    return null;
  } catch (err) {
    return `${name}: ${(err as Error).message.split('\n')[0]}`;
  }
}

let choice: Promise<BackendChoice> | null = null;

/**
 * Selects the tfjs backend once per process and returns the choice. `ML_BACKEND=tensorflow|wasm|cpu`
 * forces one (an error if it cannot load). Later calls return the same choice.
 */
export function initBackend(options: { quiet?: boolean } = {}): Promise<BackendChoice> {
  choice ??= chooseBackend().then((c) => {
    if (!options.quiet) console.log(describeBackend(c));
    return c;
  });
  return choice;
}

async function chooseBackend(): Promise<BackendChoice> {
  const forced = process.env[BACKEND_ENV];
  if (forced !== undefined && forced !== '') {
    if (!ORDER.includes(forced as BackendName)) {
      throw new RangeError(`${BACKEND_ENV} must be one of ${ORDER.join(', ')}, got ${JSON.stringify(forced)}`);
    }
    const why = await tryBackend(forced as BackendName);
    if (why) throw new Error(`${BACKEND_ENV}=${forced} was requested but cannot be used: ${why}`);
    return { name: forced as BackendName, skipped: [] };
  }
  const skipped: string[] = [];
  for (const name of ORDER) {
    const why = await tryBackend(name);
    if (why === null) return { name, skipped };
    skipped.push(why);
  }
  throw new Error(`no tfjs backend could be initialised: ${skipped.join('; ')}`);
}

/** The one-line report, e.g. "tfjs backend: wasm (skipped: tfjs-node is not installed ...)". */
export function describeBackend(c: BackendChoice): string {
  return `tfjs backend: ${c.name}${c.skipped.length ? ` (skipped: ${c.skipped.join('; ')})` : ''}`;
}
