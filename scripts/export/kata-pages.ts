// One page per kata to solve it in the browser (statement, examples, CodeMirror editor, Check): the page shells and the esbuild bundles of the editor app, the worker and each kata's definition.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { build, type Plugin } from 'esbuild';
import { createElement as h } from 'react';
import { DEFAULT_TIME_LIMIT_SECONDS } from '../../lib/katas/grader/grade';
import type { Kata } from '../../lib/katas/types';
import { CONTENT_SECURITY_POLICY, documentHtml, footer, pageHead, siteHeader, type NavLink, type SiteAssets } from '../../site/layout';
import type { Question } from '../../lib/interview/question-bank';
import type { KataView } from './katas-page';
import type { Rendered } from './quiz-page';
import { REPO_ROOT } from './options';
import { linkOrCopy } from './swap';

export const KATA_APP_JS = 'assets/kata-app.js';
export const KATA_LIST_JS = 'assets/kata-list.js';
export const KATA_PAGE_CSS = 'assets/kata-page.css';
export const kataPageHref = (id: string) => `kata-${id}.html`;
export const kataBundleHref = (id: string) => `assets/katas/${id}.js`;

/**
 * The kata pages' policy: the site's, plus workers from blob: URLs (the learner's code runs in a worker made from a
 * Blob, which also works from file://, where Chromium refuses workers from files). No eval anywhere.
 */
export const KATA_PAGE_CSP = `${CONTENT_SECURITY_POLICY}; worker-src blob:`;

const KATAS_DIR = path.join(REPO_ROOT, 'lib', 'katas');
const SITE_DIR = path.join(REPO_ROOT, 'site');

/** The kata's own file, lib/katas/<id>.ts (the id is also the file name), or null for a kata defined elsewhere. */
export function kataFile(id: string): string | null {
  const file = path.join(KATAS_DIR, `${id}.ts`);
  return existsSync(file) ? file : null;
}

/**
 * A kata file with its model solution and mutants blanked (`solution: ''`, `mutants: []`) so that the browser bundle
 * never carries the answer: the edit is made on TypeScript's syntax tree of the `defineKata({...})` call.
 */
export async function stripAnswers(source: string, file: string): Promise<string> {
  const ts = (await import('typescript')).default;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Array<[number, number, string]> = [];
  const visit = (n: import('typescript').Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'defineKata') {
      const arg = n.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg)) {
        for (const p of arg.properties) {
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && (p.name.text === 'solution' || p.name.text === 'mutants')) {
            edits.push([p.initializer.getStart(sf), p.initializer.end, p.name.text === 'solution' ? "''" : '[]']);
          }
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!edits.length) return source;
  let out = source;
  for (const [from, to, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, from) + text + out.slice(to);
  return out;
}

const stripPlugin: Plugin = {
  name: 'kata-strip-answers',
  setup(b) {
    b.onResolve({ filter: /^kata-entry:/ }, (args) => ({ path: args.path.slice('kata-entry:'.length), namespace: 'kata-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'kata-entry' }, (args) => ({
      contents: `import kata from ${JSON.stringify(path.join(KATAS_DIR, `${args.path}.ts`))};\nglobalThis.mlinKata = kata;\n`,
      resolveDir: KATAS_DIR,
      loader: 'ts',
    }));
    b.onLoad({ filter: /[\\/]lib[\\/]katas[\\/][^\\/]+\.ts$/ }, async (args) => {
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.includes('defineKata') ? await stripAnswers(text, args.path) : text, loader: 'ts' };
    });
  },
};

const BROWSER = { bundle: true, platform: 'browser', format: 'iife', target: 'es2020', minify: true, write: false, logLevel: 'silent', legalComments: 'none' } as const;

/**
 * Every script of the kata pages, site path -> text: the app (CodeMirror, sucrase, the grader, the worker's script as a
 * string), the list page's script, and one bundle per kata (its definition: statement, cases, reference from lib/,
 * tolerance, hints, mistakes; without solution or mutants).
 */
