// Permutation importance: how much a model's held-out score drops when one feature's column is shuffled.
import { asMatrix, asVector, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';

export interface PermutationImportanceOptions {
  /** Shuffles per feature. */
  nRepeats: number;
  /** Seed for the shuffles; default: forked from the global seed. */
  seed: number | undefined;
  /**
   * Optional given shuffles instead of seeded ones: (feature, repeat) → a permutation p of 0..n-1, column j of row i
   * becomes column j of row p[i] (to reproduce another library's shuffles, or share them across features).
   */
  permutations: ((feature: number, repeat: number) => ArrayLike<number>) | undefined;
}

export const permutationImportanceDefaults: Readonly<PermutationImportanceOptions> = { nRepeats: 5, seed: undefined, permutations: undefined };

/** Checks that p is a permutation of 0..n-1. */
function checkPermutation(p: ArrayLike<number>, n: number, feature: number, repeat: number): void {
  if (p.length !== n) throw new RangeError(`expected permutation (feature ${feature}, repeat ${repeat}) of length ${n}, got ${p.length}`);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = p[i];
    if (!Number.isInteger(v) || v < 0 || v >= n || seen[v]) throw new RangeError(`expected a permutation of 0..${n - 1} (feature ${feature}, repeat ${repeat}), got ${v} at position ${i}`);
    seen[v] = 1;
  }
}

export interface PermutationImportance {
  /** The score on the unshuffled data. */
  baseline: number;
  /** d x nRepeats: baseline − score with column j shuffled, one per repeat. */
  importances: Matrix;
  /** Mean over repeats (length d). */
  mean: Float64Array;
  /** Population standard deviation over repeats (as scikit-learn's importances_std). */
  std: Float64Array;
}

/**
 * Permutation importance (Breiman 2001; scikit-learn's permutation_importance): for each feature j and repeat r, shuffle
 * column j of x (breaking its link with y and with the other features), and record the drop baseline − score. Use it on
 * held-out data: on training data it measures what the model memorised. A higher score must mean better (use −MSE, not MSE).
 * @param predict - the model: m x d rows to m predictions
 * @param x - n x d held-out rows
 * @param y - n targets
 * @param score - (yTrue, yPred) → score, higher is better
 */
export function permutationImportance(
  predict: (rows: Matrix) => ArrayLike<number>, x: MatrixLike, y: ArrayLike<number>,
  score: (yTrue: Float64Array, yPred: ArrayLike<number>) => number, options: Partial<PermutationImportanceOptions> = {},
): PermutationImportance {
  if (typeof predict !== 'function' || typeof score !== 'function') throw new TypeError('expected predict and score to be functions');
  const o = { ...permutationImportanceDefaults, ...options };
  if (!Number.isInteger(o.nRepeats) || o.nRepeats < 1) throw new RangeError(`expected nRepeats >= 1, got nRepeats = ${o.nRepeats}`);
  const X = asMatrix(x);
  const n = X.rows, d = X.cols;
  if (n < 2) throw new RangeError(`expected at least 2 rows to shuffle, got ${n}`);
  const Y = asVector(y, 'y', n);
  if (o.permutations !== undefined && typeof o.permutations !== 'function') throw new TypeError('expected permutations to be a function (feature, repeat) => permutation');
  const given = o.permutations;
  const rng = given ? undefined : rngFrom(o.seed); // no random draws when the shuffles are given
  const baseline = score(Y, predict(X));
  if (!Number.isFinite(baseline)) throw new RangeError(`expected a finite baseline score, got ${baseline}`);
  const importances = matrix(d, o.nRepeats);
  const shuffled = matrix(n, d);
  for (let j = 0; j < d; j++) {
    for (let r = 0; r < o.nRepeats; r++) {
      shuffled.data.set(X.data);
      let perm: ArrayLike<number>;
      if (given) {
        perm = given(j, r);
        checkPermutation(perm, n, j, r);
      } else if (rng) perm = rng.permutation(n);
      else throw new Error('permutationImportance: neither permutations nor a generator');
      for (let i = 0; i < n; i++) shuffled.data[i * d + j] = X.data[perm[i] * d + j];
      importances.data[j * o.nRepeats + r] = baseline - score(Y, predict(shuffled));
    }
  }
  const mean = new Float64Array(d), std = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let r = 0; r < o.nRepeats; r++) s += importances.data[j * o.nRepeats + r];
    mean[j] = s / o.nRepeats;
    let ss = 0;
    for (let r = 0; r < o.nRepeats; r++) ss += (importances.data[j * o.nRepeats + r] - mean[j]) ** 2;
    std[j] = Math.sqrt(ss / o.nRepeats);
  }
  return { baseline, importances, mean, std };
}
