// The rootDir edits to tslab's compiler apply to the installed tslab, exactly once each, and refuse a changed file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(__filename);
const { applyEdits, CONVERTER_EDITS } = require('../../scripts/kernel/tslab-patch.cjs') as {
  applyEdits: (source: string, edits: { why: string; find: string; replace: string }[], file: string) => string;
  CONVERTER_EDITS: { why: string; find: string; replace: string }[];
};

describe('tslab-patch', () => {
  const file = require.resolve('tslab/dist/converter.js');
  const source = readFileSync(file, 'utf8');

  it('every edit finds its text exactly once in the installed tslab and the result differs only there', () => {
    const patched = applyEdits(source, CONVERTER_EDITS, file);
    expect(patched).toContain('rootDir: rootDir,');
    expect(patched).toContain('(0, tspath_1.normalizeJoin)(outDir, cellOutDir, "__tslab__.js")');
    expect(patched).not.toContain('rootDir: cwd,');
  });

  it('refuses to patch a file whose anchor text is missing, naming the edit', () => {
    const changed = source.replace('rootDir: cwd,', 'rootDir: somethingElse,');
    expect(() => applyEdits(changed, CONVERTER_EDITS, 'converter.js')).toThrow(/cannot patch converter\.js \(the compiler option\): expected its text exactly once, found it nowhere/);
  });
});
