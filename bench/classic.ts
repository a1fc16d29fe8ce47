// Benchmark: each from-scratch classic algorithm against its ml.js counterpart on the same data: fit and predict times
// (median of interleaved repeated runs after warm-up), the ratio, and how far the results agree. Prints a markdown table.
// Run: npm run bench:classic   (add --quick for fewer samples)
import { DecisionTreeRegression as CARTRegression, DecisionTreeClassifier as CART } from 'ml-cart';
import KNN from 'ml-knn';
import { kmeans as mlKmeans } from 'ml-kmeans';
import LogisticRegressionML from 'ml-logistic-regression';
import { Matrix as MLMatrix } from 'ml-matrix';
import { GaussianNB, MultinomialNB } from 'ml-naivebayes';
import { PCA as MLPCA } from 'ml-pca';
import { RandomForestClassifier as MLRandomForest } from 'ml-random-forest';
import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import SVM from 'ml-svm';
import { DecisionTreeClassifier } from '../lib/classic/decision-tree';
import { GaussianNaiveBayes } from '../lib/classic/gaussian-naive-bayes';
import { GradientBoostingRegressor } from '../lib/classic/gradient-boosting';
import { KNNClassifier } from '../lib/classic/knn';
import { LinearSVM, svmObjective } from '../lib/classic/linear-svm';
import { MultinomialNaiveBayes } from '../lib/classic/multinomial-naive-bayes';
import { RandomForestClassifier } from '../lib/classic/random-forest';
import { DecisionTreeRegressor } from '../lib/classic/regression-tree';
import { Rng } from '../lib/core/random';
import { addOnesColumn, columnMeans, columnStd, matrix, toRows, type Matrix } from '../lib/core/matrix';
import { loadCars, loadIris, loadPenguins } from '../lib/data/datasets';
import { take, takeRows, trainTestSplit } from '../lib/data/split';
import { LinearRegression } from '../lib/linear/linear-regression';
import { LogisticRegression } from '../lib/linear/logistic-regression';
import { SoftmaxRegression } from '../lib/linear/softmax-regression';
import { CountVectorizer } from '../lib/text/bag-of-words';
import { makeTextCorpus } from '../lib/text/synthetic-corpus';
import { kmeans, kmeansPlusPlus } from '../lib/unsupervised/kmeans';
import { PCA } from '../lib/unsupervised/pca';

const QUICK = process.argv.includes('--quick');
/** Predict timings use the test rows repeated up to this many rows. */
const PREDICT_ROWS = 2000;

// ---------- timing ----------

function once(fn: () => unknown, reps: number): number {
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Repetitions per sample so that one sample lasts at least minMs. */
function calibrate(fn: () => unknown, minMs: number): number {
  let reps = 1;
  for (;;) {
    const t = once(fn, reps);
    if (t >= minMs || reps >= 1 << 16) return reps;
    reps = Math.max(reps * 2, Math.ceil((reps * minMs) / Math.max(t, 1e-3)));
  }
}

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/**
 * Median milliseconds per call of `ours` and `theirs`, sampled alternately (so a busy neighbour on the machine slows
 * both alike) after a warm-up of 3 calls each.
 */
function pair(ours: () => unknown, theirs: () => unknown): [number, number] {
  for (let i = 0; i < 3; i++) { ours(); theirs(); }
  const minMs = QUICK ? 10 : 25;
  const ra = calibrate(ours, minMs), rb = calibrate(theirs, minMs);
  const slow = Math.max(once(ours, ra), once(theirs, rb));
  const samples = Math.max(5, Math.min(QUICK ? 5 : 15, Math.floor((QUICK ? 1500 : 4000) / (2 * slow))));
  const a: number[] = [], b: number[] = [];
  for (let s = 0; s < samples; s++) {
    a.push(once(ours, ra) / ra);
    b.push(once(theirs, rb) / rb);
  }
  return [median(a), median(b)];
}

// ---------- data ----------

function standardize(train: Matrix, test: Matrix = train): { train: Matrix; test: Matrix } {
  const mu = columnMeans(train), sd = columnStd(train);
  const f = (m: Matrix) => { const o = m.data.slice(); for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) o[i * m.cols + j] = (o[i * m.cols + j] - mu[j]) / sd[j]; return matrix(m.rows, m.cols, o); };
  return { train: f(train), test: f(test) };
}

