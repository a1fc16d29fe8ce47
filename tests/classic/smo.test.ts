// Tests for lib/classic/smo: against scikit-learn 1.2.1 SVC (fixture tests/fixtures/reference/svm.json from
// scripts/reference/svm-sklearn.py: decision values and intercept within 1e-6, alpha_i y_i summed per distinct point
// within 5e-5, the same support points, all three kernels), against ml-svm 2.1.2's simplified SMO (RBF decision values
// within 5e-3 and identical signs; linear: our primal objective <= theirs), the KKT conditions at the solution (1e-8),
// dual = primal for the linear kernel with w built explicitly (1e-8 relative), the pair update by hand, errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import SVM from 'ml-svm';
import { KernelSVM, smoPairUpdate, svmKernel, type KernelSVMOptions } from '../../lib/classic/smo';
import { toRows } from '../../lib/core/matrix';
import { penguins, standardize, subsetClasses } from './helpers';

interface SvmCase {
  name: string;
  options: Partial<KernelSVMOptions>;
  gamma_used: number;
  support: number[];
  dual_coef: number[];
  intercept: number;
  decision_train: number[];
  decision_grid: number[];
}
interface SvmFixture { sklearn: string; x: number[][]; y: number[]; grid: number[][]; cases: SvmCase[] }
const fx = JSON.parse(readFileSync(new URL('../fixtures/reference/svm.json', import.meta.url), 'utf8')) as SvmFixture;

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/** alpha_i y_i summed over rows with identical features: unique at the optimum even when duplicates split their alpha. */
function perPoint(x: number[][], idx: ArrayLike<number>, coef: ArrayLike<number>): Map<string, number> {
  const out = new Map<string, number>();
  for (let k = 0; k < idx.length; k++) {
    const key = x[idx[k]].join(',');
    out.set(key, (out.get(key) ?? 0) + coef[k]);
  }
  return out;
}

describe('KernelSVM against scikit-learn SVC (libsvm)', () => {
  it(`fixture from scikit-learn ${fx.sklearn}: ${fx.x.length} rows, ${fx.cases.length} cases`, () => {
    expect(fx.sklearn).toBe('1.2.1');
    expect(fx.cases.map((c) => c.options.kernel)).toEqual(expect.arrayContaining(['linear', 'polynomial', 'rbf']));
  });
  for (const c of fx.cases) {
    it(`${c.name}: decision values and b within 1e-6, alpha_i y_i per point within 5e-5, same support points`, () => {
      const m = new KernelSVM({ ...c.options, tol: 1e-10 }).fit(fx.x, fx.y);
      expect(m.converged).toBe(true);
      expect(Math.abs(m.gamma - c.gamma_used)).toBeLessThan(1e-12);
      expect(maxAbs(m.decisionFunction(fx.x), c.decision_train)).toBeLessThan(1e-6);
      expect(maxAbs(m.decisionFunction(fx.grid), c.decision_grid)).toBeLessThan(1e-6);
      expect(Math.abs(m.intercept - c.intercept)).toBeLessThan(1e-6);
      const ours = perPoint(fx.x, m.supportIndices, m.dualCoef), theirs = perPoint(fx.x, c.support, c.dual_coef);
      expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
      for (const [k, v] of theirs) expect(Math.abs((ours.get(k) ?? NaN) - v)).toBeLessThan(5e-5);
    });
  }
});

