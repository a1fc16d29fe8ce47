// Mixture-of-experts layer: a softmax router sends each token to its top-k experts; Switch-Transformer load-balancing loss.
import { asMatrix, matmul, matrix, type Matrix, type MatrixLike } from '../core/matrix';

/** An expert: a batch of r token rows (r x d) in, r x d_out out (a small MLP in real models). */
export type Expert = (rows: Matrix) => Matrix;

export interface MoeOptions {
  /** Experts per token: 1 in Switch Transformer, 2 in Mixtral. Default 1. */
  topK: number;
  /**
   * Renormalise the chosen experts' router probabilities to sum to 1 (Mixtral: softmax over the top-k logits).
   * Off, the raw probabilities weigh the outputs (Switch). Default: true for topK > 1, false for topK = 1.
   */
  renormalize: boolean | undefined;
}

export interface MoeResult {
  /** n x d_out: sum over the chosen experts of gate weight x expert output. */
  output: Matrix;
  /** n x E router probabilities softmax(x W_g). */
  routerProbs: Matrix;
  /** For each token, its chosen experts, most probable first (ties: lower index). */
  experts: number[][];
  /** For each token, the weights of its chosen experts. */
  gates: number[][];
  /** Tokens each expert processed. */
  tokensPerExpert: number[];
  /** E * sum_i f_i P_i (Switch Transformer's auxiliary loss without its alpha): 1 when balanced, E when collapsed. */
  loadBalancingLoss: number;
}

/**
 * Switch-Transformer load-balancing loss (Fedus et al. 2021) E * sum_i f_i P_i: f_i is the fraction of the n * k
 * token-to-expert assignments that went to expert i (not differentiable), P_i the mean router probability of expert
 * i (differentiable). Minimised, at 1, by uniform routing; a router that sends everything to one confident expert
 * scores E. Models add alpha times it (alpha = 0.01) to the loss so no expert starves or overflows its capacity.
 */
export function loadBalancingLoss(routerProbs: Matrix, experts: readonly (readonly number[])[]): number {
  const n = routerProbs.rows, E = routerProbs.cols;
  if (experts.length !== n) throw new RangeError(`expected one expert list per token (${n}), got ${experts.length}`);
  const f = new Float64Array(E), P = new Float64Array(E);
  let assignments = 0;
  for (let t = 0; t < n; t++) {
    for (const e of experts[t]) {
      if (!Number.isInteger(e) || e < 0 || e >= E) throw new RangeError(`expected expert ids in 0..${E - 1}, got ${e} for token ${t}`);
      f[e]++;
      assignments++;
    }
    for (let e = 0; e < E; e++) P[e] += routerProbs.data[t * E + e] / n;
  }
  let loss = 0;
  for (let e = 0; e < E; e++) loss += (f[e] / assignments) * P[e];
  return E * loss;
}

/**
 * A sparse MoE layer: router logits x W_g (n x E), probabilities by softmax, each token's top-k experts; each expert
 * runs once on the batch of rows routed to it (so compute grows with k, not with E), and the token's output is the
 * gate-weighted sum of its experts' outputs.
 * @param x - n x d tokens
 * @param gate - d x E router weights
 */
export function mixtureOfExperts(x: MatrixLike, gate: MatrixLike, experts: readonly Expert[], options: Partial<MoeOptions> = {}): MoeResult {
  const X = asMatrix(x, 'x'), G = asMatrix(gate, 'gate');
  const E = G.cols, n = X.rows;
  const k = options.topK ?? 1;
  const renormalize = options.renormalize ?? k > 1;
  if (G.rows !== X.cols) throw new RangeError(`expected a gate with ${X.cols} rows (d), got ${G.rows}`);
  if (experts.length !== E) throw new RangeError(`expected ${E} experts (the gate's width), got ${experts.length}`);
  if (!Number.isInteger(k) || k < 1 || k > E) throw new RangeError(`expected 1 <= topK <= ${E} experts, got topK = ${k}`);
  const logits = matmul(X, G);
  const probs = matrix(n, E);
  const chosen: number[][] = [], gates: number[][] = [];
  for (let t = 0; t < n; t++) {
    let max = -Infinity;
    for (let e = 0; e < E; e++) max = Math.max(max, logits.data[t * E + e]);
    let sum = 0;
    for (let e = 0; e < E; e++) { probs.data[t * E + e] = Math.exp(logits.data[t * E + e] - max); sum += probs.data[t * E + e]; }
    for (let e = 0; e < E; e++) probs.data[t * E + e] /= sum;
    const order = Array.from({ length: E }, (_, e) => e).sort((a, b) => probs.data[t * E + b] - probs.data[t * E + a] || a - b).slice(0, k);
    const w = order.map((e) => probs.data[t * E + e]);
    const total = w.reduce((a, b) => a + b, 0);
    chosen.push(order);
    gates.push(renormalize ? w.map((v) => v / total) : w);
  }
  let output: Matrix | undefined;
  const tokensPerExpert = new Array<number>(E).fill(0);
  for (let e = 0; e < E; e++) {
    const rows: number[] = [];
    for (let t = 0; t < n; t++) if (chosen[t].includes(e)) rows.push(t);
    tokensPerExpert[e] = rows.length;
    if (rows.length === 0) continue;
    const batch = matrix(rows.length, X.cols);
    rows.forEach((t, r) => batch.data.set(X.data.subarray(t * X.cols, (t + 1) * X.cols), r * X.cols));
    const y = experts[e](batch);
    if (y.rows !== rows.length) throw new RangeError(`expected expert ${e} to return ${rows.length} rows, got ${y.rows}`);
    if (!output) output = matrix(n, y.cols);
    if (y.cols !== output.cols) throw new RangeError(`expected every expert to return ${output.cols} columns, got ${y.cols} from expert ${e}`);
    rows.forEach((t, r) => {
      const g = gates[t][chosen[t].indexOf(e)];
      for (let c = 0; c < y.cols; c++) output!.data[t * y.cols + c] += g * y.data[r * y.cols + c];
    });
  }
  return { output: output ?? matrix(n, 0), routerProbs: probs, experts: chosen, gates, tokensPerExpert, loadBalancingLoss: loadBalancingLoss(probs, chosen) };
}