interface Set { x: Matrix; y: Int32Array }
function splitSet(x: Float64Array, y: Int32Array, n: number, d: number, seed: number): { train: Set; test: Set } {
  const s = trainTestSplit(n, { testFraction: 0.3, seed, stratify: y });
  const part = (idx: Int32Array): Set => ({ x: matrix(idx.length, d, takeRows(x, d, idx)), y: take(y, idx) });
  const train = part(s.train), test = part(s.test);
  const z = standardize(train.x, test.x);
  return { train: { x: z.train, y: train.y }, test: { x: z.test, y: test.y } };
}
function classes(set: Set, keep: number[]): Set {
  const idx: number[] = [];
  set.y.forEach((v, i) => { if (keep.includes(v)) idx.push(i); });
  return { x: matrix(idx.length, set.x.cols, takeRows(set.x.data, set.x.cols, idx)), y: Int32Array.from(idx, (i) => keep.indexOf(set.y[i])) };
}
/** The rows of m repeated until there are at least `rows` of them: predict timings measure the algorithm, not the call. */
function tile(m: Matrix, rows = PREDICT_ROWS): Matrix {
  const reps = Math.max(1, Math.ceil(rows / m.rows));
  const out = new Float64Array(reps * m.data.length);
  for (let r = 0; r < reps; r++) out.set(m.data, r * m.data.length);
  return matrix(reps * m.rows, m.cols, out);
}
const acc = (p: ArrayLike<number>, y: ArrayLike<number>) => { let c = 0; for (let i = 0; i < y.length; i++) if (p[i] === y[i]) c++; return c / y.length; };
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => { let m = 0; for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i])); return m; };

const pen = loadPenguins();
const penguins = splitSet(pen.x, pen.y, pen.n, pen.d, 1);
const ir = loadIris();
const iris = splitSet(ir.x, ir.y, ir.n, ir.d, 2);
const carsRaw = loadCars();
const carIdx = trainTestSplit(carsRaw.n, { testFraction: 0.3, seed: 3 });
const carsTrainRaw = matrix(carIdx.train.length, carsRaw.d, takeRows(carsRaw.x, carsRaw.d, carIdx.train));
const carsTestRaw = matrix(carIdx.test.length, carsRaw.d, takeRows(carsRaw.x, carsRaw.d, carIdx.test));
const carsZ = standardize(carsTrainRaw, carsTestRaw);
const cars = { train: { x: carsZ.train, y: take(carsRaw.y, carIdx.train) }, test: { x: carsZ.test, y: take(carsRaw.y, carIdx.test) } };

/** Seeded continuous regression data (no tied values, where ml-cart's candidate thresholds equal ours). */
function wavy(seed: number, n: number, d = 3): { x: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const x = matrix(n, d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x.data[i * d + j] = rng.uniform(-3, 3);
    y[i] = Math.sin(x.data[i * d]) + x.data[i * d + 1] ** 2 / 4 + 0.3 * x.data[i * d + 2] + rng.normal(0, 0.2);
  }
  return { x, y };
}
const wavyTrain = wavy(1, 400), wavyTest = wavy(2, 200);

// ---------- cases ----------

interface Row { name: string; data: string; fit: [number, number]; predict: [number, number] | null; agreement: string }
const rows: Row[] = [];
/** Predict closures for ours (on a Matrix) and the reference (on rows, or an ml-matrix) over the tiled test rows. */
function predictOn<T>(test: Matrix, ours: (x: Matrix) => unknown, theirs: (rows: number[][]) => T): [() => unknown, () => unknown] {
  const big = tile(test), bigRows = toRows(big);
  return [() => ours(big), () => theirs(bigRows)];
}
function run(name: string, data: string, c: { fit: [() => unknown, () => unknown]; predict?: [() => unknown, () => unknown]; agreement: () => string }): void {
  const fit = pair(c.fit[0], c.fit[1]);
  const predict = c.predict ? pair(c.predict[0], c.predict[1]) : null;
  rows.push({ name, data, fit, predict, agreement: c.agreement() });
  process.stderr.write(`  done: ${name}\n`);
}