describe('KernelSVM optimality', () => {
  for (const c of fx.cases) {
    it(`${c.name}: KKT conditions hold within 1e-8 (alpha = 0: y f >= 1; 0 < alpha < C: y f = 1; alpha = C: y f <= 1), sum alpha_i y_i = 0`, () => {
      const m = new KernelSVM({ ...c.options, tol: 1e-10 }).fit(fx.x, fx.y);
      const f = m.decisionFunction(fx.x), C = m.options.C;
      let sum = 0, free = 0;
      for (let i = 0; i < f.length; i++) {
        const y = fx.y[i] === 1 ? 1 : -1, margin = y * f[i], a = m.alpha[i];
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(C);
        if (a === 0) expect(margin).toBeGreaterThan(1 - 1e-8);
        else if (a === C) expect(margin).toBeLessThan(1 + 1e-8);
        else { expect(Math.abs(margin - 1)).toBeLessThan(1e-8); free++; }
        sum += a * y;
      }
      expect(Math.abs(sum)).toBeLessThan(1e-10 * C * f.length);
      expect(free).toBeGreaterThanOrEqual(c.name.includes('C = 0.05') ? 0 : 1); // at C = 0.05 every alpha is at a bound
      expect(m.kktViolation()).toBeLessThan(1e-8);
      expect(m.primalObjective() - m.dualObjective()).toBeGreaterThanOrEqual(-1e-9);
      expect(m.primalObjective() - m.dualObjective()).toBeLessThan(1e-8 * m.primalObjective());
    });
  }

  it('linear kernel: the dual optimum equals the primal 1/2 ||w||^2 + C sum hinge at w = sum alpha_i y_i x_i (1e-8 relative)', () => {
    for (const C of [0.05, 1, 20]) {
      const m = new KernelSVM({ kernel: 'linear', C, tol: 1e-10 }).fit(fx.x, fx.y);
      const w = [0, 0];
      for (let i = 0; i < fx.x.length; i++) for (let k = 0; k < 2; k++) w[k] += m.alpha[i] * (fx.y[i] === 1 ? 1 : -1) * fx.x[i][k];
      expect(maxAbs(m.weights(), w)).toBeLessThan(1e-12);
      let hinge = 0;
      for (let i = 0; i < fx.x.length; i++) hinge += Math.max(0, 1 - (fx.y[i] === 1 ? 1 : -1) * (w[0] * fx.x[i][0] + w[1] * fx.x[i][1] + m.intercept));
      const primal = 0.5 * (w[0] ** 2 + w[1] ** 2) + C * hinge;
      let lin = 0;
      for (const a of m.alpha) lin += a;
      const dual = lin - 0.5 * (w[0] ** 2 + w[1] ** 2);
      expect(Math.abs(m.dualObjective() - dual)).toBeLessThan(1e-10 * Math.abs(dual));
      expect(Math.abs(primal - dual)).toBeLessThan(1e-8 * primal);
    }
  });

  it('hard margin by hand: (1, 1) -> +1, (-1, -1) -> -1 gives alpha = 1/4 each, w = (1/2, 1/2), b = 0, margin 2 sqrt 2', () => {
    const m = new KernelSVM({ kernel: 'linear', C: 1e6, tol: 1e-12 }).fit([[1, 1], [-1, -1]], [1, 0]);
    expect(maxAbs(m.alpha, [0.25, 0.25])).toBeLessThan(1e-12);
    expect(maxAbs(m.weights(), [0.5, 0.5])).toBeLessThan(1e-12);
    expect(Math.abs(m.intercept)).toBeLessThan(1e-12);
    expect(2 / Math.hypot(...m.weights())).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(Array.from(m.supportIndices)).toEqual([0, 1]);
  });
});

/** ml-svm with a seeded random for its second-index choice, no whitening, tight tolerances. */
function mlSvm(x: number[][], y: number[], C: number, kernel: 'linear' | 'rbf', sigma = 1): SVM {
  let state = 12345;
  const random = () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
  const svm = new SVM({ C, kernel, kernelOptions: { sigma }, whitening: false, tol: 1e-6, maxPasses: 50, maxIterations: 1e6, random, alphaTol: 1e-8 });
  svm.train(x, y.map((v) => (v ? 1 : -1)));
  return svm;
}

describe('KernelSVM against ml-svm 2.1.2 (Platt-style simplified SMO with a random second index)', () => {
  // ml-svm stops when no alpha moves by more than 1e-3 in 50 passes, so it matches only to about 1e-3; its polynomial
  // kernel does not load (ml-kernel requires an ES-module-only ml-kernel-polynomial), so polynomial is checked against sklearn only.
  const p = subsetClasses(penguins(), [0, 1]);
  const X = toRows(standardize(p.x).train), Y = Array.from(p.y);
  for (const [C, gamma] of [[1, 0.5], [10, 0.125]]) {
    it(`penguins Adelie vs Chinstrap (standardised), RBF gamma = ${gamma} (sigma = ${Math.sqrt(1 / (2 * gamma))}), C = ${C}: decision values within 5e-3, same signs`, () => {
      const ref = mlSvm(X, Y, C, 'rbf', Math.sqrt(1 / (2 * gamma)));
      const m = new KernelSVM({ kernel: 'rbf', gamma, C, tol: 1e-8 }).fit(X, Y);
      const ours = m.decisionFunction(X), theirs = ref.margin(X);
      expect(maxAbs(ours, theirs)).toBeLessThan(5e-3);
      for (let i = 0; i < X.length; i++) expect(Math.sign(ours[i])).toBe(Math.sign(theirs[i]));
    });
  }
  it('penguins, linear kernel, C = 1: our primal objective <= ml-svm\'s (w, b) objective, relative gap < 1e-2', () => {
    const ref = mlSvm(X, Y, 1, 'linear');
    const m = new KernelSVM({ kernel: 'linear', C: 1, tol: 1e-8 }).fit(X, Y);
    const primal = (w: ArrayLike<number>, b: number) => {
      let sq = 0, hinge = 0;
      for (let k = 0; k < w.length; k++) sq += w[k] ** 2;
      for (let i = 0; i < X.length; i++) {
        let s = b;
        for (let k = 0; k < w.length; k++) s += w[k] * X[i][k];
        hinge += Math.max(0, 1 - (Y[i] ? 1 : -1) * s);
      }
      return 0.5 * sq + hinge;
    };
    const ours = primal(m.weights(), m.intercept), theirs = primal(ref.W, ref.b);
    expect(ours).toBeLessThanOrEqual(theirs + 1e-9);
    expect((theirs - ours) / ours).toBeLessThan(1e-2);
    expect(Math.abs(ours - m.dualObjective())).toBeLessThan(1e-6 * ours);
  });
});

