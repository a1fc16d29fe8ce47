// CI check of executed kata notebooks: every grading cell says "not implemented" (as shipped) or "all N cases passed" (solutions).
import path from 'node:path';
import { listNotebooks } from '../export/cache';
import { joinSource, readNotebook } from '../runner/notebook';

const EXPECT = {
  'not-implemented': /^[a-z0-9-]+: not implemented yet/m,
  pass: /^[a-z0-9-]+: all \d+ cases passed/m,
} as const;

export function checkOutputs(dir: string, expect: keyof typeof EXPECT): string[] {
  const problems: string[] = [];
  const files = listNotebooks(dir);
  if (files.length === 0) problems.push(`${dir}: no executed notebooks`);
  let graded = 0;
  for (const file of files) {
    const nb = readNotebook(file);
    for (const [i, cell] of nb.cells.entries()) {
      const kata = (cell.metadata.kata ?? null) as { id: string; role: string } | null;
      if (!kata || kata.role !== 'grade') continue;
      graded++;
      const text = (cell.outputs ?? []).map((o) => joinSource((o.text ?? '') as string | string[])).join('');
      if (!EXPECT[expect].test(text)) {
        problems.push(`${file}, cell ${i + 1} (${cell.id}, kata ${kata.id}): expected "${expect}", got: ${text.split('\n')[0] || '(no output)'}`);
      }
    }
  }
  if (files.length > 0 && graded === 0) problems.push(`${dir}: no grading cells found`);
  return problems;
}

if (require.main === module) {
  const [dir, expect] = process.argv.slice(2);
  if (!dir || !(expect in EXPECT)) {
    process.stderr.write('usage: node --import tsx scripts/katas/check-outputs.ts <executed-notebooks-dir> not-implemented|pass\n');
    process.exit(2);
  }
  const problems = checkOutputs(path.resolve(dir), expect as keyof typeof EXPECT);
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (problems.length === 0) process.stdout.write(`every grading cell under ${dir} says "${expect}"\n`);
  process.exit(problems.length === 0 ? 0 : 1);
}
