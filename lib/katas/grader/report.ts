// Renders a grade report as a plain-text table plus the details of each failing case (terminal and notebook).
import type { CaseResult, GradeReport } from './grade';

const STATUS_TEXT: Record<CaseResult['status'], string> = {
  pass: 'pass', fail: 'FAIL', error: 'ERROR', 'not-implemented': 'not implemented', timeout: 'TIMEOUT', 'not-run': 'not run',
};

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((l) => prefix + l).join('\n');
}

/** One line: "kmeans: 14/20 cases passed (0.21 s)". */
export function summaryLine(r: GradeReport, times = true): string {
  const t = times ? ` (${r.seconds.toFixed(2)} s)` : '';
  if (r.loadError) return `${r.kata}: your code did not load`;
  if (r.notImplemented) return `${r.kata}: not implemented yet (all ${r.total} cases reach the starter's "not implemented")`;
  if (r.passed) return `${r.kata}: all ${r.total} cases passed${t}`;
  return `${r.kata}: ${r.passedCount}/${r.total} cases passed${t}`;
}

/** The full report: summary, the per-case table, then each failure with input, expected, received and hints. */
export function formatReport(r: GradeReport, options: { maxFailures?: number; times?: boolean } = {}): string {
  const maxFailures = options.maxFailures ?? 5;
  const times = options.times ?? true;
  const lines: string[] = [summaryLine(r, times)];
  if (r.loadError) {
    lines.push('', indent(r.loadError, '  '));
    return lines.join('\n');
  }
  if (r.notImplemented) {
    lines.push(`  Replace the body of ${r.functionName} with your solution, then grade again.`);
    return lines.join('\n');
  }
  const nameWidth = Math.min(34, Math.max(4, ...r.cases.map((c) => c.name.length)));
  lines.push('');
  lines.push(`  ${pad('#', 3)} ${pad('case', nameWidth)} ${pad('kind', 8)} ${times ? `${pad('result', 15)} ms` : 'result'}`);
  for (const c of r.cases) {
    const ms = !times || c.ms === null ? '' : c.ms < 10 ? c.ms.toFixed(2) : c.ms.toFixed(0);
    lines.push(`  ${pad(String(c.index + 1), 3)} ${pad(c.name.slice(0, nameWidth), nameWidth)} ${pad(c.kind, 8)} ${times ? `${pad(STATUS_TEXT[c.status], 15)} ${ms}` : STATUS_TEXT[c.status]}`);
  }
  const failures = r.cases.filter((c) => c.status !== 'pass' && c.status !== 'not-run');
  if (failures.length > 0) lines.push('', 'Failures:');
  for (const c of failures.slice(0, maxFailures)) {
    lines.push('', `  ${c.index + 1}. ${c.name} (${c.visible ? 'example' : `hidden, ${c.kind}`}): ${c.message}`);
    lines.push(indent(c.input, '     input:    ').replace(/\n {5}input: {4}/g, '\n               '));
    lines.push(`     expected: ${c.expected}`);
    lines.push(`     received: ${c.received}`);
    for (const h of c.hints) lines.push(`     hint: ${h}`);
  }
  if (failures.length > maxFailures) lines.push('', `  ... and ${failures.length - maxFailures} more failing cases.`);
  const notRun = r.cases.filter((c) => c.status === 'not-run');
  if (notRun.length > 0) lines.push('', `  ${notRun.length} cases not run: ${notRun[0].message}`);
  if (r.generalHint) lines.push('', `Hint: ${r.generalHint}`);
  return lines.join('\n');
}
