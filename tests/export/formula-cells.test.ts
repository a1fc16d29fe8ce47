// Every formula cell of the source lessons is well formed before anything runs: the export's own reader on each notebook.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFormulas } from '../../scripts/export/cheatsheet-page';
import type { Notebook } from '../../scripts/runner/notebook';

const DIR = path.resolve(__dirname, '..', '..', 'notebooks');
const lessons = readdirSync(DIR).filter((f) => f.endsWith('.ipynb')).sort();
const read = (f: string) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Notebook;

describe('formula cells of the source notebooks', () => {
  it.each(lessons.map((f) => [f]))('%s: each formula has its fields, typesets, and is followed by its check cell', (f) => {
    expect(readFormulas(read(f), `notebooks/${f}`, { executed: false }).errors).toEqual([]);
  });

  it('lesson 12 states at least 150 formulas, each id once', () => {
    const { formulas } = readFormulas(read('12-key-formulas.ipynb'), 'notebooks/12-key-formulas.ipynb', { executed: false });
    expect(formulas.length).toBeGreaterThanOrEqual(150);
    expect(new Set(formulas.map((x) => x.id)).size).toBe(formulas.length);
  });

  it('names the cell when a check cell lost its metadata (the mistake a merge once made)', () => {
    const nb = read('12-key-formulas.ipynb');
    const check = nb.cells.find((c) => c.metadata?.formula_check === 'rec-ips');
    expect(check).toBeDefined();
    delete (check as { metadata: Record<string, unknown> }).metadata.formula_check;
    const { errors } = readFormulas(nb, 'notebooks/12-key-formulas.ipynb', { executed: false });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/notebooks\/12-key-formulas\.ipynb.*rec-ips.*has no check cell/);
  });
});