{ // linear regression, normal equation
  const X = cars.train.x, Y = cars.train.y, Xr = toRows(X), Yr = Array.from(Y, (v) => [v]), Xt = cars.test.x, Xtr = toRows(Xt);
  const ours = () => new LinearRegression().fit(X, Y);
  const ref = () => new MultivariateLinearRegression(Xr, Yr, { statistics: false });
  const m = ours(), r = ref();
  run('linear regression (normal equation)', `cars ${X.rows}x${X.cols}`, {
    fit: [ours, ref], predict: predictOn(Xt, (x) => m.predict(x), (rows) => r.predict(rows)),
    agreement: () => `max abs diff of predictions ${maxAbs(m.predict(Xt), r.predict(Xtr).map((v: number[]) => v[0])).toExponential(1)} mpg`,
  });
}

{ // logistic regression: same full-batch gradient descent (ml-logistic-regression sums the gradient, we average it)
  const tr = classes(penguins.train, [0, 2]), te = classes(penguins.test, [0, 2]);
  const X = addOnesColumn(tr.x), Xt = addOnesColumn(te.x);
  const steps = 500, lr = 5e-4;
  const ours = () => new LogisticRegression({ epochs: steps, learningRate: lr * X.rows, fitIntercept: false }).fit(X, tr.y);
  const XM = new MLMatrix(toRows(X)), YM = MLMatrix.columnVector(Array.from(tr.y)), XtM = new MLMatrix(toRows(Xt));
  const ref = () => { const l = new LogisticRegressionML({ numSteps: steps, learningRate: lr }); l.train(XM, YM); return l; };
  const m = ours(), r = ref();
  run('logistic regression (batch GD, 500 steps)', `penguins Adelie/Gentoo ${X.rows}x${X.cols}`, {
    fit: [ours, ref], predict: predictOn(Xt, (x) => m.predict(x), (rows) => r.predict(new MLMatrix(rows))),
    agreement: () => `accuracy ${acc(m.predict(Xt), te.y).toFixed(3)} vs ${acc(r.predict(XtM), te.y).toFixed(3)}; same predictions on ${(acc(m.predict(Xt), r.predict(XtM)) * 100).toFixed(0)}%`,
  });
}

{ // softmax regression vs ml's one-vs-rest logistic regressions
  const X = addOnesColumn(iris.train.x), Xt = addOnesColumn(iris.test.x);
  const steps = 500, lr = 5e-4;
  const ours = () => new SoftmaxRegression({ epochs: steps, learningRate: lr * X.rows, fitIntercept: false }).fit(X, iris.train.y);
  const XM = new MLMatrix(toRows(X)), YM = MLMatrix.columnVector(Array.from(iris.train.y)), XtM = new MLMatrix(toRows(Xt));
  const ref = () => { const l = new LogisticRegressionML({ numSteps: steps, learningRate: lr }); l.train(XM, YM); return l; };
  const m = ours(), r = ref();
  run('softmax regression vs one-vs-rest logistic', `iris ${X.rows}x${X.cols}, 3 classes`, {
    fit: [ours, ref], predict: predictOn(Xt, (x) => m.predict(x), (rows) => r.predict(new MLMatrix(rows))),
    agreement: () => `accuracy ${acc(m.predict(Xt), iris.test.y).toFixed(3)} vs ${acc(r.predict(XtM), iris.test.y).toFixed(3)} (different models: one softmax vs 3 sigmoids)`,
  });
}

