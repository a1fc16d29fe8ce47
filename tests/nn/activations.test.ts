// Tests for lib/nn/activations: values against tfjs ops (tf.sigmoid, tf.tanh, tf.relu, tf.leakyRelu, GELU from tf.erf and the
// tanh form, float32: 1e-5 relative to the largest entry), derivatives against tfjs autodiff (tf.grad, same tolerance) and
// central finite differences in double (1e-8 relative), hand-computed values, erf/erfc against published values (1e-13),
// and error paths.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  ACTIVATIONS, activate, activationDerivative, erf, erfc, gelu, geluPrime, leakyReluPrime, multiplyByDerivative, normalCdf, reluPrime,
  scalarActivation, sigmoid, sigmoidPrime, tanhPrime, type ActivationName,
} from '../../lib/nn/activations';
import { maxRelErr } from '../linear/data';

await tf.setBackend('cpu');

// points avoid the kink at 0 (where ReLU's derivative is a convention) and are float32-representable
const zs = Float64Array.from([-6, -3.3, -2, -1.1, -0.5, -0.05, 0.07, 0.4, 1, 1.7, 2.5, 4, 7.5].map(Math.fround));
const alpha = 0.1;

const tfForms: Record<ActivationName, (x: tf.Tensor) => tf.Tensor> = {
  identity: (x) => tf.mul(x, 1),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  relu: (x) => tf.relu(x),
  leakyRelu: (x) => tf.leakyRelu(x, alpha),
  gelu: (x) => tf.mul(x, tf.mul(0.5, tf.add(1, tf.erf(tf.div(x, Math.SQRT2))))),
  geluTanh: (x) => tf.mul(0.5, tf.mul(x, tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))))),
};

describe('activations against tfjs (float32, 1e-5 relative to the largest entry)', () => {
  for (const name of ACTIVATIONS) {
    it(`${name}: values match the tfjs op, derivatives match tf.grad`, () => {
      const x = tf.tensor1d(Array.from(zs));
      const ref = tfForms[name](x);
      const dref = tf.grad((t: tf.Tensor) => tf.sum(tfForms[name](t)))(x);
      expect(maxRelErr(activate(name, zs, undefined, { alpha }), ref.dataSync())).toBeLessThan(1e-5);
      expect(maxRelErr(activationDerivative(name, zs, undefined, { alpha }), dref.dataSync())).toBeLessThan(1e-5);
      tf.dispose([x, ref, dref]);
    });

    it(`${name}: the derivative matches central finite differences in double (1e-8 relative)`, () => {
      const { f, df } = scalarActivation(name, { alpha });
      const h = 1e-5;
      for (const z of zs) {
        const fd = (f(z + h) - f(z - h)) / (2 * h);
        expect(Math.abs(df(z) - fd)).toBeLessThan(1e-8 * Math.max(1, Math.abs(fd)));
      }
    });
  }
});

describe('hand-computed values', () => {
  it("sigmoid: sigma(0) = 1/2, sigma'(0) = 1/4 is the maximum, sigma' = sigma (1 - sigma)", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoidPrime(0)).toBe(0.25);
    for (const z of zs) {
      expect(sigmoidPrime(z)).toBeLessThanOrEqual(0.25);
      expect(sigmoidPrime(z)).toBeCloseTo(sigmoid(z) * (1 - sigmoid(z)), 15);
    }
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });

  it("tanh'(0) = 1; relu'(0) = 0 and leaky'(0) = alpha (tfjs's conventions); GELU(0) = 0, GELU'(0) = 1/2", () => {
    expect(tanhPrime(0)).toBe(1);
    expect(reluPrime(0)).toBe(0);
    expect(leakyReluPrime(0, 0.2)).toBe(0.2);
    expect(gelu(0)).toBe(0);
    expect(geluPrime(0)).toBe(0.5);
    expect(gelu(1)).toBeCloseTo(0.8413447460685429, 15); // Phi(1)
    expect(activate('relu', [-1, 0, 2])).toEqual(Float64Array.from([0, 0, 2]));
    expect(activate('leakyRelu', [-1, 2])).toEqual(Float64Array.from([-0.01, 2]));
  });

  it('erf, erfc and Phi against published values (1e-13 relative), odd symmetry, the far tail', () => {
    const table: [number, number][] = [[0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527], [3.5, 0.9999992569016276]];
    for (const [x, v] of table) {
      expect(Math.abs(erf(x) - v) / v).toBeLessThan(1e-13);
      expect(erf(-x)).toBe(-erf(x));
    }
    expect(Math.abs(erfc(3) - 2.209049699858544e-5) / 2.209049699858544e-5).toBeLessThan(1e-13);
    expect(Math.abs(erfc(5) - 1.5374597944280349e-12) / 1.5374597944280349e-12).toBeLessThan(1e-13);
    expect(Math.abs(erfc(10) - 2.088487583762545e-45) / 2.088487583762545e-45).toBeLessThan(1e-13);
    expect(Math.abs(normalCdf(-8) - 6.22096057427178e-16) / 6.22096057427178e-16).toBeLessThan(1e-12);
    expect(erf(0)).toBe(0);
    expect(Number.isNaN(erf(NaN))).toBe(true);
  });
});

describe('array forms', () => {
  it('out buffers, in place, and multiplyByDerivative = delta * f\'(z)', () => {
    for (const name of ACTIVATIONS) {
      const out = new Float64Array(zs.length);
      expect(activate(name, zs, out, { alpha })).toBe(out);
      const inPlace = zs.slice();
      activate(name, inPlace, inPlace, { alpha });
      expect(inPlace).toEqual(out);
      const delta = Float64Array.from(zs, (_, i) => i - 3);
      const expected = activationDerivative(name, zs, undefined, { alpha }).map((v, i) => v * delta[i]);
      const got = multiplyByDerivative(name, zs, delta, { alpha });
      expect(got).toBe(delta);
      expect(Array.from(got, (v, i) => v - expected[i])).toEqual(new Array(zs.length).fill(0));
    }
  });

  it('error paths', () => {
    expect(() => activate('softsign' as ActivationName, [1])).toThrow(/unknown activation "softsign"/);
    expect(() => activate(3 as unknown as ActivationName, [1])).toThrow(TypeError);
    expect(() => activate('relu', [1, 2], new Float64Array(3))).toThrow(/out of length 2/);
    expect(() => activate('relu', [1], [0] as unknown as Float64Array)).toThrow(TypeError);
    expect(() => activate('relu', 5 as unknown as number[])).toThrow(TypeError);
    expect(() => activate('leakyRelu', [1], undefined, { alpha: -1 })).toThrow(/alpha >= 0/);
    expect(() => multiplyByDerivative('tanh', [1, 2], new Float64Array(1))).toThrow(RangeError);
    expect(() => scalarActivation('swish' as ActivationName)).toThrow(RangeError);
  });
});
