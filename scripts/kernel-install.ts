// CLI: npm run kernel:install — registers this project's tslab kernel with Jupyter (user data dir, or --prefix DIR).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KERNEL_NAME, REPO_ROOT, kernelNodeFlags } from './runner/kernel';
import { projectKernelSpec, userDataDir } from './runner/kernelspec';
import { writeFileAtomic } from '../lib/core/atomic-write';

const HELP = `Usage: npm run kernel:install -- [--prefix DIR] [--name NAME]

Registers the Jupyter kernel "${KERNEL_NAME}": tslab from this repository's node_modules,
started in the notebook's folder (as every Jupyter kernel); notebooks import ../lib/... with no build step.
The runner (npm run notebooks) does not need this: it finds the kernel in the repository itself.
JupyterLab, classic Notebook, VS Code and nbconvert all find it by name.

Options:
  --prefix DIR   install to DIR/share/jupyter/kernels/ (e.g. a virtualenv: --prefix "$VIRTUAL_ENV")
                 default: the user's Jupyter data dir ($JUPYTER_DATA_DIR, or the platform default)
  -h, --help     show this help`;

export { userDataDir };

export function kernelSpec(): Record<string, unknown> {
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', 'tslab', 'package.json'), 'utf8')) as { version: string }).version;
  const { argv, display_name, language, interrupt_mode } = projectKernelSpec(kernelNodeFlags(1));
  return { argv, display_name, language, interrupt_mode, metadata: { repository: REPO_ROOT, tslab: version } };
}

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({ options: { prefix: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) { console.log(HELP); return 0; }
  if (!existsSync(path.join(REPO_ROOT, 'node_modules', 'tslab'))) {
    console.error('tslab is not installed in node_modules: run "npm ci" first');
    return 1;
  }
  const base = values.prefix ? path.join(path.resolve(values.prefix), 'share', 'jupyter') : userDataDir();
  const dir = path.join(base, 'kernels', KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, 'kernel.json'), JSON.stringify(kernelSpec(), null, 2) + '\n');
  console.log(`Installed kernelspec "${KERNEL_NAME}" in ${dir}`);
  console.log(`Check with: jupyter kernelspec list   (select "TypeScript (ml-interview-notebooks)" in JupyterLab)`);
  return 0;
}

if (require.main === module) process.exitCode = main();
