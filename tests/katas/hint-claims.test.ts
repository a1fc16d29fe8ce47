// Claims made in kata hints, checked by running the mutant the hint is written for (not the reference).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getKata } from '../../lib/katas';
import { mutantSource } from '../../lib/katas/mutants';
import { transpileSource } from '../../lib/katas/node/load-source';

/** The exported function of a kata's model solution, or of one of its mutants, run in this process. */
function compiled(kataId: string, mutantName?: string): (...args: never[]) => unknown {
  const kata = getKata(kataId);
  const mutant = mutantName === undefined ? undefined : kata.mutants.find((m) => m.name === mutantName);
  if (mutantName !== undefined && !mutant) throw new RangeError(`kata ${kataId} has no mutant "${mutantName}"`);
  const mod = transpileSource(mutant ? mutantSource(kata, mutant) : kata.solution, path.resolve(`${kataId}.ts`), kata.functionName);
  if ('loadError' in mod) throw new Error(mod.loadError);
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', mod.js)(module, module.exports, require);
  return module.exports[kata.functionName] as (...args: never[]) => unknown;
}

describe('kata hints say what the mistake does', () => {
  it('adam-step: without bias correction the first step is (1 - beta1)/sqrt(1 - beta2) = 3.16 lr, not smaller', () => {
    const hint = getKata('adam-step').mistakes.find((m) => m.id === 'no-bias-correction')!.hint;
    expect(hint).toContain('too large');
    expect(hint).toContain('3.16');
    type AdamStep = (params: number[], grads: number[], state: { m: number[]; v: number[]; t: number }, lr: number, beta1: number, beta2: number, eps: number) => number[];
    const firstStep = (fn: AdamStep, g: number) => -fn([0], [g], { m: [0], v: [0], t: 0 }, 0.01, 0.9, 0.999, 1e-8)[0];
    const uncorrected = compiled('adam-step', 'no bias correction') as unknown as AdamStep;
    const corrected = compiled('adam-step') as unknown as AdamStep;
    for (const g of [1, 200]) {
      expect(firstStep(corrected, g) / 0.01).toBeCloseTo(1, 6);
      // eps = 1e-8 against sqrt(v) >= 0.0316 moves the ratio by less than 1e-6 relative
      expect(Math.abs(firstStep(uncorrected, g) / 0.01 - 0.1 / Math.sqrt(0.001))).toBeLessThan(1e-5);
    }
    expect(0.1 / Math.sqrt(0.001)).toBeCloseTo(3.16, 2);
  });

  it('average-precision: the trapezoid can land above or below AP (Davis & Goadrich: not a valid interpolation)', () => {
    const hint = getKata('average-precision').mistakes.find((m) => m.id === 'trapezoid')!.hint;
    expect(hint).toContain('above or below AP');
    type Ap = (yTrue: number[], scores: number[]) => number;
    const ap = compiled('average-precision') as unknown as Ap;
    const trapezoid = compiled('average-precision', 'trapezoidal rule') as unknown as Ap;
    // a negative ranked first: AP = 1/2; the trapezoid from (0, 0) to (1, 1/2) is 1/4
    expect(ap([0, 1], [0.9, 0.1])).toBeCloseTo(0.5, 12);
    expect(trapezoid([0, 1], [0.9, 0.1])).toBeCloseTo(0.25, 12);
    // a tied pair: AP = 1/2; the trapezoid from (0, 1) to (1, 1/2) is 3/4
    expect(ap([1, 0], [0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(trapezoid([1, 0], [0.5, 0.5])).toBeCloseTo(0.75, 12);
  });
});
