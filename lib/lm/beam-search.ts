// Beam search: keep the B most probable partial sequences at each step, extend each by every token, keep the best B again.

/** Log-probabilities of the next token after `prefix` (length = vocabulary size). */
export type NextLogProbs = (prefix: readonly number[]) => ArrayLike<number>;

export interface BeamSearchOptions {
  /** B, the number of hypotheses kept; 1 is greedy decoding. */
  beamWidth: number;
  /** Tokens to generate after the prompt (a hypothesis that emits `eos` stops earlier). */
  maxNewTokens: number;
  /** End-of-sequence token id; finished hypotheses are set aside. Default: none. */
  eos: number | undefined;
  /** alpha of the length normalisation score = logP / length^alpha (0 = raw log-probability). Default 0. */
  lengthPenalty: number;
}

export interface Hypothesis {
  /** Generated tokens (prompt excluded; includes eos when it finished). */
  tokens: number[];
  /** Sum of the log-probabilities of the generated tokens. */
  logProb: number;
  /** logProb / length^alpha: what hypotheses are ranked by at the end. */
  score: number;
  finished: boolean;
}

const DEFAULTS: BeamSearchOptions = { beamWidth: 4, maxNewTokens: 16, eos: undefined, lengthPenalty: 0 };

/**
 * Beam search over a next-token model. At each step every live hypothesis is extended by every token, the candidates
 * are ranked by total log-probability (ties: the earlier hypothesis, then the lower token id) and the best B kept.
 * The best B - (finished so far) candidates survive each step; those ending in eos leave the beam, so the search stops
 * when B hypotheses have finished or after maxNewTokens.
 * Approximate: it can miss the most probable sequence (B = vocabulary^length would be exhaustive).
 * @returns all finished and live hypotheses, best score first
 */
export function beamSearch(next: NextLogProbs, prompt: readonly number[], options: Partial<BeamSearchOptions> = {}): Hypothesis[] {
  const o = { ...DEFAULTS, ...options };
  if (typeof next !== 'function') throw new TypeError('expected next to be a function returning log-probabilities');
  if (!Array.isArray(prompt)) throw new TypeError('expected prompt to be an array of token ids');
  if (!Number.isInteger(o.beamWidth) || o.beamWidth < 1) throw new RangeError(`expected beamWidth >= 1, got ${o.beamWidth}`);
  if (!Number.isInteger(o.maxNewTokens) || o.maxNewTokens < 1) throw new RangeError(`expected maxNewTokens >= 1, got ${o.maxNewTokens}`);
  if (!(o.lengthPenalty >= 0)) throw new RangeError(`expected lengthPenalty >= 0, got ${o.lengthPenalty}`);
  const score = (h: { tokens: number[]; logProb: number }) => h.logProb / Math.pow(h.tokens.length, o.lengthPenalty);
  let beam: { tokens: number[]; logProb: number }[] = [{ tokens: [], logProb: 0 }];
  const finished: Hypothesis[] = [];
  for (let step = 0; step < o.maxNewTokens && beam.length > 0 && finished.length < o.beamWidth; step++) {
    const candidates: { tokens: number[]; logProb: number; order: number }[] = [];
    beam.forEach((h, hi) => {
      const lp = next([...prompt, ...h.tokens]);
      if (lp === null || typeof lp !== 'object' || typeof lp.length !== 'number' || lp.length === 0) throw new TypeError(`expected next() to return log-probabilities, got ${String(lp)}`);
      for (let t = 0; t < lp.length; t++) {
        if (!(lp[t] <= 1e-9)) throw new RangeError(`expected log-probabilities <= 0, got ${lp[t]} for token ${t}`);
        if (lp[t] === -Infinity) continue;
        candidates.push({ tokens: [...h.tokens, t], logProb: h.logProb + lp[t], order: hi * lp.length + t });
      }
    });
    candidates.sort((a, b) => b.logProb - a.logProb || a.order - b.order);
    // The best `live` candidates survive; those that just emitted eos are set aside, so the beam shrinks as hypotheses finish.
    const live = o.beamWidth - finished.length;
    beam = [];
    for (const c of candidates.slice(0, live)) {
      if (o.eos !== undefined && c.tokens[c.tokens.length - 1] === o.eos) finished.push({ tokens: c.tokens, logProb: c.logProb, score: score(c), finished: true });
      else beam.push({ tokens: c.tokens, logProb: c.logProb });
    }
  }
  const all: Hypothesis[] = [...finished, ...beam.map((h) => ({ ...h, score: score(h), finished: false }))];
  return all.sort((a, b) => b.score - a.score || b.logProb - a.logProb);
}
