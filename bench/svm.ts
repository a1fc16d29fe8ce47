// Benchmark: kernel SVM fit time, our SMO (lib/classic/smo.ts, libsvm's second-order working set) against ml-svm 2.1.2's
// simplified SMO (random second index), same data and parameters, at two sizes; median of 3 fits each, interleaved.
// Data: MNIST digits 3 vs 8 (the first 100 of each class from the training file, then all of them), 784 pixels -> 10 PCA components fitted on
// those rows, standardised; RBF kernel gamma = 0.1 (ml-svm sigma = sqrt(5)), C = 1, no whitening. Prints a markdown
// table with the agreement of the decision values and training accuracy.
// Run: npm run bench:svm   (--dump DIR also writes the data sets as JSON, for timing scikit-learn offline:
//   /usr/bin/python3 -c "import json,time,numpy as np; from sklearn.svm import SVC; d=json.load(open('DIR/svm-600.json'));
//   x,y=np.array(d['x']),np.array(d['y']); t=[]; [t.append((lambda s:(SVC(C=1,gamma=0.1).fit(x,y),time.perf_counter()-s)[1])(time.perf_counter())) for _ in range(3)]; print(sorted(t)[1])")
//
// Last figures (2026-12-07, 2-core machine shared with 6 other jobs, load average 8-10; medians of 3):
//   200 rows: ours 25 ms, ml-svm 34 ms (1.3x), 98 / 98 SVs, decision values within 2.1e-3, train accuracy 0.990 both
//   600 rows: ours 44 ms, ml-svm 1015 ms (23x), 184 / 187 SVs, decision values within 2.0e-3, train accuracy 0.985 both
//   scikit-learn 1.2.1 SVC (libsvm, C++; default tol 1e-3, --dump data): 1.4 ms at 200 rows, 11.8 ms at 600 (184 SVs)
// ml-svm recomputes f(x_i) in O(n) per candidate and picks j at random, so it needs many more passes as n grows.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SVM from 'ml-svm';
import { KernelSVM } from '../lib/classic/smo';
import { columnMeans, columnStd, matrix, toRows, type Matrix } from '../lib/core/matrix';
import { loadDigits } from '../lib/data/datasets';
import { PCA } from '../lib/unsupervised/pca';

const GAMMA = 0.1, C = 1;
const dumpAt = process.argv.indexOf('--dump');
const DUMP = dumpAt >= 0 ? process.argv[dumpAt + 1] : undefined;

/** Up to n rows of digits 3 and 8 (n / 2 each, fewer when the 3000-image training file runs out), as 10 standardised PCA components; labels 1 for an 8. */
function data(n: number): { x: Matrix; y: Int32Array } {
  const digits = loadDigits('train');
  const idx: number[] = [];
  let threes = 0, eights = 0;
  for (let i = 0; i < digits.n && idx.length < n; i++) {
    if (digits.y[i] === 3 && threes < n / 2) { idx.push(i); threes++; }
    else if (digits.y[i] === 8 && eights < n / 2) { idx.push(i); eights++; }
  }
  const px = matrix(idx.length, 784, Float64Array.from({ length: idx.length * 784 }, (_, t) => digits.x[idx[Math.floor(t / 784)] * 784 + (t % 784)]));
  const z = new PCA({ nComponents: 10 }).fit(px).transform(px);
  const mu = columnMeans(z), sd = columnStd(z);
  for (let i = 0; i < z.rows; i++) for (let j = 0; j < z.cols; j++) z.data[i * z.cols + j] = (z.data[i * z.cols + j] - mu[j]) / sd[j];
  return { x: z, y: Int32Array.from(idx, (i) => (digits.y[i] === 8 ? 1 : 0)) };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const ms = (fn: () => void) => { const t0 = process.hrtime.bigint(); fn(); return Number(process.hrtime.bigint() - t0) / 1e6; };

console.log('| rows | ours: fit ms (median of 3) | ml-svm: fit ms | ml-svm / ours | SVs ours / ml-svm | max abs decision gap | train accuracy ours / ml-svm |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const wanted of [200, 10_000]) {
  const { x, y } = data(wanted);
  const n = x.rows;
  const rows = toRows(x), pm = Array.from(y, (v) => (v ? 1 : -1));
  if (DUMP) { mkdirSync(DUMP, { recursive: true }); writeFileSync(path.join(DUMP, `svm-${n}.json`), JSON.stringify({ x: rows, y: Array.from(y) })); }
  const tOurs: number[] = [], tRef: number[] = [];
  let ours = new KernelSVM({ kernel: 'rbf', gamma: GAMMA, C });
  let ref = new SVM({ C });
  for (let r = 0; r < 3; r++) {
    tOurs.push(ms(() => { ours = new KernelSVM({ kernel: 'rbf', gamma: GAMMA, C }).fit(x, y); }));
    let state = 12345 + r;
    const random = () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
    tRef.push(ms(() => {
      ref = new SVM({ C, kernel: 'rbf', kernelOptions: { sigma: Math.sqrt(1 / (2 * GAMMA)) }, whitening: false, tol: 1e-4, maxPasses: 10, maxIterations: 1e6, random, alphaTol: 1e-8 });
      ref.train(rows, pm);
    }));
  }
  const fOurs = ours.decisionFunction(x), fRef = ref.margin(rows);
  let gap = 0, accO = 0, accR = 0;
  for (let i = 0; i < n; i++) {
    gap = Math.max(gap, Math.abs(fOurs[i] - fRef[i]));
    if ((fOurs[i] > 0 ? 1 : 0) === y[i]) accO++;
    if ((fRef[i] > 0 ? 1 : 0) === y[i]) accR++;
  }
  const a = median(tOurs), b = median(tRef);
  console.log(`| ${n} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(1)} | ${ours.supportIndices.length} / ${ref.supportVectors().length} | ${gap.toExponential(1)} | ${(accO / n).toFixed(3)} / ${(accR / n).toFixed(3)} |`);
}
