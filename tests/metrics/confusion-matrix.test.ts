// Tests for lib/metrics/confusion-matrix: counts and one-vs-rest TP/FP/FN/TN against ml-confusion-matrix (exact), a hand-computed case, error paths.
import { describe, expect, it } from 'vitest';
import { ConfusionMatrix as MlConfusionMatrix } from 'ml-confusion-matrix';
import { classCounts, confusionMatrix, confusionRows } from '../../lib/metrics/confusion-matrix';
import { Rng } from '../../lib/core/random';

function randomLabels(seed: number, n: number, k: number, accuracy: number): { t: number[]; p: number[] } {
  const rng = new Rng(seed);
  const t: number[] = [], p: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = rng.int(k);
    t.push(c);
    p.push(rng.random() < accuracy ? c : rng.int(k));
  }
  return { t, p };
}

describe('confusionMatrix', () => {
  it('matches a hand-computed 3-class case (rows actual, columns predicted)', () => {
    const cm = confusionMatrix([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]);
    expect(cm.labels).toEqual([0, 1, 2]);
    expect(confusionRows(cm)).toEqual([[2, 0, 0], [1, 0, 1], [0, 2, 0]]);
    expect(cm.total).toBe(6);
    const c = classCounts(cm);
    expect(Array.from(c.tp)).toEqual([2, 0, 0]);
    expect(Array.from(c.fp)).toEqual([1, 2, 1]);
    expect(Array.from(c.fn)).toEqual([0, 2, 2]);
    expect(Array.from(c.tn)).toEqual([3, 2, 3]);
    expect(Array.from(c.support)).toEqual([2, 2, 2]);
  });

  for (const [seed, k] of [[1, 2], [2, 3], [3, 5]] as const) {
    it(`agrees exactly with ml-confusion-matrix on random labels (seed ${seed}, ${k} classes)`, () => {
      const { t, p } = randomLabels(seed, 300, k, 0.7);
      const ours = confusionMatrix(t, p);
      const ref = MlConfusionMatrix.fromLabels(t, p, { labels: ours.labels }); // ml lists labels in order of appearance unless told
      expect(ref.getLabels()).toEqual(ours.labels);
      expect(confusionRows(ours)).toEqual(ref.getMatrix());
      const c = classCounts(ours);
      ours.labels.forEach((label, i) => {
        expect(c.tp[i]).toBe(ref.getTruePositiveCount(label));
        expect(c.fp[i]).toBe(ref.getFalsePositiveCount(label));
        expect(c.fn[i]).toBe(ref.getFalseNegativeCount(label));
        expect(c.tn[i]).toBe(ref.getTrueNegativeCount(label));
        expect(c.support[i]).toBe(ref.getPositiveCount(label));
      });
    });
  }

  it('uses options.labels for order and for classes absent from the data', () => {
    const cm = confusionMatrix([1, 1, 0], [1, 0, 0], { labels: [1, 0, 7] });
    expect(confusionRows(cm)).toEqual([[1, 1, 0], [0, 1, 0], [0, 0, 0]]);
  });

  it('handles a single class', () => {
    const cm = confusionMatrix([3, 3], [3, 3]);
    expect(confusionRows(cm)).toEqual([[2]]);
    expect(Array.from(classCounts(cm).tn)).toEqual([0]);
  });

  it('rejects bad input', () => {
    expect(() => confusionMatrix([], [])).toThrow(RangeError);
    expect(() => confusionMatrix([0, 1], [0])).toThrow(/length 2/);
    expect(() => confusionMatrix([0, 1.5], [0, 1])).toThrow(/integer class labels/);
    expect(() => confusionMatrix([0, NaN], [0, 1])).toThrow(RangeError);
    expect(() => confusionMatrix('01' as unknown as number[], [0, 1])).toThrow(TypeError);
    expect(() => confusionMatrix([0, 2], [0, 1], { labels: [0, 1] })).toThrow(/yTrue\[1\] = 2 is not one of the labels/);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [0, 0, 1] })).toThrow(/distinct/);
  });
});
