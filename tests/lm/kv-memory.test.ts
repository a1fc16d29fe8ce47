// Tests for lib/lm/kv-memory: the formula on Llama-2-7B and -70B published shapes, hand-computed.
import { describe, expect, it } from 'vitest';
import { kvCacheBytes, LLAMA2_70B, LLAMA2_7B } from '../../lib/lm/kv-memory';

describe('KV-cache memory', () => {
  it('2 * layers * kvHeads * d_head * tokens * bytes on Llama-2 shapes (hand-computed)', () => {
    // Llama-2-7B in float16: 2 * 32 * 32 * 128 * 2 bytes = 524,288 bytes = 0.5 MiB per token; 4096 tokens = 2 GiB.
    expect(kvCacheBytes(LLAMA2_7B, { tokens: 1 })).toBe(524288);
    expect(kvCacheBytes(LLAMA2_7B, { tokens: 4096 })).toBe(2 * 1024 ** 3);
    expect(LLAMA2_7B.heads * LLAMA2_7B.dHead).toBe(LLAMA2_7B.dModel);
    // Llama-2-70B with 8 KV heads: 2 * 80 * 8 * 128 * 2 = 327,680 bytes per token, 8x less than 64 KV heads would need.
    expect(kvCacheBytes(LLAMA2_70B, { tokens: 1 })).toBe(327680);
    expect(kvCacheBytes({ ...LLAMA2_70B, kvHeads: 64 }, { tokens: 1 }) / kvCacheBytes(LLAMA2_70B, { tokens: 1 })).toBe(8);
    expect(kvCacheBytes(LLAMA2_7B, { tokens: 10, batch: 3, bytes: 1 })).toBe(2 * 32 * 32 * 128 * 30);
    expect(() => kvCacheBytes(LLAMA2_7B, { tokens: 0 })).toThrow(/tokens > 0/);
  });
});
