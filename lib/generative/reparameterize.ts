// The reparameterisation trick z = mu + sigma * eps (sigma = exp(logVar / 2), eps ~ N(0, I)) and its gradients with respect to mu and logVar.

function checkSame(mu: ArrayLike<number>, logVar: ArrayLike<number>, eps: ArrayLike<number>, where: string): void {
  for (const [name, a] of [['mu', mu], ['logVar', logVar], ['eps', eps]] as const) {
    if (a === null || typeof a !== 'object' || typeof a.length !== 'number') throw new TypeError(`${where}: expected ${name} to be an array of numbers`);
  }
  if (logVar.length !== mu.length || eps.length !== mu.length) {
    throw new RangeError(`${where}: expected mu, logVar and eps of one length, got ${mu.length}, ${logVar.length} and ${eps.length}`);
  }
}

/**
 * z = mu + exp(logVar / 2) * eps, elementwise. The randomness sits in eps, drawn outside the model, so z is a
 * deterministic, differentiable function of the encoder outputs mu and logVar.
 * @param mu - shape [n * d] (any layout, elementwise)
 * @param logVar - same shape as mu
 * @param eps - same shape, standard normal draws
 */
export function reparameterize(mu: ArrayLike<number>, logVar: ArrayLike<number>, eps: ArrayLike<number>): Float64Array {
  checkSame(mu, logVar, eps, 'reparameterize');
  const z = new Float64Array(mu.length);
  for (let i = 0; i < mu.length; i++) z[i] = mu[i] + Math.exp(0.5 * logVar[i]) * eps[i];
  return z;
}

/**
 * Backward pass of {@link reparameterize}: given dL/dz, returns
 *   dL/dmu = dL/dz,   dL/dlogVar = dL/dz * eps * exp(logVar / 2) / 2   (= dL/dz * (z - mu) / 2).
 * @param gradZ - dL/dz, same shape as mu
 */
export function reparameterizeBackward(mu: ArrayLike<number>, logVar: ArrayLike<number>, eps: ArrayLike<number>, gradZ: ArrayLike<number>): { gradMu: Float64Array; gradLogVar: Float64Array } {
  checkSame(mu, logVar, eps, 'reparameterizeBackward');
  if (gradZ.length !== mu.length) throw new RangeError(`reparameterizeBackward: expected gradZ of length ${mu.length}, got ${gradZ.length}`);
  const gradMu = Float64Array.from(gradZ);
  const gradLogVar = new Float64Array(mu.length);
  for (let i = 0; i < mu.length; i++) gradLogVar[i] = gradZ[i] * eps[i] * 0.5 * Math.exp(0.5 * logVar[i]);
  return { gradMu, gradLogVar };
}
