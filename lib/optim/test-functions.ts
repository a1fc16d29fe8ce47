// Classic 2-D (and n-D) test surfaces for optimizers: an ill-conditioned quadratic, the Rosenbrock valley, and Beale's function, with gradients.
import { checkReal, withDefaults } from '../data/check';
import { asVector } from '../core/matrix';
import type { Objective } from './optimizer';

/**
 * f(x) = 1/2 sum_i h_i (x_i - c_i)^2: a quadratic bowl whose Hessian is diag(h). The condition number max h / min h
 * is what makes plain gradient descent zig-zag (the largest h limits the step, lr < 2 / max h; the smallest h sets
 * how slowly the flat direction converges).
 * @param curvatures - h, length d, all > 0
 * @param centre - c, length d (default all 0): the minimum
 */
export function quadratic(curvatures: ArrayLike<number>, centre?: ArrayLike<number>): Objective {
  const h = asVector(curvatures, 'curvatures').slice();
  if (h.length === 0) throw new RangeError('quadratic: expected at least 1 curvature, got 0');
  for (let i = 0; i < h.length; i++) if (!(h[i] > 0)) throw new RangeError(`quadratic: expected curvatures > 0, got ${h[i]} at index ${i}`);
  const c = centre === undefined ? new Float64Array(h.length) : asVector(centre, 'centre', h.length).slice();
  const d = h.length;
  return {
    dim: d,
    value(x) {
      let s = 0;
      for (let i = 0; i < d; i++) { const e = x[i] - c[i]; s += h[i] * e * e; }
      return s / 2;
    },
    gradient(x, out) {
      for (let i = 0; i < d; i++) out[i] = h[i] * (x[i] - c[i]);
      return out;
    },
  };
}

export interface RosenbrockOptions { a: number; b: number }
export const rosenbrockDefaults: Readonly<RosenbrockOptions> = { a: 1, b: 100 };

/**
 * Rosenbrock's banana valley f(x, y) = (a - x)^2 + b (y - x^2)^2, minimum 0 at (a, a^2). The valley floor is easy to
 * reach and very slow to follow: the classic test of momentum and adaptive methods.
 */
export function rosenbrock(options: Partial<RosenbrockOptions> = {}): Objective {
  const o = withDefaults('rosenbrock', options, rosenbrockDefaults);
  const a = checkReal('rosenbrock', 'a', o.a), b = checkReal('rosenbrock', 'b', o.b, { min: 0 });
  return {
    dim: 2,
    value(p) {
      const x = p[0], y = p[1];
      return (a - x) ** 2 + b * (y - x * x) ** 2;
    },
    gradient(p, out) {
      const x = p[0], y = p[1];
      const r = y - x * x;
      out[0] = -2 * (a - x) - 4 * b * x * r;
      out[1] = 2 * b * r;
      return out;
    },
  };
}

/**
 * Beale's function f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2, minimum 0 at (3, 0.5):
 * flat plateaus and steep ridges, a common picture for comparing optimizers.
 */
export function beale(): Objective {
  return {
    dim: 2,
    value(p) {
      const x = p[0], y = p[1];
      return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2;
    },
    gradient(p, out) {
      const x = p[0], y = p[1];
      const t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y ** 3;
      out[0] = 2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y ** 3 - 1);
      out[1] = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y * y;
      return out;
    },
  };
}

/**
 * The objective on an n_x x n_y grid, for a contour plot: z[j][i] = f(xs[i], ys[j]) (rows are y, as Plotly expects).
 * Optionally log10(f + floor), which shows the structure of valleys like Rosenbrock's.
 */
export function evaluateGrid(objective: Objective, xs: ArrayLike<number>, ys: ArrayLike<number>, options: { log10Offset?: number } = {}): number[][] {
  if (objective.dim !== 2) throw new RangeError(`evaluateGrid: expected a 2-D objective, got dim = ${objective.dim}`);
  const p = new Float64Array(2);
  const z: number[][] = [];
  for (let j = 0; j < ys.length; j++) {
    const row = new Array<number>(xs.length);
    for (let i = 0; i < xs.length; i++) {
      p[0] = xs[i]; p[1] = ys[j];
      const v = objective.value(p);
      row[i] = options.log10Offset === undefined ? v : Math.log10(v + options.log10Offset);
    }
    z.push(row);
  }
  return z;
}
