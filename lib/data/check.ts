// Option checks shared by the data generators and splitters: plain-object options, integer and real ranges.

/**
 * Merges `options` over `defaults` after checking it is a plain object whose keys are all known (so a typo
 * such as `nosie` is an error, not a silently ignored option).
 */
export function withDefaults<T extends object>(fn: string, options: unknown, defaults: T, extraKeys: string[] = []): T {
  if (options === undefined) return { ...defaults };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: expected an options object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  }
  const known = [...Object.keys(defaults), ...extraKeys];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${fn}: unknown option "${key}" (known: ${known.join(', ')})`);
  }
  const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) merged[key] = value;
  return merged as T;
}

function isNumber(fn: string, name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${fn}: expected ${name} to be a number, got ${typeof v === 'number' ? 'NaN' : JSON.stringify(v) ?? String(v)}`);
}

/** An integer >= min: TypeError for a non-number, RangeError for a fraction or a value below min. */
export function checkInt(fn: string, name: string, v: unknown, min: number): number {
  isNumber(fn, name, v);
  if (!Number.isInteger(v)) throw new RangeError(`${fn}: expected an integer ${name}, got ${name} = ${v}`);
  if (v < min) throw new RangeError(`${fn}: expected ${name} >= ${min}, got ${name} = ${v}`);
  return v;
}

/** A finite real number, optionally bounded: `lo`/`hi` inclusive unless `open` is set. */
export function checkReal(fn: string, name: string, v: unknown, range: { min?: number; max?: number; open?: boolean } = {}): number {
  isNumber(fn, name, v);
  if (!Number.isFinite(v)) throw new RangeError(`${fn}: expected a finite ${name}, got ${name} = ${v}`);
  const { min, max, open = false } = range;
  if (min !== undefined && (open ? v <= min : v < min)) throw new RangeError(`${fn}: expected ${name} ${open ? '>' : '>='} ${min}, got ${name} = ${v}`);
  if (max !== undefined && (open ? v >= max : v > max)) throw new RangeError(`${fn}: expected ${name} ${open ? '<' : '<='} ${max}, got ${name} = ${v}`);
  return v;
}

/** An array-like of finite numbers (a plain array or typed array), optionally of a given length. */
export function checkVector(fn: string, name: string, v: unknown, length?: number): Float64Array {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    throw new TypeError(`${fn}: expected ${name} to be an array of numbers, got ${v === null ? 'null' : typeof v}`);
  }
  const a = v as ArrayLike<unknown>;
  if (length !== undefined && a.length !== length) throw new RangeError(`${fn}: expected ${name} to have length ${length}, got length ${a.length}`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number') throw new TypeError(`${fn}: expected ${name}[${i}] to be a number, got ${JSON.stringify(x) ?? String(x)}`);
    if (!Number.isFinite(x)) throw new RangeError(`${fn}: expected a finite ${name}[${i}], got ${name}[${i}] = ${x}`);
    out[i] = x;
  }
  return out;
}
