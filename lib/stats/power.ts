// Power of the two-proportion z-test: the normal-approximation formula, and a seeded simulation of real Bernoulli
// users that estimates it with a Monte Carlo standard error. The sample size per arm is `sampleSizePerArm` in ab-test.ts.
import { checkInt, checkReal, withDefaults } from '../data/check';
import { rngFrom } from '../core/random';
import { normalCdf, normalQuantile } from './normal';
import { twoProportionZTest } from './ab-test';

/**
 * Approximate power of the two-sided two-proportion z-test at level alpha with n users per arm:
 *   power = Phi(|pB - pA| sqrt(n) / sqrt(pA(1-pA) + pB(1-pB)) - z_{1-alpha/2}) + Phi(-... - z_{1-alpha/2}),
 * the inverse of n = (z_{1-alpha/2} + z_{power})^2 (pA(1-pA) + pB(1-pB)) / (pB - pA)^2 (the second, far-tail term is
 * tiny and kept for exactness of the approximation).
 * @throws RangeError unless 0 < pA, pB < 1, n >= 1 an integer, 0 < alpha < 1
 */
export function twoProportionPower(pA: number, pB: number, n: number, options: { alpha?: number } = {}): number {
  const fn = 'twoProportionPower';
  checkReal(fn, 'pA', pA, { min: 0, max: 1, open: true });
  checkReal(fn, 'pB', pB, { min: 0, max: 1, open: true });
  checkInt(fn, 'n', n, 1);
  const { alpha } = withDefaults(fn, options, { alpha: 0.05 });
  checkReal(fn, 'alpha', alpha, { min: 0, max: 1, open: true });
  const z = normalQuantile(1 - alpha / 2);
  const shift = (Math.abs(pB - pA) * Math.sqrt(n)) / Math.sqrt(pA * (1 - pA) + pB * (1 - pB));
  return normalCdf(shift - z) + normalCdf(-shift - z);
}

export interface SimulatedPower {
  /** Share of simulated experiments whose two-sided z-test rejected at alpha. */
  power: number;
  rejections: number;
  simulations: number;
  /** Monte Carlo standard error sqrt(power (1 - power) / simulations). */
  standardError: number;
}

/** A Binomial(n, p) draw as the sum of n Bernoulli users (exact, O(n)). */
export function binomialDraw(rng: { random(): number }, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.random() < p) k++;
  return k;
}

/**
 * Simulates `simulations` A/B tests with n Bernoulli users per arm (rates pA and pB) and counts how often the
 * pooled two-proportion z-test (`twoProportionZTest`) rejects at alpha. With pA = pB it estimates the false-positive rate.
 * @throws RangeError for rates outside (0, 1), n or simulations below 1, alpha outside (0, 1)
 */
export function simulatePower(pA: number, pB: number, n: number, options: { alpha?: number; simulations?: number; seed?: number } = {}): SimulatedPower {
  const fn = 'simulatePower';
  checkReal(fn, 'pA', pA, { min: 0, max: 1, open: true });
  checkReal(fn, 'pB', pB, { min: 0, max: 1, open: true });
  checkInt(fn, 'n', n, 1);
  const o = withDefaults(fn, options, { alpha: 0.05, simulations: 2000, seed: undefined as number | undefined });
  checkReal(fn, 'alpha', o.alpha, { min: 0, max: 1, open: true });
  const simulations = checkInt(fn, 'simulations', o.simulations, 1);
  const rng = rngFrom(o.seed);
  let rejections = 0;
  for (let s = 0; s < simulations; s++) {
    const xA = binomialDraw(rng, n, pA), xB = binomialDraw(rng, n, pB);
    if ((xA === 0 && xB === 0) || (xA === n && xB === n)) continue; // no variation: the test cannot reject
    if (twoProportionZTest({ successesA: xA, trialsA: n, successesB: xB, trialsB: n }, { alpha: o.alpha }).significant) rejections++;
  }
  const power = rejections / simulations;
  return { power, rejections, simulations, standardError: Math.sqrt((power * (1 - power)) / simulations) };
}
