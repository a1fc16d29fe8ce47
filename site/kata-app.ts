// A kata page's script: CodeMirror editor with the starter, Check (button or Ctrl/Cmd-Enter) grading in a Web Worker with lib/katas/grader, code and progress kept in localStorage.
import { javascript } from '@codemirror/lang-javascript';
import { Prec } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import { transform } from 'sucrase';
import { driveWorker, type FromWorker } from '../lib/katas/grader/drive-worker';
import { gradeWith, type CaseRunner, type GradeReport } from '../lib/katas/grader/grade';
import { referenceRunner } from '../lib/katas/grader/reference-runner';
import { formatReport, summaryLine } from '../lib/katas/grader/report';
import type { Kata } from '../lib/katas/types';
import { codeKey, noteCheck, noteStarted, readStored, writeStored } from './kata-progress';

/** The worker's script (site/kata-worker.ts bundled), put in by the export's esbuild `define`. */
declare const KATA_WORKER_RUNTIME: string;

interface KataWindow {
  mlinKata?: Kata;
  mlinKataPage?: KataPageApi;
}

/** For tests and the benchmark: the same path as the Check button. */
export interface KataPageApi {
  grade(source: string, options?: { timeLimitSeconds?: number }): Promise<GradeReport>;
  /** Press Check: grades the editor's code, shows the report; resolves with it and the ms from press to report shown. */
  check(): Promise<{ report: GradeReport; ms: number }>;
  /** The reference's report (a runner that answers with lib/'s values), to compare the bundled reference with Node's. */
  referenceReport(): Promise<GradeReport>;
  setCode(source: string): void;
  getCode(): string;
}

/**
 * Strips TypeScript types with sucrase (no type checking: types are erased, not verified) and turns the module into
 * CommonJS. A syntax error becomes a load error naming the line and column, as the Node grader's esbuild step does.
 */
export function transpile(source: string, filename: string): { js: string } | { loadError: string } {
  try {
    // Without sucrase's "use strict", as esbuild's CommonJS in the Node grader: the same code gets the same verdict.
    return { js: transform(source, { transforms: ['typescript', 'imports'], filePath: filename }).code.replace(/^"use strict";/, '') };
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    if (e.loc) {
      const lineText = source.split('\n')[e.loc.line - 1] ?? '';
      const text = e.message.replace(/^Error transforming [^:]*: /, '').replace(/ \(\d+:\d+\)$/, '');
      return { loadError: `${filename}:${e.loc.line}:${e.loc.column + 1}: syntax error: ${text}\n    ${lineText}` };
    }
    return { loadError: `could not transpile ${filename}: ${e.message}` };
  }
}

/** A CaseRunner over a Web Worker made from a Blob: the worker script, then the learner's module in a function. */
export function webWorkerRunner(js: string, functionName: string, filename: string): CaseRunner {
  return (argsList, timeLimitSeconds) => driveWorker((events) => {
    // The runtime's own "use strict" stays inside its function: the learner's module runs sloppy, as in the Node grader.
    const source = `(function () {\n${KATA_WORKER_RUNTIME}\n})();\nself.mlinKataConfig = ${JSON.stringify({ functionName, filename })};\n` +
      `self.mlinKataLoad(function (module, exports, require) {\n${js}\n});\n`;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    let ready = false;
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch (err) {
      URL.revokeObjectURL(url);
      events.message({ type: 'load-error', message: `the browser refused to start a worker for your code: ${(err as Error).message}` });
      return { post() {}, terminate() {} };
    }
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === 'ready') ready = true;
      events.message(e.data);
    };
    // Only errors the worker's own handlers did not catch arrive here: a script that does not parse (before "ready").
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      if (!ready) events.message({ type: 'load-error', message: `your code did not load: ${e.message || 'the worker failed to start'}` });
      else events.crashed(`crashed: ${e.message}`);
    };
    return {
      post: (msg) => worker.postMessage(msg),
      terminate: () => { worker.terminate(); URL.revokeObjectURL(url); },
    };
  }, argsList, timeLimitSeconds);
}

