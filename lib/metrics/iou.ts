// Intersection over union (Jaccard index) of two axis-aligned boxes and of two binary masks.
import { checkVector } from '../data/check';

/** An axis-aligned box [x1, y1, x2, y2] with x1 <= x2 and y1 <= y2 (corner coordinates, continuous). */
export type Box = readonly [number, number, number, number];

function checkBox(fn: string, name: string, b: unknown): Box {
  const v = checkVector(fn, name, b, 4);
  if (v[2] < v[0] || v[3] < v[1]) throw new RangeError(`${fn}: expected ${name} = [x1, y1, x2, y2] with x1 <= x2 and y1 <= y2, got [${Array.from(v).join(', ')}]`);
  return [v[0], v[1], v[2], v[3]];
}

/**
 * IoU = area(A and B) / area(A or B) of two boxes, in [0, 1]. Object detectors count a detection as correct
 * when its IoU with a ground-truth box is at least a cut-off such as 0.5.
 * @throws RangeError when both boxes have zero area (IoU is 0/0)
 */
export function boxIoU(a: Box | ArrayLike<number>, b: Box | ArrayLike<number>): number {
  const fn = 'boxIoU';
  const A = checkBox(fn, 'a', a);
  const B = checkBox(fn, 'b', b);
  const w = Math.max(0, Math.min(A[2], B[2]) - Math.max(A[0], B[0]));
  const h = Math.max(0, Math.min(A[3], B[3]) - Math.max(A[1], B[1]));
  const inter = w * h;
  const union = (A[2] - A[0]) * (A[3] - A[1]) + (B[2] - B[0]) * (B[3] - B[1]) - inter;
  if (union === 0) throw new RangeError(`${fn}: both boxes have zero area, so IoU is 0/0`);
  return inter / union;
}

/**
 * IoU of two binary masks of equal length (pixels, voxels or any set membership): |A and B| / |A or B|.
 * Nonzero entries count as "in the mask".
 * @throws RangeError when both masks are empty (IoU is 0/0) or lengths differ
 */
export function maskIoU(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const fn = 'maskIoU';
  const A = checkVector(fn, 'a', a);
  const B = checkVector(fn, 'b', b, A.length);
  let inter = 0, union = 0;
  for (let i = 0; i < A.length; i++) {
    const x = A[i] !== 0, y = B[i] !== 0;
    if (x && y) inter++;
    if (x || y) union++;
  }
  if (union === 0) throw new RangeError(`${fn}: both masks are empty, so IoU is 0/0`);
  return inter / union;
}
