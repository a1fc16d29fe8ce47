// Shared test data for the classic algorithms: seeded continuous data sets (no ties), iris and penguins as matrices, standardising.
import { columnMeans, columnStd, matrix, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { loadIris, loadPenguins } from '../../lib/data/datasets';
import { take, takeRows, trainTestSplit } from '../../lib/data/split';
import { makeBlobs, makeMoons } from '../../lib/data/synthetic';

export interface Labelled { x: Matrix; y: Int32Array }

/** Gaussian blobs with continuous coordinates (so no two rows tie on a feature). */
export function blobs(seed: number, n = 400, centers = 4, d = 3, std = 2.5): Labelled {
  const b = makeBlobs({ n, centers, d, std, seed, centerBox: [-4, 4] });
  return { x: matrix(b.n, b.d, b.x), y: b.y };
}

export function moons(seed: number, n = 300, noise = 0.3): Labelled {
  const m = makeMoons({ n, noise, seed });
  return { x: matrix(m.n, m.d, m.x), y: m.y };
}

export function iris(): Labelled {
  const d = loadIris();
  return { x: matrix(d.n, d.d, d.x), y: d.y };
}

export function penguins(): Labelled {
  const d = loadPenguins();
  return { x: matrix(d.n, d.d, d.x), y: d.y };
}

/** A seeded stratified train/test split. */
export function split(data: Labelled, seed: number, testFraction = 0.3): { train: Labelled; test: Labelled } {
  const s = trainTestSplit(data.x.rows, { testFraction, seed, stratify: data.y });
  const d = data.x.cols;
  const part = (idx: Int32Array): Labelled => ({ x: matrix(idx.length, d, takeRows(data.x.data, d, idx)), y: take(data.y, idx) });
  return { train: part(s.train), test: part(s.test) };
}

/** Standardises train and test with the train means and standard deviations. */
export function standardize(train: Matrix, test?: Matrix): { train: Matrix; test: Matrix } {
  const mu = columnMeans(train), sd = columnStd(train);
  const apply = (m: Matrix) => {
    const out = m.data.slice();
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out[i * m.cols + j] = (out[i * m.cols + j] - mu[j]) / sd[j];
    return matrix(m.rows, m.cols, out);
  };
  return { train: apply(train), test: apply(test ?? train) };
}

/** Rows of `data` whose label is in `keep`, relabelled 0..keep.length-1 in the order given. */
export function subsetClasses(data: Labelled, keep: number[]): Labelled {
  const idx: number[] = [];
  for (let i = 0; i < data.y.length; i++) if (keep.includes(data.y[i])) idx.push(i);
  const d = data.x.cols;
  const x = matrix(idx.length, d, takeRows(data.x.data, d, idx));
  const y = Int32Array.from(idx, (i) => keep.indexOf(data.y[i]));
  return { x, y };
}

export function accuracy(pred: ArrayLike<number>, truth: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) c++;
  return c / pred.length;
}

/** y = sin(x0) + x1^2 / 4 + noise on uniform continuous inputs: no ties in x or y. */
export function wavy(seed: number, n: number, d = 2): { x: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const x = matrix(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x.data[i * d + j] = rng.uniform(-3, 3);
    y[i] = Math.sin(x.data[i * d]) + (d > 1 ? x.data[i * d + 1] ** 2 / 4 : 0) + rng.normal(0, 0.2);
  }
  return { x, y };
}