export async function kataBundles(ids: readonly string[]): Promise<Map<string, string>> {
  const worker = await build({ ...BROWSER, entryPoints: [path.join(SITE_DIR, 'kata-worker.ts')] });
  const [app, list, katas] = await Promise.all([
    build({ ...BROWSER, entryPoints: [path.join(SITE_DIR, 'kata-app.ts')], define: { KATA_WORKER_RUNTIME: JSON.stringify(worker.outputFiles[0].text) } }),
    build({ ...BROWSER, entryPoints: [path.join(SITE_DIR, 'kata-list.ts')] }),
    ids.length ? build({ ...BROWSER, entryPoints: ids.map((id) => ({ in: `kata-entry:${id}`, out: id })), outdir: '/kata-out', plugins: [stripPlugin] }) : null,
  ]);
  const out = new Map<string, string>([[KATA_APP_JS, app.outputFiles[0].text], [KATA_LIST_JS, list.outputFiles[0].text]]);
  for (const f of katas?.outputFiles ?? []) out.set(kataBundleHref(path.basename(f.path, '.js')), f.text);
  return out;
}

// The worker's script (CommonJS, run with eval): it loads this module through tsx, bundles, and posts the files back.
const BUNDLE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = import(workerData.tsx).then(({ tsImport }) => tsImport(workerData.module, workerData.module));
loaded
  .then((m) => m.kataBundles(workerData.ids))
  .then((files) => parentPort.postMessage({ files: [...files] }), (err) => parentPort.postMessage({ error: String((err && err.stack) || err) }))
  .then(() => workerData.questions && loaded.then((m) => m.typesetQuestions(workerData.questions)))
  .then((r) => r && parentPort.postMessage({ questions: r }), (err) => parentPort.postMessage({ questions: { ok: false, error: String((err && err.message) || err) } }));
`;

export type QuestionsResult = { ok: true; rendered: Rendered[] } | { ok: false; error: string };

/** The quiz's questions and answers typeset (quiz-page.ts renderQuestions), for the bundle worker's second job. */
export async function typesetQuestions(questions: Question[]): Promise<QuestionsResult> {
  try {
    // Imported here: only a worker given this job loads the quiz's modules.
    const { renderQuestions } = await import('./quiz-page');
    return { ok: true, rendered: renderQuestions(questions) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** What the bundle worker answers: the scripts, and the quiz's typeset text when it was given the questions. */
export interface SideJobs {
  bundles: Promise<Map<string, string>>;
  /** The quiz's text; undefined when the worker could not do it (the caller then typesets it itself). */
  questions?: Promise<QuestionsResult | undefined>;
  /** Stops the worker if it is still typesetting the quiz (the bundles are awaited first by their user). */
  cancelQuestions(): void;
}

/**
 * kataBundles in a worker thread: the answer-stripping (TypeScript's parser) and the talk with esbuild run beside the
 * lesson builds, on the other core, instead of waiting for the main thread between lessons. Same files, same order.
 * Given `questions`, the worker then typesets the quiz too (it is idle by then, and the main thread is busy with the
 * lessons until the quiz page is written).
 */
export function kataBundlesInWorker(ids: readonly string[], questions?: Question[]): SideJobs {
  // tsx's ES module entry (its CommonJS one registers the loader from the wrong folder when imported).
  const tsx = import.meta.resolve('tsx/esm/api');
  const module = import.meta.url;
  const worker = new Worker(BUNDLE_WORKER, { eval: true, workerData: { tsx, module, ids: [...ids], ...(questions ? { questions } : {}) } });
  const settled = { bundles: false, questions: !questions };
  const done = () => {
    if (settled.bundles && settled.questions) void worker.terminate();
  };
  let fail: (err: Error) => void = () => undefined;
  const bundles = new Promise<Map<string, string>>((resolve, reject) => {
    const prev = fail;
    fail = (err) => { prev(err); reject(err); };
    worker.on('message', (m: { files?: [string, string][]; error?: string }) => {
      if (m.files === undefined && m.error === undefined) return;
      settled.bundles = true;
      if (m.files) resolve(new Map(m.files));
      else reject(new Error(`bundling the kata pages' scripts failed: ${m.error}`));
      done();
    });
  });
  const typeset = questions ? new Promise<QuestionsResult | undefined>((resolve) => {
    const prev = fail;
    fail = (err) => { prev(err); resolve(undefined); };
    worker.on('message', (m: { questions?: QuestionsResult }) => {
      if (!m.questions) return;
      settled.questions = true;
      resolve(m.questions);
      done();
    });
  }) : undefined;
  worker.once('error', (err) => fail(err));
  worker.once('exit', (code) => fail(new Error(`the kata bundle worker stopped (exit code ${code}) before it answered`)));
  // The quiz's text is no longer wanted: the worker stops once the bundles are sent (at once if they are).
  const cancelQuestions = () => {
    settled.questions = true;
    done();
  };
  return { bundles, ...(typeset ? { questions: typeset } : {}), cancelQuestions };
}

