// Compares a learner's value with the expected one: shape, type, NaN and tolerance, with a path to the first difference.
import type { Tolerance } from '../types';

/** Why a received value is wrong; `path` is like "[2][0]" or ".grad[1][3]" (empty for the whole value). */
export interface Mismatch {
  kind: 'type' | 'shape' | 'nan' | 'value';
  path: string;
  message: string;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  return typeof v;
}

function isArrayLikeOfNumbers(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** True when |r - e| <= abs + rel * |e| (infinities must match exactly). */
export function withinTolerance(expected: number, received: number, tol: Tolerance): boolean {
  if (expected === received) return true;
  if (!Number.isFinite(expected) || !Number.isFinite(received)) return false;
  return Math.abs(received - expected) <= tol.abs + tol.rel * Math.abs(expected);
}

function where(path: string): string {
  return path === '' ? '' : ` at ${path}`;
}

/**
 * The first difference between `expected` and `received`, or null when they agree. Numbers compare with the tolerance,
 * integers (expected values that are integers with abs tolerance < 0.5 do not get special treatment: the tolerance is
 * the contract). Typed arrays are accepted where arrays of numbers are expected.
 */
export function compareValues(expected: unknown, received: unknown, tol: Tolerance, path = ''): Mismatch | null {
  if (typeof expected === 'number') {
    if (typeof received !== 'number') {
      return { kind: 'type', path, message: `wrong type${where(path)}: expected a number, got ${typeName(received)}` };
    }
    if (Number.isNaN(received) && !Number.isNaN(expected)) {
      return { kind: 'nan', path, message: `NaN${where(path)}: expected ${formatNumber(expected)}` };
    }
    if (Number.isNaN(expected) && Number.isNaN(received)) return null;
    if (!withinTolerance(expected, received, tol)) {
      return { kind: 'value', path, message: `wrong value${where(path)}: expected ${formatNumber(expected)}, got ${formatNumber(received)}` };
    }
    return null;
  }
  if (typeof expected === 'boolean' || typeof expected === 'string') {
    if (typeof received !== typeof expected) {
      return { kind: 'type', path, message: `wrong type${where(path)}: expected a ${typeof expected}, got ${typeName(received)}` };
    }
    return received === expected ? null : { kind: 'value', path, message: `wrong value${where(path)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(received)}` };
  }
  if (isArrayLikeOfNumbers(expected)) {
    if (!isArrayLikeOfNumbers(received)) {
      return { kind: 'type', path, message: `wrong type${where(path)}: expected an array, got ${typeName(received)}` };
    }
    if (received.length !== expected.length) {
      return { kind: 'shape', path, message: `wrong shape${where(path)}: expected an array of length ${expected.length}, got length ${received.length}` };
    }
    // Shape first over the whole array, so "wrong shape" wins over a value difference in an earlier row.
    for (let i = 0; i < expected.length; i++) {
      const e = expected[i];
      const r = received[i];
      if (isArrayLikeOfNumbers(e) && isArrayLikeOfNumbers(r) && e.length !== r.length) {
        return { kind: 'shape', path: `${path}[${i}]`, message: `wrong shape at ${path}[${i}]: expected an array of length ${e.length}, got length ${r.length}` };
      }
    }
    for (let i = 0; i < expected.length; i++) {
      const m = compareValues(expected[i], received[i], tol, `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (received === null || typeof received !== 'object' || isArrayLikeOfNumbers(received)) {
      return { kind: 'type', path, message: `wrong type${where(path)}: expected an object with ${Object.keys(expected).map((k) => `"${k}"`).join(', ')}, got ${typeName(received)}` };
    }
    for (const key of Object.keys(expected)) {
      if (!(key in received)) {
        return { kind: 'shape', path: `${path}.${key}`, message: `missing property "${key}"${where(path)}` };
      }
    }
    for (const key of Object.keys(expected)) {
      const m = compareValues((expected as Record<string, unknown>)[key], (received as Record<string, unknown>)[key], tol, `${path}.${key}`);
      if (m) return m;
    }
    return null;
  }
  return Object.is(expected, received) ? null : { kind: 'value', path, message: `wrong value${where(path)}: expected ${String(expected)}, got ${String(received)}` };
}

/** Exact structural equality (NaN equals NaN), for detecting mutated inputs. Returns the first differing path or null. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b ? null : path;
  if (a === b) return null;
  if (isArrayLikeOfNumbers(a) && isArrayLikeOfNumbers(b)) {
    if (a.length !== b.length) return `${path}.length`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d !== null) return d;
    }
    return null;
  }
  return path === '' ? '(whole value)' : path;
}

/** A number with up to 6 significant digits, exact for integers. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const s = x.toPrecision(6);
  return s.includes('e') ? s.replace(/\.?0+e/, 'e') : s.replace(/\.?0+$/, '');
}

/** A compact one-line rendering of any value, cut to `max` characters. */
export function formatValue(v: unknown, max = 160): string {
  const out = render(v);
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

function render(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'function') return '[function]';
  if (isArrayLikeOfNumbers(v)) {
    const parts: string[] = [];
    let len = 0;
    for (let i = 0; i < v.length; i++) {
      const s = render(v[i]);
      parts.push(s);
      len += s.length + 2;
      if (len > 400) { parts.push(`… ${v.length - i - 1} more`); break; }
    }
    return `[${parts.join(', ')}]`;
  }
  if (typeof v === 'object') {
    return `{ ${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${render(x)}`).join(', ')} }`;
  }
  return String(v);
}