{ // k-nearest neighbours
  const { train, test } = penguins;
  const Xr = toRows(train.x), Yr = Array.from(train.y), Xtr = toRows(test.x);
  const ours = () => new KNNClassifier({ k: 5 }).fit(train.x, train.y);
  const ref = () => new KNN(Xr, Yr, { k: 5 });
  const m = ours(), r = ref();
  run('k-nearest neighbours (k = 5)', `penguins ${train.x.rows} train, ${test.x.rows} queries, 4-D`, {
    fit: [ours, ref], predict: predictOn(test.x, (x) => m.predict(x), (rows) => r.predict(rows)),
    agreement: () => `same predictions on ${(acc(m.predict(test.x), r.predict(Xtr)) * 100).toFixed(0)}%; accuracy ${acc(m.predict(test.x), test.y).toFixed(3)} vs ${acc(r.predict(Xtr), test.y).toFixed(3)}`,
  });
}

{ // Gaussian naive Bayes (2 features: ml-naivebayes 4.0.0 scores only the first two)
  const sel = (m: Matrix) => matrix(m.rows, 2, Float64Array.from(toRows(m).flatMap((r) => r.slice(0, 2))));
  const X = sel(penguins.train.x), Xt = sel(penguins.test.x), Xr = toRows(X), Xtr = toRows(Xt), Yr = Array.from(penguins.train.y);
  const ours = () => new GaussianNaiveBayes({ ddof: 1, varSmoothing: 0 }).fit(X, penguins.train.y);
  const ref = () => { const g = new GaussianNB(); g.train(Xr, Yr); return g; };
  const m = ours(), r = ref();
  run('Gaussian naive Bayes', `penguins beak length/depth ${X.rows}x2`, {
    fit: [ours, ref], predict: predictOn(Xt, (x) => m.predict(x), (rows) => r.predict(rows)),
    agreement: () => `same predictions on ${(acc(m.predict(Xt), r.predict(Xtr)) * 100).toFixed(0)}%; accuracy ${acc(m.predict(Xt), penguins.test.y).toFixed(3)}`,
  });
}

{ // multinomial naive Bayes on word counts
  const corpus = makeTextCorpus({ n: 600, seed: 5 }), test = makeTextCorpus({ n: 300, seed: 6 });
  const bow = new CountVectorizer().fit(corpus.docs);
  const X = bow.transform(corpus.docs), Xt = bow.transform(test.docs), Xr = toRows(X), Xtr = toRows(Xt), Yr = Array.from(corpus.y);
  const ours = () => new MultinomialNaiveBayes().fit(X, corpus.y);
  const ref = () => { const g = new MultinomialNB(); g.train(Xr, Yr); return g; };
  const m = ours(), r = ref();
  run('multinomial naive Bayes', `synthetic corpus 600 docs x ${X.cols} words`, {
    fit: [ours, ref], predict: predictOn(Xt, (x) => m.predict(x), (rows) => r.predict(rows)),
    agreement: () => `same predictions on ${(acc(m.predict(Xt), r.predict(Xtr)) * 100).toFixed(0)}%; accuracy ${acc(m.predict(Xt), test.y).toFixed(3)}`,
  });
}

{ // decision tree (Gini)
  const { train, test } = penguins;
  const Xr = toRows(train.x), Yr = Array.from(train.y), Xtr = toRows(test.x);
  const ours = () => new DecisionTreeClassifier({ minSamplesSplit: 4 }).fit(train.x, train.y);
  const ref = () => { const t = new CART({ minNumSamples: 3, gainThreshold: 0 }); t.train(Xr, Yr); return t; };
  const m = ours(), r = ref();
  run('decision tree (Gini, grown fully)', `penguins ${train.x.rows}x4`, {
    fit: [ours, ref], predict: predictOn(test.x, (x) => m.predict(x), (rows) => r.predict(rows)),
    agreement: () => `accuracy ${acc(m.predict(test.x), test.y).toFixed(3)} vs ${acc(r.predict(Xtr), test.y).toFixed(3)}; same predictions on ${(acc(m.predict(test.x), r.predict(Xtr)) * 100).toFixed(0)}%`,
  });
}