/** A digest of what the bundles are made of beyond the exporter's fingerprint: all of lib/ (the references). */
export function kataBundleInputs(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') || name.endsWith('.json')) h.update(`${path.relative(REPO_ROOT, full)}\n`).update(readFileSync(full));
    }
  };
  walk(path.join(REPO_ROOT, 'lib'));
  return h.digest('hex');
}

export function renderKataPage(p: { siteTitle: string; assets: SiteAssets; nav: NavLink[]; kata: KataView; starter: string; storageKey: string; timeLimitSeconds: number; key: string; katasPage: string; katasCss: string }): string {
  const k = p.kata;
  const description = `Solve the kata "${k.title}" in the browser: write ${k.signature.split('(')[0]} and check it against hidden cases, offline.`;
  const head = pageHead({
    title: `Kata: ${k.title}`, siteTitle: p.siteTitle, description, buildMeta: 'kata-build', buildKey: p.key, assets: p.assets,
    css: p.katasCss, scripts: [kataBundleHref(k.id), KATA_APP_JS],
  });
  head.push(h('link', { key: 'kp', rel: 'stylesheet', href: KATA_PAGE_CSS }));
  const body = h('div', { className: 'site' },
    siteHeader(p.siteTitle, p.nav, p.katasPage),
    h('div', { className: 'page kata-page' },
      h('main', { id: 'main', className: 'content kata-solve' },
        h('p', { className: 'kata-back' }, h('a', { href: `${p.katasPage}#${k.id}` }, '← All katas')),
        h('h1', null, k.title),
        h('p', { className: 'kata-meta' },
          h('code', { className: 'kata-id' }, k.id), ' · ',
          h('span', { className: `kata-difficulty kata-${k.difficulty}` }, k.difficulty), ' · ', k.sectionTitle),
        h('div', { className: 'kata-columns' },
          h('section', { className: 'kata kata-brief', 'aria-label': 'Statement' },
            h('div', { className: 'kata-statement', dangerouslySetInnerHTML: { __html: k.statementHtml } }),
            h('h2', null, 'Signature'),
            h('pre', { className: 'kata-signature' }, h('code', null, k.signature)),
            h('h2', null, 'Examples'),
            h('ul', { className: 'kata-examples' }, k.examples.map((e) => h('li', { key: e.name },
              h('code', null, e.call), ' → ', h('code', null, e.result), h('span', { className: 'kata-example-name' }, ` (${e.name})`)))),
            h('details', { className: 'kata-hints' },
              h('summary', null, k.hintsHtml.length === 1 ? 'Hint' : `Hints (${k.hintsHtml.length})`),
              h('ol', null, k.hintsHtml.map((html, i) => h('li', { key: i, dangerouslySetInnerHTML: { __html: html } })))),
            h('h2', null, 'Taught in'),
            h('ul', null, k.lessons.map((l, i) => h('li', { key: i }, l.href ? h('a', { href: l.href }, l.text) : l.text)))),
          h('section', { id: 'kata-app', className: 'kata-workbench', 'aria-label': 'Your solution', 'data-kata': k.id, 'data-storage-key': p.storageKey },
            h('h2', null, 'Your solution'),
            h('div', { id: 'kata-editor', className: 'kata-editor' },
              // Shown until the editor starts (and instead of it when scripts do not run).
              h('pre', { className: 'kata-editor-fallback' }, h('code', null, p.starter))),
            h('div', { className: 'kata-actions' },
              h('button', { type: 'button', id: 'kata-check', className: 'kata-check' }, 'Check'),
              h('button', { type: 'button', id: 'kata-reset' }, 'Reset to starter'),
              h('span', { className: 'kata-keys' }, h('kbd', null, 'Ctrl'), '/', h('kbd', null, '⌘'), ' + ', h('kbd', null, 'Enter'), ' checks')),
            h('p', { id: 'kata-status', className: 'kata-status', role: 'status', 'aria-live': 'polite' }),
            h('pre', { id: 'kata-report', className: 'kata-report', hidden: true, tabIndex: 0, 'aria-label': 'Grader report' }),
            h('p', { className: 'kata-note' },
              `Your code runs in a Web Worker on this machine, never on a server and never in the page; each case may take ${p.timeLimitSeconds} s. ` +
              'Types are stripped, not checked (sucrase): a syntax error is reported, a type error is not. Your code and progress stay in this browser.'))))),
    footer());
  return documentHtml(head, body, KATA_PAGE_CSP);
}

