// Turns the learner's TypeScript (a file or a notebook function) into a CommonJS module body for the worker.
import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LearnerModule } from './worker-runner';

/** Strips types with esbuild (no type checking); a syntax error becomes a message naming the file, line and column. */
export function transpileSource(source: string, filename: string, functionName: string): LearnerModule | { loadError: string } {
  try {
    const out = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename, logLevel: 'silent' });
    return { js: out.code, functionName, filename };
  } catch (err) {
    const errors = (err as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number; lineText: string } }> }).errors;
    if (errors && errors.length > 0) {
      return {
        loadError: errors.map((e) => e.location
          ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: syntax error: ${e.text}\n    ${e.location.lineText}`
          : `syntax error: ${e.text}`).join('\n'),
      };
    }
    return { loadError: `could not transpile ${filename}: ${(err as Error).message}` };
  }
}

/** Reads and transpiles a learner's file; a missing file is a load error, not an exception. */
export function loadFile(file: string, functionName: string): LearnerModule | { loadError: string } {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    return { loadError: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  return transpileSource(source, path.resolve(file), functionName);
}

/**
 * A module body from live functions (a notebook's cells): `fn.toString()` of the function and of each helper it calls.
 * The function must be self-contained apart from the helpers passed: the worker does not see other cells' variables.
 */
export function moduleFromFunction(fn: (...args: never[]) => unknown, functionName: string, helpers: ReadonlyArray<(...args: never[]) => unknown> = []): LearnerModule {
  // tslab compiles a cell's top-level names to `exports.<name>`, so a helper is both a local and an export.
  const parts = helpers.map((h) => `const ${h.name} = (${h.toString()}); exports[${JSON.stringify(h.name)}] = ${h.name};`);
  parts.push(`module.exports[${JSON.stringify(functionName)}] = (${fn.toString()});`);
  return { js: parts.join('\n'), functionName, filename: path.resolve('notebook-cell.ts') };
}