{ // random forest as bagged trees (ml-random-forest subsamples features per tree, so both use all features)
  const { train, test } = penguins;
  const Xr = toRows(train.x), Yr = Array.from(train.y), Xtr = toRows(test.x);
  const T = 25;
  const ours = () => new RandomForestClassifier({ nEstimators: T, maxFeatures: 'all', seed: 1 }).fit(train.x, train.y);
  const ref = () => { const f = new MLRandomForest({ nEstimators: T, maxFeatures: 1.0, replacement: false, seed: 1, useSampleBagging: true, noOOB: true, treeOptions: { minNumSamples: 1, gainThreshold: 0 } }); f.train(Xr, Yr); return f; };
  const m = ours(), r = ref();
  run(`bagged trees / random forest (${T} trees)`, `penguins ${train.x.rows}x4`, {
    fit: [ours, ref], predict: predictOn(test.x, (x) => m.predict(x), (rows) => r.predict(rows)),
    agreement: () => `accuracy ${acc(m.predict(test.x), test.y).toFixed(3)} vs ${acc(r.predict(Xtr), test.y).toFixed(3)} (different bootstrap draws)`,
  });
}

{ // regression tree
  const X = wavyTrain.x, Xr = toRows(X), Yr = Array.from(wavyTrain.y), Xt = wavyTest.x, Xtr = toRows(Xt);
  const ours = () => new DecisionTreeRegressor({ maxDepth: 5 }).fit(X, wavyTrain.y);
  const ref = () => { const t = new CARTRegression({ maxDepth: 5, minNumSamples: 1 }); t.train(Xr, Yr); return t; };
  const m = ours(), r = ref();
  run('regression tree (depth 5)', `synthetic continuous ${X.rows}x${X.cols}`, {
    fit: [ours, ref], predict: predictOn(Xt, (x) => m.predict(x), (rows) => r.predict(rows)),
    agreement: () => `max abs diff of predictions ${maxAbs(m.predict(Xt), r.predict(Xtr)).toExponential(1)}`,
  });
}

{ // gradient boosting with stumps: ml.js has no booster, so the reference is the same loop over ml-cart stumps
  const X = wavyTrain.x, Xr = toRows(X), Y = wavyTrain.y, Xt = wavyTest.x, Xtr = toRows(Xt);
  const T = 50, lr = 0.1;
  const ours = () => new GradientBoostingRegressor({ nEstimators: T, learningRate: lr }).fit(X, Y);
  const ref = () => {
    const mean = Y.reduce((s, v) => s + v, 0) / Y.length;
    const F = new Array<number>(Y.length).fill(mean);
    const stumps: CARTRegression[] = [];
    for (let t = 0; t < T; t++) {
      const s = new CARTRegression({ maxDepth: 1, minNumSamples: 1 });
      s.train(Xr, Xr.map((_, i) => Y[i] - F[i]));
      const p = s.predict(Xr);
      for (let i = 0; i < F.length; i++) F[i] += lr * p[i];
      stumps.push(s);
    }
    return { mean, stumps };
  };
  const refPredict = (r: { mean: number; stumps: CARTRegression[] }, rows: number[][]) => {
    const F = new Array<number>(rows.length).fill(r.mean);
    for (const s of r.stumps) { const p = s.predict(rows); for (let i = 0; i < F.length; i++) F[i] += lr * p[i]; }
    return F;
  };
  const m = ours(), r = ref();
  run(`gradient boosting (${T} stumps) vs loop over ml-cart stumps`, `synthetic continuous ${X.rows}x${X.cols}`, {
    fit: [ours, ref], predict: predictOn(Xt, (x) => m.predict(x), (rows) => refPredict(r, rows)),
    agreement: () => `max abs diff of predictions ${maxAbs(m.predict(Xt), refPredict(r, Xtr)).toExponential(1)}`,
  });
}

