// Data augmentation for image batches: random translations by whole pixels (zeros shifted in), seeded.
import { rngFrom } from '../core/random';

export interface RandomShiftOptions {
  /** Largest shift in pixels along each axis; each image gets dy, dx uniform in -maxShift..maxShift. */
  maxShift: number;
  /** Seed for the shifts; default: forked from the global seed (seed(n) in lib/core/random). */
  seed: number | undefined;
}

export const randomShiftDefaults: Readonly<RandomShiftOptions> = { maxShift: 2, seed: undefined };

/**
 * One image moved down by dy and right by dx pixels (negative = up/left); pixels shifted in are 0.
 * @param image - height x width row-major (one channel)
 */
export function shiftImage(image: ArrayLike<number>, height: number, width: number, dy: number, dx: number): Float32Array {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) throw new RangeError(`expected positive integer height and width, got ${height} x ${width}`);
  if (image.length !== height * width) throw new RangeError(`expected ${height} x ${width} = ${height * width} pixels, got ${image.length}`);
  if (!Number.isInteger(dy) || !Number.isInteger(dx)) throw new RangeError(`expected whole-pixel shifts, got dy = ${dy}, dx = ${dx}`);
  const out = new Float32Array(height * width);
  for (let r = 0; r < height; r++) {
    const src = r - dy;
    if (src < 0 || src >= height) continue;
    for (let c = 0; c < width; c++) {
      const sc = c - dx;
      if (sc >= 0 && sc < width) out[r * width + c] = image[src * width + sc];
    }
  }
  return out;
}

/**
 * Every image of a batch shifted by its own random (dy, dx): a cheap augmentation that teaches a classifier that a
 * digit moved by a pixel or two is the same digit (convolutions are translation-equivariant, but pooling only gives a
 * little invariance, and the dense head none).
 * @param images - n x (height * width) row-major pixels
 * @returns a new n x (height * width) Float32Array
 */
export function randomShift(images: ArrayLike<number>, n: number, height: number, width: number, options: Partial<RandomShiftOptions> = {}): Float32Array {
  const o = { ...randomShiftDefaults, ...options };
  if (!Number.isInteger(o.maxShift) || o.maxShift < 0) throw new RangeError(`expected an integer maxShift >= 0, got maxShift = ${o.maxShift}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`expected a non-negative integer n, got n = ${n}`);
  const size = height * width;
  if (images.length !== n * size) throw new RangeError(`expected ${n} x ${height} x ${width} = ${n * size} pixels, got ${images.length}`);
  const rng = rngFrom(o.seed);
  const out = new Float32Array(n * size);
  const span = 2 * o.maxShift + 1;
  for (let i = 0; i < n; i++) {
    const dy = rng.int(span) - o.maxShift, dx = rng.int(span) - o.maxShift;
    const base = i * size;
    for (let r = 0; r < height; r++) {
      const src = r - dy;
      if (src < 0 || src >= height) continue;
      for (let c = 0; c < width; c++) {
        const sc = c - dx;
        if (sc >= 0 && sc < width) out[base + r * width + c] = images[base + src * width + sc];
      }
    }
  }
  return out;
}
