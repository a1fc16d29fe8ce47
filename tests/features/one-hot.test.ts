// Tests for lib/features/one-hot and ordinal-encoder: against scikit-learn 1.2.1's OneHotEncoder and OrdinalEncoder
// (exact), printed by scripts/reference/features-sklearn.py, and against danfojs-node's getDummies (same columns).
import { describe, expect, it } from 'vitest';
import { OneHotEncoder } from '../../lib/features/one-hot';
import { OrdinalEncoder } from '../../lib/features/ordinal-encoder';

const rows = [['red', 'S'], ['blue', 'M'], ['red', 'M'], ['Green', 'L']];

describe('OneHotEncoder', () => {
  it('matches OneHotEncoder(sparse_output=False) including its code-unit sort (exact)', () => {
    const enc = new OneHotEncoder().fit(rows);
    expect(Array.from(enc.transform(rows).data)).toEqual([0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0]);
    expect(enc.featureNames(['colour', 'size'])).toEqual(['colour_Green', 'colour_blue', 'colour_red', 'size_L', 'size_M', 'size_S']);
  });
  it("matches drop='first' (exact)", () => {
    const enc = new OneHotEncoder({ drop: 'first' }).fit(rows);
    expect(Array.from(enc.transform(rows).data)).toEqual([0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    expect(enc.featureNames(['colour', 'size'])).toEqual(['colour_blue', 'colour_red', 'size_M', 'size_S']);
  });
  it("handleUnknown 'ignore' gives zeros as scikit-learn; 'error' throws a RangeError naming the value", () => {
    expect(Array.from(new OneHotEncoder({ handleUnknown: 'ignore' }).fit(rows).transform([['pink', 'S']]).data)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(() => new OneHotEncoder().fit(rows).transform([['pink', 'S']])).toThrow(/unknown category "pink"/);
  });
  it('every row has exactly one 1 per input column, and the result is independent of row order', () => {
    const m = new OneHotEncoder().fitTransform(rows);
    for (let i = 0; i < m.rows; i++) expect(m.data.subarray(i * m.cols, (i + 1) * m.cols).reduce((s, v) => s + v, 0)).toBe(2);
    const rev = new OneHotEncoder().fit([...rows].reverse());
    expect(rev.categories).toEqual(new OneHotEncoder().fit(rows).categories);
  });
  it('agrees with danfojs getDummies on a real-sized column (same 0/1 columns, names sorted)', async () => {
    const dfd = await import('danfojs-node');
    const values = ['USA', 'Japan', 'USA', 'Europe', 'Japan', 'USA'];
    const dummies = dfd.getDummies(new dfd.DataFrame({ origin: values }), { columns: ['origin'] }) as InstanceType<typeof dfd.DataFrame>;
    const enc = new OneHotEncoder().fit(values.map((v) => [v]));
    const ours = enc.transform(values.map((v) => [v]));
    enc.featureNames(['origin']).forEach((name, c) => {
      const theirs = (dummies.column(name).values as number[]).map(Number);
      expect(theirs).toEqual(values.map((_, i) => ours.data[i * ours.cols + c]));
    });
  });
  it('rejects nulls, ragged rows and bad options', () => {
    expect(() => new OneHotEncoder().fit([['a'], [null as unknown as string]])).toThrow(TypeError);
    expect(() => new OneHotEncoder().fit([['a', 'b'], ['c']])).toThrow(RangeError);
    expect(() => new OneHotEncoder({ drop: 'last' as 'first' })).toThrow(RangeError);
    expect(() => new OneHotEncoder().transform(rows)).toThrow(/fit/);
  });
});

describe('OrdinalEncoder', () => {
  it('matches OrdinalEncoder() with sorted categories (exact)', () => {
    expect(Array.from(new OrdinalEncoder().fitTransform(rows).data)).toEqual([2, 2, 1, 1, 2, 1, 0, 0]);
  });
  it('uses a given order, and unknownValue for unseen categories', () => {
    const enc = new OrdinalEncoder({ categories: [['S', 'M', 'L']], unknownValue: -1 }).fit([['M'], ['L']]);
    expect(Array.from(enc.transform([['S'], ['L'], ['XL']]).data)).toEqual([0, 2, -1]);
    expect(() => new OrdinalEncoder().fit([['a']]).transform([['b']])).toThrow(RangeError);
    expect(() => new OrdinalEncoder({ categories: [['S']] }).fit([['M']])).toThrow(/not among/);
    expect(() => new OrdinalEncoder({ categories: [['S', 'S']] })).toThrow(RangeError);
  });
});