/** Grades TypeScript source for a kata in the browser: transpile, then run every case in a fresh worker. */
export function gradeInBrowser(kata: Kata, source: string, options: { timeLimitSeconds?: number } = {}): Promise<GradeReport> {
  const filename = `${kata.id}.ts`;
  const t = transpile(source, filename);
  if ('loadError' in t) return gradeWith(kata, async () => ({ loadError: t.loadError }), options);
  return gradeWith(kata, webWorkerRunner(t.js, kata.functionName, filename), options);
}

function start(): void {
  const w = window as unknown as KataWindow;
  const root = document.getElementById('kata-app');
  const kata = w.mlinKata;
  if (!root || !kata) return;
  const quizKey = root.dataset.storageKey ?? 'ml-interview-notebooks:quiz-progress';
  const questions = kata.links.questions;
  const $ = (id: string) => document.getElementById(id) as HTMLElement;
  const status = $('kata-status');
  const reportEl = $('kata-report');
  const checkButton = $('kata-check') as HTMLButtonElement;
  const resetButton = $('kata-reset') as HTMLButtonElement;
  const saved = readStored(codeKey(quizKey, kata.id));
  let started = typeof saved === 'string';
  let saveTimer: ReturnType<typeof setTimeout> | null = null;

  const save = () => {
    saveTimer = null;
    if (!writeStored(codeKey(quizKey, kata.id), view.state.doc.toString())) status.textContent = 'Your code cannot be saved in this browser (storage is blocked); it lasts until you leave the page.';
  };
  const view: EditorView = new EditorView({
    doc: typeof saved === 'string' ? saved : kata.starter,
    parent: $('kata-editor'),
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      // Ahead of the default keymap, whose Mod-Enter inserts a blank line.
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { void check(); return true; } }])),
      EditorView.contentAttributes.of({ 'aria-label': `Your ${kata.functionName} (TypeScript)` }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        if (!started) { started = true; noteStarted(quizKey, kata.id); }
        if (saveTimer) clearTimeout(saveTimer);
        saveTimer = setTimeout(save, 300);
      }),
    ],
  });
  // Leaving the page before the debounce fires must not lose the last keystrokes.
  window.addEventListener('pagehide', () => { if (saveTimer) { clearTimeout(saveTimer); save(); } });

  let busy: Promise<{ report: GradeReport; ms: number }> | null = null;
  const check = (): Promise<{ report: GradeReport; ms: number }> => {
    if (busy) return busy;
    const t0 = performance.now();
    if (saveTimer) { clearTimeout(saveTimer); save(); }
    checkButton.disabled = true;
    root.setAttribute('aria-busy', 'true');
    status.textContent = 'Checking…';
    busy = gradeInBrowser(kata, view.state.doc.toString()).then((report) => {
      reportEl.textContent = formatReport(report);
      reportEl.hidden = false;
      root.dataset.result = report.passed ? 'passed' : report.notImplemented ? 'not-implemented' : 'failed';
      noteCheck(quizKey, kata.id, questions, report);
      const ms = performance.now() - t0;
      status.textContent = `${summaryLine(report, false)}${report.passed ? ' ✓ solved' : ''} (checked in ${(ms / 1000).toFixed(2)} s)`;
      return { report, ms };
    }).finally(() => {
      busy = null;
      checkButton.disabled = false;
      root.removeAttribute('aria-busy');
    });
    return busy;
  };
  checkButton.addEventListener('click', () => { void check(); });
  resetButton.addEventListener('click', () => {
    if (view.state.doc.toString() !== kata.starter && !window.confirm('Replace your code with the starter? Your code will be lost.')) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: kata.starter } });
    save();
    status.textContent = 'Starter restored.';
  });
  // Ctrl/Cmd-Enter anywhere on the page, not only in the editor.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !view.hasFocus) { e.preventDefault(); void check(); }
  });
  root.dataset.ready = 'true';
  w.mlinKataPage = {
    grade: (source, options) => gradeInBrowser(kata, source, options),
    check,
    referenceReport: () => gradeWith(kata, referenceRunner(kata)),
    setCode: (source) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: source } }),
    getCode: () => view.state.doc.toString(),
  };
}

start();
