// The standard normal distribution to full double precision: erf, erfc, CDF, survival function and quantile (for p-values and sample sizes).

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erf for |x| <= 1.5 by the all-positive series erf(x) = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (1*3*...*(2n+1))
 * (no cancellation, unlike the alternating Taylor series).
 */
function erfSeries(x: number): number {
  let term = x, sum = x;
  const twoX2 = 2 * x * x;
  for (let n = 1; n < 200; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x * x) * sum;
}

/** erfc for x > 1.5 by the continued fraction erfc(x) = e^{-x^2}/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))). */
function erfcContinuedFraction(x: number): number {
  let f = x;
  for (let k = 120; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** The error function erf(x) = 2/sqrt(pi) int_0^x e^{-t^2} dt (about 1e-16 absolute error). */
export function erf(x: number): number {
  if (typeof x !== 'number') throw new TypeError(`erf: expected a number, got ${typeof x}`);
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  const v = a <= 1.5 ? erfSeries(a) : 1 - erfcContinuedFraction(a);
  return x < 0 ? -v : v;
}

/** The complementary error function 1 - erf(x), accurate in relative terms far into the tail (erfc(10) ~ 2e-45). */
export function erfc(x: number): number {
  if (typeof x !== 'number') throw new TypeError(`erfc: expected a number, got ${typeof x}`);
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x > 27) return 0;
  return x <= 1.5 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}

/** P(Z <= z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** P(Z > z) = 1 - normalCdf(z), without cancellation in the upper tail. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

// Acklam's rational approximation (relative error < 1.2e-9), then polished with Halley steps on normalCdf.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * The z with P(Z <= z) = p (the probit), e.g. normalQuantile(0.975) = 1.959963984540054.
 * @throws RangeError unless 0 < p < 1
 */
export function normalQuantile(p: number): number {
  if (typeof p !== 'number') throw new TypeError(`normalQuantile: expected a number, got ${typeof p}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: expected 0 < p < 1, got p = ${p}`);
  const tail = (q: number) => (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  let x: number;
  if (p < 0.02425) x = tail(Math.sqrt(-2 * Math.log(p)));
  else if (p > 1 - 0.02425) x = -tail(Math.sqrt(-2 * Math.log1p(-p)));
  else {
    const q = p - 0.5, r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  for (let i = 0; i < 2; i++) {
    // Halley's method on f(x) = Phi(x) - p, written with the upper tail when p > 1/2 to keep precision.
    const err = p > 0.5 ? 1 - p - normalSf(x) : normalCdf(x) - p;
    const u = err * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}
