// LoRA adapters on a tiny GPT's attention projections (query and value by default, as in Hu et al.), leaving the base model's weights frozen and untouched.
import * as tf from '@tensorflow/tfjs';
import { Gpt, type GptBlock, type LayerKV } from './gpt';
import { createLoraTf, loraApplyTf, loraMergeTf, type LoraTf } from './lora-tf';

export type AttentionWeight = 'wq' | 'wk' | 'wv' | 'wo';

export interface LoraGptOptions {
  rank: number;
  /** Scale numerator; the update is (alpha / rank) D U (default alpha = rank). */
  alpha: number | undefined;
  /** Which projections of every block get an adapter (default query and value). */
  targets: AttentionWeight[];
  /** Seed of the down-projections' Gaussian initialisation. */
  seed: number;
}

const BIAS: Record<AttentionWeight, 'bq' | 'bk' | 'bv' | 'bo'> = { wq: 'bq', wk: 'bk', wv: 'bv', wo: 'bo' };

/**
 * The base GPT seen through its adapters. `model` is a Gpt whose `variables` are the adapters only and whose attention
 * computes x W + b + (alpha/r) (x D) U for each adapted projection (the adapter form, never materialising W'), so
 * `trainGpt(lora.model, ...)` and `evaluateGpt(lora.model, ...)` train and score the adapted model while the base
 * weights stay as they are.
 */
export class LoraGpt {
  readonly base: Gpt;
  readonly model: Gpt;
  /** Adapters keyed `block<i>.<weight>`, in block order then target order. */
  readonly adapters: Map<string, LoraTf>;
  readonly options: LoraGptOptions;

  constructor(base: Gpt, options: Partial<LoraGptOptions> & Pick<LoraGptOptions, 'rank'>) {
    if (!(base instanceof Gpt)) throw new TypeError('LoraGpt: expected a Gpt as the base model');
    const o: LoraGptOptions = { alpha: undefined, targets: ['wq', 'wv'], seed: 0, ...options };
    if (o.targets.length === 0 || o.targets.some((t) => !(t in BIAS))) throw new RangeError(`LoraGpt: expected targets among wq, wk, wv, wo, got ${JSON.stringify(o.targets)}`);
    this.base = base;
    this.options = o;
    const d = base.config.dModel;
    this.adapters = new Map();
    base.blocks.forEach((_, i) => o.targets.forEach((t, j) => {
      this.adapters.set(`block${i}.${t}`, createLoraTf(d, d, o.rank, { alpha: o.alpha, seed: o.seed + 100 * i + j }));
    }));
    const adapters = this.adapters;
    const view = Object.create(base) as Gpt;
    const trainable = [...adapters.values()].flatMap((a) => [a.down, a.up]);
    Object.defineProperty(view, 'variables', { get: () => trainable });
    Object.defineProperty(view, 'countParams', { value: () => trainable.reduce((s, v) => s + v.size, 0) });
    Object.defineProperty(view, 'attention', {
      value(block: GptBlock, x: tf.Tensor3D, past?: LayerKV) {
        const i = base.blocks.indexOf(block);
        const [B, n, D] = x.shape;
        const H = base.config.heads, dh = D / H;
        const flat = x.reshape([B * n, D]);
        const project = (input: tf.Tensor, w: AttentionWeight) => loraApplyTf(input, block[w] as tf.Tensor as tf.Tensor2D, adapters.get(`block${i}.${w}`) ?? null).add(block[BIAS[w]]);
        const split = (t: tf.Tensor) => t.reshape([B, n, H, dh]).transpose([0, 2, 1, 3]) as tf.Tensor4D;
        const q = split(project(flat, 'wq'));
        let k = split(project(flat, 'wk'));
        let v = split(project(flat, 'wv'));
        const p = past ? past.k.shape[2] : 0;
        if (past) { k = tf.concat([past.k, k], 2); v = tf.concat([past.v, v], 2); }
        const allowed = tf.linalg.bandPart(tf.ones([n, p + n]), -1, p);
        const weights = tf.softmax(tf.matMul(q, k, false, true).div(Math.sqrt(dh)).add(allowed.sub(1).mul(1e9))) as tf.Tensor4D;
        const mixed = tf.matMul(weights, v).transpose([0, 2, 1, 3]).reshape([B * n, D]);
        return { output: project(mixed, 'wo').reshape([B, n, D]) as tf.Tensor3D, present: { k, v }, weights };
      },
    });
    this.model = view;
  }

  /** Trainable parameters: rank (d + d) per adapted d x d projection. */
  trainableParams(): number {
    return this.model.countParams();
  }

  /**
   * A new, independent Gpt with W' = W + (alpha/r) D U written into the adapted projections and every other weight
   * copied: the deployable model, as fast as the base.
   */
  merge(): Gpt {
    return cloneGpt(this.base, (name, v) => {
      const m = /^block(\d+)\.(w[qkvo])$/.exec(name);
      const ad = m ? this.adapters.get(`block${m[1]}.${m[2]}`) : undefined;
      return ad ? loraMergeTf(v as tf.Tensor as tf.Tensor2D, ad) : v.clone();
    });
  }

  dispose(): void {
    tf.dispose([...this.adapters.values()].flatMap((a) => [a.down, a.up]));
  }
}

/** A copy of a Gpt with its own variables (for full fine-tuning without touching the original); `map` may change each weight. */
export function cloneGpt(model: Gpt, map: (name: string, v: tf.Variable) => tf.Tensor = (_, v) => v.clone()): Gpt {
  const copy = new Gpt({ ...model.config, seed: 0 });
  const src = new Map(model.namedVariables());
  for (const [name, v] of copy.namedVariables()) {
    const t = map(name, src.get(name)!);
    v.assign(t);
    t.dispose();
  }
  return copy;
}
