// Tests for lib/lm/moe: a hand-computed router (probabilities, top-1/top-2 choice, gate weights, outputs), the
// Switch load-balancing loss at its known values (1 balanced, E collapsed, a hand case), router probs vs tfjs softmax.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadBalancingLoss, mixtureOfExperts, type Expert } from '../../lib/lm/moe';
import { matrix, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randMatrix, toTf } from '../attention/helpers';

beforeAll(async () => { await tf.setBackend('cpu'); });
const scaleBy = (c: number): Expert => (rows: Matrix) => matrix(rows.rows, rows.cols, rows.data.map((v) => c * v));

describe('mixtureOfExperts', () => {
  // 2-d tokens, 3 experts multiplying by 1, 10, 100. The gate's columns read x_0, x_1 and 0, so the router logits of
  // token (a, b) are (a, b, 0).
  const gate = [[1, 0, 0], [0, 1, 0]];
  const experts = [scaleBy(1), scaleBy(10), scaleBy(100)];
  const x = [[Math.log(6), Math.log(3)], [0, Math.log(2)]]; // probs (6, 3, 1)/10 and (1, 2, 1)/4

  it('top-1 (Switch): the most probable expert, weighted by its raw probability', () => {
    const r = mixtureOfExperts(x, gate, experts, { topK: 1 });
    expect(r.experts).toEqual([[0], [1]]);
    expect(r.gates[0][0]).toBeCloseTo(0.6, 14);
    expect(r.gates[1][0]).toBeCloseTo(0.5, 14);
    expect(r.output.data[0]).toBeCloseTo(0.6 * 1 * Math.log(6), 12);
    expect(r.output.data[3]).toBeCloseTo(0.5 * 10 * Math.log(2), 12);
    expect(r.tokensPerExpert).toEqual([1, 1, 0]);
    // f = (1/2, 1/2, 0), P = ((0.6 + 0.25)/2, (0.3 + 0.5)/2, (0.1 + 0.25)/2); loss = 3 * (0.425/2 + 0.4/2) = 1.2375
    expect(r.loadBalancingLoss).toBeCloseTo(1.2375, 12);
  });

  it('top-2 (Mixtral): renormalised gates over the two chosen experts', () => {
    const r = mixtureOfExperts(x, gate, experts, { topK: 2 });
    expect(r.experts).toEqual([[0, 1], [1, 0]]); // token 2 ties experts 0 and 2 at 0.25: the lower index wins
    expect(r.gates[0][0]).toBeCloseTo(2 / 3, 14);
    expect(r.output.data[1]).toBeCloseTo((2 / 3) * Math.log(3) + (1 / 3) * 10 * Math.log(3), 12);
    expect(r.tokensPerExpert).toEqual([2, 2, 0]);
  });

  it('router probabilities match tfjs softmax(x W_g); the loss is 1 when balanced and E when collapsed', () => {
    const rng = new Rng(2);
    const X = randMatrix(rng, 20, 6), G = randMatrix(rng, 6, 4);
    const r = mixtureOfExperts(X, G, [scaleBy(1), scaleBy(2), scaleBy(3), scaleBy(4)], { topK: 2 });
    const ref = tf.tidy(() => tf.softmax(toTf(X).matMul(toTf(G))).dataSync());
    expect(maxRelErr(r.routerProbs.data, ref)).toBeLessThan(1e-5);
    const uniform = matrix(4, 4, new Float64Array(16).fill(0.25));
    expect(loadBalancingLoss(uniform, [[0], [1], [2], [3]])).toBeCloseTo(1, 14);
    const collapsed = matrix(4, 4, Float64Array.from({ length: 16 }, (_, i) => (i % 4 === 0 ? 1 : 0)));
    expect(loadBalancingLoss(collapsed, [[0], [0], [0], [0]])).toBeCloseTo(4, 14);
  });

  it('rejects a wrong number of experts and topK > E', () => {
    expect(() => mixtureOfExperts(x, gate, experts.slice(0, 2))).toThrow(/expected 3 experts/);
    expect(() => mixtureOfExperts(x, gate, experts, { topK: 4 })).toThrow(/topK <= 3/);
  });
});