{ // linear SVM: our Pegasos subgradient vs ml-svm's SMO, C = 1 / (lambda n)
  const tr = classes(penguins.train, [0, 1]), te = classes(penguins.test, [0, 1]);
  const lambda = 0.01;
  const Xr = toRows(tr.x), Yr = Array.from(tr.y, (v) => (v ? 1 : -1)), Xtr = toRows(te.x);
  const ours = () => new LinearSVM({ lambda, epochs: 300, seed: 1 }).fit(tr.x, tr.y);
  let state = 7;
  const random = () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
  const ref = () => { state = 7; const s = new SVM({ C: 1 / (lambda * tr.x.rows), kernel: 'linear', whitening: false, tol: 1e-4, random }); s.train(Xr, Yr); return s; };
  const m = ours(), r = ref();
  run('linear SVM (hinge loss)', `penguins Adelie/Chinstrap ${tr.x.rows}x4`, {
    fit: [ours, ref], predict: predictOn(te.x, (x) => m.predict(x), (rows) => r.predict(rows)),
    agreement: () => {
      const jo = svmObjective(tr.x, tr.y, m.weights, m.intercept, lambda), jr = svmObjective(tr.x, tr.y, r.W, r.b, lambda);
      return `primal objective ${jo.toFixed(4)} vs ${jr.toFixed(4)}; accuracy ${acc(m.predict(te.x), te.y).toFixed(3)} vs ${acc(r.predict(Xtr).map((v: number) => (v > 0 ? 1 : 0)), te.y).toFixed(3)}`;
    },
  });
}

{ // k-means from the same k-means++ start
  const X = penguins.train.x, Xr = toRows(X);
  const init = kmeansPlusPlus(X, 3, { seed: 4 }), initRows = toRows(init);
  const ours = () => kmeans(X, 3, { initialization: init, tolerance: 1e-10 });
  const ref = () => mlKmeans(Xr, 3, { initialization: initRows, tolerance: 1e-10 });
  const m = ours(), r = ref();
  run('k-means (same k-means++ start)', `penguins ${X.rows}x4, k = 3`, {
    fit: [ours, ref],
    agreement: () => `same assignments: ${Array.from(m.assignments).every((v, i) => v === r.clusters[i])}; max centroid diff ${maxAbs(m.centroids.data, r.centroids.flat()).toExponential(1)}`,
  });
}

{ // PCA
  const X = cars.train.x, Xr = toRows(X);
  const ours = () => new PCA().fit(X);
  const ref = () => new MLPCA(Xr);
  const m = ours(), r = ref();
  run('PCA (all components)', `cars ${X.rows}x${X.cols}`, {
    fit: [ours, ref], predict: predictOn(cars.test.x, (x) => m.transform(x), (rows) => r.predict(rows)),
    agreement: () => `max explained-variance diff ${maxAbs(m.explainedVariance, r.getEigenvalues()).toExponential(1)}`,
  });
}

// ---------- report ----------

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v >= 0.01 ? v.toFixed(3) : v.toExponential(1));
const ratio = (p: [number, number]) => `${(p[0] / p[1]).toFixed(2)}x`;
console.log(`\nClassic algorithms: ours vs ml.js (median ms per call, interleaved samples after warm-up; ratio = ours / ml.js, below 1 = ours faster)\n`);
console.log('| algorithm | data | fit ours | fit ml.js | fit ratio | predict ours | predict ml.js | predict ratio | agreement |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  const p = r.predict;
  console.log(`| ${r.name} | ${r.data} | ${ms(r.fit[0])} | ${ms(r.fit[1])} | ${ratio(r.fit)} | ${p ? ms(p[0]) : '-'} | ${p ? ms(p[1]) : '-'} | ${p ? ratio(p) : '-'} | ${r.agreement} |`);
}
const worst = Math.max(...rows.flatMap((r) => [r.fit[0] / r.fit[1], ...(r.predict ? [r.predict[0] / r.predict[1]] : [])]));
console.log(`\nslowest ratio: ${worst.toFixed(2)}x (target: at most 1.5x)`);
