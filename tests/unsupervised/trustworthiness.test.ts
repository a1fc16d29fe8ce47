// Tests for lib/unsupervised/trustworthiness: equals sklearn.manifold.trustworthiness (fixture from
// scripts/reference/tsne-sklearn.py) to 1e-12, 1 for an isometric embedding, and error cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trustworthiness } from '../../lib/unsupervised/trustworthiness';

interface Fixture { X: number[][]; Y: number[][]; trustworthiness: { embedding: string; k: number; value: number }[] }
const fx = JSON.parse(readFileSync(new URL('../fixtures/reference/tsne.json', import.meta.url), 'utf8')) as Fixture;

describe('trustworthiness', () => {
  it('equals scikit-learn 1.2 for a random and a structured embedding, k = 1, 5, 10 (1e-12)', () => {
    for (const ref of fx.trustworthiness) {
      const E = ref.embedding === 'Y' ? fx.Y : fx.X.map((r) => r.slice(0, 2));
      expect(Math.abs(trustworthiness(fx.X, E, ref.k) - ref.value)).toBeLessThan(1e-12);
    }
  });
  it('is 1 for a rotated and scaled copy of the data', () => {
    const E = fx.X.map((r) => [2 * r[0] - r[1], r[0] + 2 * r[1], 0, 0, 0, 0].map((v, j) => (j < 2 ? v : 2.2360679 * r[j])));
    expect(trustworthiness(fx.X, E, 5)).toBeCloseTo(1, 12);
  });
  it('rejects bad input', () => {
    expect(() => trustworthiness(fx.X, fx.Y.slice(1))).toThrow(/40 rows/);
    expect(() => trustworthiness(fx.X, fx.Y, 20)).toThrow(/k < n \/ 2 = 20/);
  });
});
