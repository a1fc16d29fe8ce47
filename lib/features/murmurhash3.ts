// MurmurHash3 x86 32-bit of a string's UTF-8 bytes, the hash scikit-learn's FeatureHasher and murmurhash3_32 use.

const encoder = new TextEncoder();

/**
 * MurmurHash3_x86_32 (Austin Appleby's public-domain reference) of the UTF-8 bytes of `key`.
 * @param key - a string (hashed as UTF-8, as scikit-learn hashes str)
 * @param seed - 32-bit seed, default 0
 * @param signed - true for a signed int32 result (scikit-learn's positive=False, the default there), false for uint32
 */
export function murmurhash3(key: string, seed = 0, signed = true): number {
  if (typeof key !== 'string') throw new TypeError(`murmurhash3: expected a string key, got ${key === null ? 'null' : typeof key}`);
  if (!Number.isInteger(seed)) throw new TypeError(`murmurhash3: expected an integer seed, got ${String(seed)}`);
  const bytes = encoder.encode(key);
  const len = bytes.length, nBlocks = len >>> 2;
  const c1 = 0xcc9e2d51, c2 = 0x1b873593;
  let h = seed >>> 0;
  for (let b = 0; b < nBlocks; b++) {
    const i = b * 4;
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = nBlocks * 4;
  let k1 = 0;
  const rem = len & 3;
  if (rem > 0) {
    if (rem === 3) k1 ^= bytes[tail + 2] << 16;
    if (rem >= 2) k1 ^= bytes[tail + 1] << 8;
    k1 ^= bytes[tail];
    k1 = Math.imul(k1, c1);
    k1 = (k1 << 15) | (k1 >>> 17);
    k1 = Math.imul(k1, c2);
    h ^= k1;
  }
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return signed ? h | 0 : h >>> 0;
}
