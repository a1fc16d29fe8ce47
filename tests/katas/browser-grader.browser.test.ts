// One grader, two runtimes: for every kata, the browser grader (its kata page in Chromium: sucrase, a Blob Web Worker) and the Node grader (esbuild, a worker thread) give the same report on the reference, the starter and every mutant.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KATAS } from '../../lib/katas';
import { gradeWith, type GradeReport } from '../../lib/katas/grader/grade';
import { referenceRunner } from '../../lib/katas/grader/reference-runner';
import { mutantSource } from '../../lib/katas/mutants';
import { gradeSource } from '../../lib/katas/node/grade-node';
import type { Kata } from '../../lib/katas/types';
import { CHROMIUM_ARGS } from '../../scripts/export/check-site';
import { kataBundleHref, kataPageHref } from '../../scripts/export/kata-pages';
import { buildKataSite } from '../../scripts/export/kata-site';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

/**
 * The printed numbers of a report's texts, apart from their text. Chromium's V8 and Node 20's V8 compute Math.exp, log
 * and pow differently in the last bit for about 1 argument in 10 (measured while writing this test), so a number that
 * is pure rounding noise (an intercept of 5e-17) can print differently; everything else must be identical.
 */
function numbersOf(text: string): { skeleton: string; numbers: number[] } {
  return { skeleton: text.replace(NUMBER, '#'), numbers: (text.match(NUMBER) ?? []).map(Number) };
}

/** Null when the two texts say the same, up to printed numbers within 1e-12 absolute or 1e-5 relative (6 printed digits). */
function textDifference(browser: string, node: string): string | null {
  const a = numbersOf(browser);
  const b = numbersOf(node);
  if (a.skeleton !== b.skeleton || a.numbers.length !== b.numbers.length) return `text differs:\n  browser: ${browser}\n  node:    ${node}`;
  for (let i = 0; i < a.numbers.length; i++) {
    const x = a.numbers[i];
    const y = b.numbers[i];
    if (!(x === y || Math.abs(x - y) <= 1e-12 + 1e-5 * Math.abs(y))) return `number ${i + 1} differs (${x} vs ${y}):\n  browser: ${browser}\n  node:    ${node}`;
  }
  return null;
}

/** A report without its timings and printed values (compared apart, with textDifference). */
function verdicts(r: GradeReport): unknown {
  return { ...r, seconds: 0, cases: r.cases.map((c) => ({ ...c, ms: c.ms === null ? null : 0, message: '', expected: '', received: '' })) };
}

/** Every difference between the browser's and Node's report on the same submission, or [] when they agree. */
function differences(browser: GradeReport, node: GradeReport): string[] {
  const out: string[] = [];
  node.cases.forEach((c, i) => {
    for (const field of ['message', 'expected', 'received'] as const) {
      const d = textDifference(browser.cases[i]?.[field] ?? '', c[field]);
      if (d) out.push(`case ${i + 1} (${c.name}), ${field}: ${d}`);
    }
  });
  return out;
}

/** Submissions that go wrong in other ways than the mutants (graded for softmax): each failure's message must agree too. */
const HOSTILE: Array<{ name: string; source: string }> = [
  { name: 'implicit global', source: 'export function softmax(z: number[]): number[] { s = 0; for (i = 0; i < z.length; i++) s += Math.exp(z[i]); return z.map((v) => Math.exp(v) / s); }' },
  { name: 'process.exit', source: 'export function softmax(z: number[]): number[] { process.exit(3); return z; }' },
  { name: 'throws a string', source: "export function softmax(z: number[]): number[] { throw 'oops'; }" },
  { name: 'throws a RangeError', source: "export function softmax(z: number[]): number[] { throw new RangeError('boom'); }" },
  { name: 'mutates its input', source: 'export function softmax(z: number[]): number[] { z[0] = 1; return z.map(() => 1 / z.length); }' },
  { name: 'returns a string', source: 'export function softmax(z: number[]): any { return "0.5"; }' },
  { name: 'async', source: 'export async function softmax(z: number[]): Promise<number[]> { return z; }' },
  { name: 'returns a typed array', source: 'export function softmax(z: number[]): Float64Array { const m = Math.max(...z); const e = z.map((v) => Math.exp(v - m)); const s = e.reduce((a, b) => a + b, 0); return Float64Array.from(e, (v) => v / s); }' },
  { name: 'wrong export name', source: 'export function softMax(z: number[]): number[] { return z; }' },
  { name: 'throws at load', source: "throw new TypeError('at load');\nexport function softmax(z: number[]): number[] { return z; }" },
];

