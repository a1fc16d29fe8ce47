// Tests for lib/recsys/als: the ridge normal equations and one ALS half-step equal ml-matrix's independent solve of
// (A^T A + lambda I) x = A^T y (1e-10); the objective never increases; on a small fully observed case ALS reaches a
// stationary point (exact gradient of the MF objective < 1e-6) and SGD-MF reaches the same objective (1e-3 relative).
import { describe, expect, it } from 'vitest';
import { Matrix as MlMatrix, solve as mlSolve } from 'ml-matrix';
import { Rng } from '../../lib/core/random';
import { alsHalfStep, fitAls, ridgeNormalEquations } from '../../lib/recsys/als';
import { fitSgdMf } from '../../lib/recsys/sgd-mf';
import { initMf, mfGradient, mfObjective } from '../../lib/recsys/mf';
import { ratingsFromTriples, type Ratings } from '../../lib/recsys/ratings';

function mlRidge(A: number[][], y: number[], lambda: number): number[] {
  const M = new MlMatrix(A);
  const G = M.transpose().mmul(M).add(MlMatrix.eye(A[0].length).mul(lambda));
  return mlSolve(G, M.transpose().mmul(MlMatrix.columnVector(y))).getColumn(0);
}

/** A fully observed nUsers x nItems rank-2 matrix plus noise. */
function fullRatings(nUsers: number, nItems: number, seed: number): Ratings {
  const rng = new Rng(seed);
  const U = Array.from({ length: nUsers }, () => [rng.normal(), rng.normal()]);
  const V = Array.from({ length: nItems }, () => [rng.normal(), rng.normal()]);
  const triples: [number, number, number][] = [];
  for (let u = 0; u < nUsers; u++) for (let i = 0; i < nItems; i++) triples.push([u, i, 3 + U[u][0] * V[i][0] + U[u][1] * V[i][1] + 0.3 * rng.normal()]);
  return ratingsFromTriples(nUsers, nItems, triples);
}

describe('ridgeNormalEquations', () => {
  it('equals ml-matrix solve of the normal equations (1e-10)', () => {
    const rng = new Rng(1);
    const A = Array.from({ length: 7 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const y = Array.from({ length: 7 }, () => rng.normal());
    const mine = ridgeNormalEquations(A.flat(), y, 3, 0.7);
    const ref = mlRidge(A, y, 0.7);
    for (let f = 0; f < 3; f++) expect(Math.abs(mine[f] - ref[f])).toBeLessThan(1e-10);
  });
  it('hand case: one feature, x = sum(a y) / (sum a^2 + lambda)', () => {
    // a = [1, 2], y = [3, 4], lambda = 1: (3 + 8) / (1 + 4 + 1) = 11/6
    expect(ridgeNormalEquations([1, 2], [3, 4], 1, 1)[0]).toBeCloseTo(11 / 6, 14);
  });
  it('rejects bad sizes', () => {
    expect(() => ridgeNormalEquations([1, 2, 3], [1, 2], 2, 1)).toThrow(/length m \* d = 4/);
    expect(() => ridgeNormalEquations([1, 2], [1], 2, 0)).toThrow(/lambda > 0 or at least d = 2/);
    expect(() => ridgeNormalEquations([1], [1], 1, -1)).toThrow(RangeError);
  });
});

describe('alsHalfStep', () => {
  it('each user row is the ridge solution with features [q_i, 1] and targets r - mu - b_i (ml-matrix, 1e-10)', () => {
    const r = fullRatings(5, 6, 2);
    const m = initMf(r, 3, 0.5, 3);
    for (let i = 0; i < 6; i++) m.bi[i] = 0.1 * i;
    alsHalfStep(m, r, 0.9, 'users', true);
    for (let u = 0; u < 5; u++) {
      const A: number[][] = [], y: number[] = [];
      for (let t = 0; t < r.values.length; t++) if (r.users[t] === u) {
        const i = r.items[t];
        A.push([m.Q[i * 3], m.Q[i * 3 + 1], m.Q[i * 3 + 2], 1]);
        y.push(r.values[t] - m.mu - m.bi[i]);
      }
      const ref = mlRidge(A, y, 0.9);
      for (let f = 0; f < 3; f++) expect(Math.abs(m.P[u * 3 + f] - ref[f])).toBeLessThan(1e-10);
      expect(Math.abs(m.bu[u] - ref[3])).toBeLessThan(1e-10);
    }
  });
});

describe('fitAls', () => {
  it('objective is non-increasing and ALS ends at a stationary point; SGD-MF reaches the same objective (1e-3 relative)', () => {
    const r = fullRatings(8, 6, 4);
    const lambda = 0.5;
    const als = fitAls(r, { k: 2, lambda, iterations: 400, seed: 5 });
    for (let t = 1; t < als.history.length; t++) expect(als.history[t]).toBeLessThanOrEqual(als.history[t - 1] * (1 + 1e-12));
    const g = mfGradient(als.model, r, lambda);
    const gmax = Math.max(...[g.P, g.Q, g.bu, g.bi].flatMap((a) => Array.from(a, Math.abs)));
    expect(gmax).toBeLessThan(1e-6);
    const sgd = fitSgdMf(r, { k: 2, lambda, epochs: 3000, learningRate: 0.02, decay: 0.002, seed: 6 });
    const fAls = als.history[als.history.length - 1], fSgd = mfObjective(sgd.model, r, lambda);
    expect(Math.abs(fSgd - fAls) / fAls).toBeLessThan(1e-3);
  });
  it('rejects bad options and input', () => {
    const r = fullRatings(3, 3, 1);
    expect(() => fitAls(r, { k: 0 })).toThrow(/k >= 1/);
    expect(() => fitAls(r, { lambda: 0 })).toThrow(/lambda > 0/);
    expect(() => fitAls({ ...r, users: [0, 1] } as unknown as Ratings)).toThrow(TypeError);
    expect(() => fitAls(r, { lamda: 1 } as unknown as { lambda: number })).toThrow(/unknown option "lamda"/);
  });
});
