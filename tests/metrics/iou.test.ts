// Tests for lib/metrics/iou: box and mask IoU by hand (exact), symmetry, error paths.
import { describe, expect, it } from 'vitest';
import { boxIoU, maskIoU } from '../../lib/metrics/iou';

describe('IoU', () => {
  it('boxes by hand', () => {
    expect(boxIoU([0, 0, 2, 2], [1, 1, 3, 3])).toBeCloseTo(1 / 7, 12); // overlap 1, union 4 + 4 - 1
    expect(boxIoU([0, 0, 2, 2], [0, 0, 2, 2])).toBe(1);
    expect(boxIoU([0, 0, 1, 1], [2, 2, 3, 3])).toBe(0);
    expect(boxIoU([0, 0, 1, 1], [1, 0, 2, 1])).toBe(0); // touching edges
    expect(boxIoU([0, 0, 4, 4], [1, 1, 3, 3])).toBe(4 / 16); // contained
    expect(boxIoU([1, 1, 3, 3], [0, 0, 2, 2])).toBe(boxIoU([0, 0, 2, 2], [1, 1, 3, 3]));
  });
  it('masks by hand', () => {
    expect(maskIoU([1, 1, 0, 0, 1], [0, 1, 1, 0, 1])).toBe(2 / 4);
    expect(maskIoU([0, 0, 1], [0, 0, 1])).toBe(1);
  });
  it('rejects bad input', () => {
    expect(() => boxIoU([0, 0, 0, 0], [1, 1, 1, 1])).toThrow(/zero area/);
    expect(() => boxIoU([2, 0, 1, 1], [0, 0, 1, 1])).toThrow(/x1 <= x2/);
    expect(() => boxIoU([0, 0, 1], [0, 0, 1, 1])).toThrow(RangeError);
    expect(() => maskIoU([0, 0], [0, 0])).toThrow(/both masks are empty/);
    expect(() => maskIoU([0, 1], [1])).toThrow(RangeError);
    expect(() => maskIoU('ab' as unknown as number[], [1, 1])).toThrow(TypeError);
  });
});