/** What each kata is graded on: its starter, its model solution and every mutant (softmax also the hostile ones). */
function submissions(k: Kata): Array<{ name: string; source: string }> {
  return [
    { name: 'starter', source: k.starter },
    { name: 'solution', source: k.solution },
    ...k.mutants.map((m) => ({ name: `mutant "${m.name}"`, source: mutantSource(k, m) })),
    ...(k.id === 'softmax' ? HOSTILE : []),
  ];
}

/** The Node grader names the learner's file by its absolute path, the browser by its name: compare the name. */
function sameFileName(r: GradeReport): GradeReport {
  return r.loadError ? { ...r, loadError: r.loadError.replace(/\/\S*\/(\S+\.ts)/g, '$1') } : r;
}

/** Lines of the model answer long enough to be recognisable, and the code mutants put in, that the statement does not show. */
function answerCode(k: Kata): string[] {
  const shown = [k.statement, k.signature, k.starter, ...k.hints].join('\n');
  const lines = k.solution.split('\n').map((l) => l.trim()).filter((l) => l.length >= 20 && !l.startsWith('export function'));
  const mutants = k.mutants.flatMap((m) => m.edits.map(([, replace]) => replace.trim())).filter((r) => r.length >= 20);
  return [...lines, ...mutants].filter((l) => !shown.includes(l));
}

interface PageApi {
  mlinKataPage: { grade(source: string): Promise<GradeReport>; referenceReport(): Promise<GradeReport> };
}

describe.skipIf(!existsSync(chromiumPath))('the browser grader agrees with the Node grader', () => {
  let site: string;
  let profile: string;
  let ctx: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    site = await buildKataSite(KATAS);
    profile = mkdtempSync(path.join(os.tmpdir(), 'kata-grader-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
    page = await ctx.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  }, 300_000);

  afterAll(async () => {
    await ctx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it('every kata has a page and a bundle, and neither carries its solution or mutants', () => {
    for (const k of KATAS) {
      const bundle = readFileSync(path.join(site, kataBundleHref(k.id)), 'utf8');
      const html = readFileSync(path.join(site, kataPageHref(k.id)), 'utf8');
      expect(bundle, k.id).not.toContain(k.solution.trim());
      for (const line of answerCode(k)) {
        expect(bundle.includes(line), `${k.id}: bundle contains ${JSON.stringify(line)}`).toBe(false);
        expect(html.includes(line), `${k.id}: page contains ${JSON.stringify(line)}`).toBe(false);
      }
    }
  });

  it.each(KATAS.map((k) => [k.id, k] as const))('%s: reference, starter and every mutant', async (id, k) => {
    problems.length = 0;
    await page.goto(pathToFileURL(path.join(site, kataPageHref(id))).href);
    await page.waitForSelector('#kata-app[data-ready="true"]', { timeout: 30_000 });
    const subs = submissions(k);
    // Node and the browser grade at the same time; each side grades its submissions one after another.
    const [node, browser] = await Promise.all([
      (async () => {
        const out: GradeReport[] = [await gradeWith(k, referenceRunner(k))];
        for (const s of subs) out.push(await gradeSource(k, s.source));
        return out;
      })(),
      page.evaluate(async (sources) => {
        const api = (window as unknown as PageApi).mlinKataPage;
        const out: GradeReport[] = [await api.referenceReport()];
        for (const s of sources) out.push(await api.grade(s));
        return out;
      }, subs.map((s) => s.source)),
    ]);
    const names = ['reference', ...subs.map((s) => s.name)];
    for (let i = 0; i < names.length; i++) {
      expect(verdicts(sameFileName(browser[i])), `${id}, ${names[i]}`).toEqual(verdicts(sameFileName(node[i])));
      expect(differences(browser[i], node[i]), `${id}, ${names[i]}`).toEqual([]);
    }
    // The verdicts themselves, so that agreeing on something wrong cannot pass.
    expect(node[0].passed && node[2].passed, `${id}: reference and solution pass`).toBe(true);
    expect(node[1].notImplemented, `${id}: starter is not implemented`).toBe(true);
    for (let i = 3; i < node.length; i++) {
      if (names[i] !== 'returns a typed array') expect(node[i].passed, `${id}, ${names[i]} is rejected`).toBe(false);
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