describe('smoPairUpdate by hand (K_ii = K_jj = 1, K_ij = 0, so eta = 2; C = 1)', () => {
  it('y_i != y_j: alpha_j = 0.5 - 1.5 / 2 = -0.25 is clipped to L = alpha_j - alpha_i = 0.3, alpha_i lands on 0', () => {
    expect(smoPairUpdate(0.2, 0.5, 1, -1, 0.5, -1, 1, 1, 0, 1)).toEqual([0, 0.3]);
  });
  it('y_i == y_j: alpha_j = 0.5 - 1.2 / 2 = -0.1 is clipped to L = 0, alpha_i = 0.7 keeps the sum', () => {
    const [ai, aj] = smoPairUpdate(0.2, 0.5, 1, 1, -1, 0.2, 1, 1, 0, 1);
    expect(aj).toBe(0);
    expect(ai).toBeCloseTo(0.7, 15);
  });
  it('y_i != y_j, upper bound: H = C + alpha_j - alpha_i = 0.6 clips alpha_j = 0.9', () => {
    const [ai, aj] = smoPairUpdate(0.9, 0.5, 1, -1, -1, -0.2, 1, 1, 0, 1);
    expect(aj).toBeCloseTo(0.6, 15);
    expect(ai).toBe(1);
  });
  it('inside the box: no clipping, alpha_j = 0.5 + 0.2 / 2 = 0.6, alpha_i = 0.1', () => {
    const [ai, aj] = smoPairUpdate(0.2, 0.5, 1, 1, 0.1, -0.1, 1, 1, 0, 1);
    expect(aj).toBeCloseTo(0.6, 15);
    expect(ai).toBeCloseTo(0.1, 15);
  });
});

describe('KernelSVM behaviour and errors', () => {
  it('deterministic; svmKernel matches the formulas', () => {
    const a = new KernelSVM({ C: 10, gamma: 5 }).fit(fx.x, fx.y), b = new KernelSVM({ C: 10, gamma: 5 }).fit(fx.x, fx.y);
    expect(Array.from(a.alpha)).toEqual(Array.from(b.alpha));
    const u = Float64Array.from([1, 2]), v = Float64Array.from([0.5, -1]);
    expect(svmKernel('linear')(u, v)).toBe(-1.5);
    expect(svmKernel('polynomial', 0.5, 2, 1)(u, v)).toBeCloseTo(0.0625, 15);
    expect(svmKernel('rbf', 0.5)(u, v)).toBeCloseTo(Math.exp(-0.5 * 9.25), 15);
  });
  it('errors', () => {
    expect(() => new KernelSVM({ C: 0 })).toThrow(/expected C > 0, got C = 0/);
    expect(() => new KernelSVM({ gamma: -1 })).toThrow(RangeError);
    expect(() => new KernelSVM({ kernel: 'sigmoid' as never })).toThrow(/expected kernel/);
    expect(() => new KernelSVM({ degree: 1.5 })).toThrow(RangeError);
    expect(() => new KernelSVM().fit([[1], [2]], [1, 1])).toThrow(/both classes/);
    expect(() => new KernelSVM().fit([[1], [2]], [1, 2])).toThrow(RangeError);
    expect(() => new KernelSVM().fit([[1]], [1])).toThrow(/at least 2 samples/);
    expect(() => new KernelSVM().fit('x' as never, [1, 0])).toThrow(TypeError);
    expect(() => new KernelSVM().decisionFunction([[1]])).toThrow(/call fit/);
    expect(() => new KernelSVM().fit(fx.x, fx.y).decisionFunction([[1, 2, 3]])).toThrow(RangeError);
    expect(() => new KernelSVM({ kernel: 'rbf' }).fit(fx.x, fx.y).weights()).toThrow(/only the linear kernel/);
    expect(() => smoPairUpdate(0, 0, 0, 1, 0, 0, 1, 1, 0, 1)).toThrow(/labels in \{-1, \+1\}/);
  });
  it('maxIterations caps the pair updates and reports converged = false', () => {
    const m = new KernelSVM({ C: 10, gamma: 5, tol: 1e-10, maxIterations: 5 }).fit(fx.x, fx.y);
    expect(m.iterations).toBe(5);
    expect(m.converged).toBe(false);
    expect(m.gap).toBeGreaterThan(1e-10);
  });
});