/** The kata page files of a site (to carry them over when nothing changed). */
export function kataPageFiles(siteDir: string): string[] {
  const files = existsSync(siteDir) ? readdirSync(siteDir).filter((n) => /^kata-.+\.html$/.test(n)) : [];
  const assets = path.join(siteDir, 'assets');
  for (const f of [KATA_APP_JS, KATA_LIST_JS, KATA_PAGE_CSS]) if (existsSync(path.join(siteDir, f))) files.push(f);
  const bundles = path.join(assets, 'katas');
  if (existsSync(bundles)) for (const n of readdirSync(bundles)) files.push(`assets/katas/${n}`);
  return files;
}

/** The kata pages' scripts in a site folder (the app, the list's script, each kata's bundle), if it has them. */
export function kataBundlesIn(siteDir: string): string[] | undefined {
  const dir = path.join(siteDir, 'assets', 'katas');
  if (![KATA_APP_JS, KATA_LIST_JS].every((f) => existsSync(path.join(siteDir, f))) || !existsSync(dir)) return undefined;
  return [KATA_APP_JS, KATA_LIST_JS, ...readdirSync(dir).sort().map((n) => `assets/katas/${n}`)];
}

export function carryOverKataPages(oldSite: string, newSite: string): void {
  mkdirSync(path.join(newSite, 'assets', 'katas'), { recursive: true });
  for (const f of kataPageFiles(oldSite)) linkOrCopy(path.join(oldSite, f), path.join(newSite, f));
}

/** Writes every kata page and its scripts; katas without their own file in lib/katas get no page. Returns the ids with a page. */
export async function writeKataPages(o: {
  siteDir: string; siteTitle: string; assets: SiteAssets; nav: NavLink[]; views: KataView[]; katas: readonly Kata[];
  storageKey: string; key: string; katasPage: string; katasCss: string;
  /** The scripts of these katas' pages, if their bundling was started earlier (kataBundles of the same ids). */
  bundles?: Promise<Map<string, string>>;
  /** A site folder whose kata scripts were bundled from the same inputs: they are linked from there instead. */
  reuseBundlesFrom?: string;
}): Promise<string[]> {
  const byId = new Map(o.katas.map((k) => [k.id, k]));
  const ids = o.views.map((v) => v.id).filter((id) => kataFile(id) !== null);
  mkdirSync(path.join(o.siteDir, 'assets', 'katas'), { recursive: true });
  const reuse = o.reuseBundlesFrom;
  const old = reuse ? kataBundlesIn(reuse) : undefined;
  if (reuse && old) for (const f of old) linkOrCopy(path.join(reuse, f), path.join(o.siteDir, f));
  else for (const [file, text] of await (o.bundles ?? kataBundles(ids))) writeFileSync(path.join(o.siteDir, file), text);
  writeFileSync(path.join(o.siteDir, KATA_PAGE_CSS), readFileSync(path.join(SITE_DIR, 'kata-page.css')));
  for (const v of o.views) {
    const kata = byId.get(v.id);
    if (!kata || !ids.includes(v.id)) continue;
    writeFileSync(path.join(o.siteDir, kataPageHref(v.id)), renderKataPage({
      siteTitle: o.siteTitle, assets: o.assets, nav: o.nav, kata: v, starter: kata.starter, storageKey: o.storageKey,
      timeLimitSeconds: kata.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS, key: o.key, katasPage: o.katasPage, katasCss: o.katasCss,
    }));
  }
  return ids;
}
