// Tests for lib/lm/beam-search: the textbook case where greedy misses the most probable sequence and B = 2 finds it
// (hand-computed), exhaustive search as the reference for B = V^L, eos handling, length penalty, errors.
import { describe, expect, it } from 'vitest';
import { beamSearch } from '../../lib/lm/beam-search';
import { Rng } from '../../lib/core/random';

// A two-step model over tokens {0 = A, 1 = B, 2 = eos}. Step 1: P(A) = 0.5, P(B) = 0.4, P(eos) = 0.1.
// After A: 0.4, 0.4, 0.2 (flat). After B: 0.9, 0.05, 0.05 (sure). Greedy takes A then A or B: 0.5 * 0.4 = 0.20;
// the best two-token sequence is B A: 0.4 * 0.9 = 0.36.
const table: Record<string, number[]> = { '': [0.5, 0.4, 0.1], '0': [0.4, 0.4, 0.2], '1': [0.9, 0.05, 0.05] };
const next = (prefix: readonly number[]) => (table[prefix.join(',')] ?? [1 / 3, 1 / 3, 1 / 3]).map(Math.log);

function exhaustive(nextFn: (p: readonly number[]) => ArrayLike<number>, V: number, L: number): { tokens: number[]; logProb: number } {
  let best = { tokens: [] as number[], logProb: -Infinity };
  const walk = (tokens: number[], lp: number) => {
    if (tokens.length === L) { if (lp > best.logProb) best = { tokens, logProb: lp }; return; }
    const l = nextFn(tokens);
    for (let t = 0; t < V; t++) walk([...tokens, t], lp + l[t]);
  };
  walk([], 0);
  return best;
}

describe('beamSearch', () => {
  it('hand case: greedy (B = 1) gets 0.20, B = 2 finds B A with 0.36', () => {
    const g = beamSearch(next, [], { beamWidth: 1, maxNewTokens: 2 });
    expect(g[0].tokens).toEqual([0, 0]);
    expect(Math.exp(g[0].logProb)).toBeCloseTo(0.2, 12);
    const b = beamSearch(next, [], { beamWidth: 2, maxNewTokens: 2 });
    expect(b[0].tokens).toEqual([1, 0]);
    expect(Math.exp(b[0].logProb)).toBeCloseTo(0.36, 12);
    expect(b.length).toBe(2);
  });

  it('with B = V^L it equals exhaustive search on a random model', () => {
    const rng = new Rng(4);
    const V = 3, L = 4;
    const cache = new Map<string, number[]>();
    const model = (prefix: readonly number[]) => {
      const key = prefix.join(',');
      if (!cache.has(key)) { const w = Array.from({ length: V }, () => rng.random() + 0.01); const s = w.reduce((a, c) => a + c, 0); cache.set(key, w.map((x) => Math.log(x / s))); }
      return cache.get(key)!;
    };
    const ref = exhaustive(model, V, L);
    const full = beamSearch(model, [], { beamWidth: V ** L, maxNewTokens: L });
    expect(full[0].tokens).toEqual(ref.tokens);
    expect(full[0].logProb).toBeCloseTo(ref.logProb, 12);
    const narrow = beamSearch(model, [], { beamWidth: 2, maxNewTokens: L });
    expect(narrow[0].logProb).toBeLessThanOrEqual(ref.logProb + 1e-12);
  });

  it('eos finishes a hypothesis; the prompt is passed to the model but not returned; length penalty favours longer', () => {
    const eosModel = (prefix: readonly number[]) => (prefix.length >= 2 && prefix[prefix.length - 1] === 0 ? [Math.log(0.1), Math.log(0.1), Math.log(0.8)] : [Math.log(0.6), Math.log(0.3), Math.log(0.1)]);
    const r = beamSearch(eosModel, [1], { beamWidth: 2, maxNewTokens: 5, eos: 2 });
    expect(r[0].finished).toBe(true);
    expect(r[0].tokens).toEqual([0, 2]);
    expect(r[0].logProb).toBeCloseTo(Math.log(0.6 * 0.8), 12);
    const seen: number[][] = [];
    beamSearch((p) => { seen.push([...p]); return [0, -Infinity]; }, [7, 8], { beamWidth: 1, maxNewTokens: 2 });
    expect(seen).toEqual([[7, 8], [7, 8, 0]]);
    // alpha = 1 ranks by log-probability per token, which can only favour longer hypotheses over raw log-probability
    const short = beamSearch(eosModel, [], { beamWidth: 3, maxNewTokens: 4, eos: 2 });
    const scored = beamSearch(eosModel, [], { beamWidth: 3, maxNewTokens: 4, eos: 2, lengthPenalty: 1 });
    expect(short[0].tokens.length).toBeLessThanOrEqual(scored[0].tokens.length);
    for (const h of scored) expect(h.score).toBeCloseTo(h.logProb / h.tokens.length, 12);
  });

  it('rejects bad input', () => {
    expect(() => beamSearch(next, [], { beamWidth: 0 })).toThrow(/beamWidth >= 1/);
    expect(() => beamSearch(() => [0.5, 0.5], [], {})).toThrow(/log-probabilities <= 0/);
    expect(() => beamSearch(next, 'x' as unknown as number[])).toThrow(TypeError);
  });
});
