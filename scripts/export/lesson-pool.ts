// Builds lessons on this thread and, given a second core, on a worker thread too: each step's tasks are split by size; the worker also typesets the quiz.
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Question } from '../../lib/interview/question-bank';
import { LessonReader } from './lesson';
import { buildLesson, type LessonBuildResult, type LessonBuildTask } from './lesson-build';
import type { Rendered } from './quiz-page';

// The worker's script (CommonJS, run with eval): loads this module through tsx, then builds each task it is sent.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = import(workerData.tsx).then(({ tsImport }) => tsImport(workerData.module, workerData.module));
parentPort.on('message', ({ id, task }) => {
  ready.then((m) => m.buildInWorker(task)).then(
    (result) => parentPort.postMessage({ id, result }),
    (err) => parentPort.postMessage({ id, error: String((err && err.stack) || err) }));
});
`;

/** The quiz's questions and answers to typeset (quiz-page.ts renderQuestions), a job that needs no lesson page. */
interface QuestionsTask { step: 'questions'; questions: Question[] }
type QuestionsResult = { ok: true; rendered: Rendered[] } | { ok: false; error: string };
type WorkerTask = LessonBuildTask | QuestionsTask;
type WorkerResult = LessonBuildResult | QuestionsResult;

const workerReader = new LessonReader();
/** What the worker runs for each task (exported for it; same reader for both steps, as on the main thread). */
export async function buildInWorker(task: WorkerTask): Promise<WorkerResult> {
  if (task.step !== 'questions') return buildLesson(task, workerReader);
  try {
    // Imported here: a worker that never gets this job does not load the quiz's modules.
    const { renderQuestions } = await import('./quiz-page');
    return { ok: true, rendered: renderQuestions(task.questions) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/**
 * The quiz job's weight against the page bodies of all lessons (measured with EXPORT_TIMINGS: about 1 s of 5 s),
 * so that both threads finish the page step at about the same time.
 */
const QUESTIONS_SHARE = 0.2;

type Pending = { resolve: (r: WorkerResult) => void; reject: (e: Error) => void };

/**
 * Lesson builds on `threads` threads (1 or 2). The worker is started at once, so that it loads the MDX toolchain
 * while this thread reads the notebooks; if it cannot start or fails, its tasks run here. Results come back in task order.
 */
export class LessonPool {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Lesson builds the worker did (the rest ran on this thread). */
  workerBuilds = 0;

  constructor(threads: number, private readonly reader: LessonReader) {
    if (threads < 2) return;
    try {
      this.worker = new Worker(WORKER, { eval: true, workerData: { tsx: import.meta.resolve('tsx/esm/api'), module: import.meta.url } });
    } catch {
      return;
    }
    const fail = (err: Error) => {
      this.worker = undefined;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('message', (m: { id: number; result?: WorkerResult; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker?.unref();
      if (m.result) p?.resolve(m.result);
      else p?.reject(new Error(m.error));
    });
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('the lesson worker stopped')));
    this.worker.unref();
  }

  private inWorker(task: LessonBuildTask): Promise<LessonBuildResult>;
  private inWorker(task: QuestionsTask): Promise<QuestionsResult>;
  private inWorker(task: WorkerTask): Promise<WorkerResult> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('no worker'));
    const id = this.nextId++;
    // Held while it has work: an idle worker never keeps the process alive, but a busy one must, or the process would
    // end (exit code 0, nothing written) whenever this thread finished its share first and waited for the worker's.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, task });
    });
  }

  /**
   * The quiz's questions and answers typeset on the worker, beside this thread's lesson builds; undefined with no
   * worker (the quiz page then typesets them itself). A worker that fails leaves the job to the caller (undefined).
   */
  renderQuestions(questions: Question[]): Promise<Rendered[] | undefined> | undefined {
    if (!this.worker) return undefined;
    const job = this.inWorker({ step: 'questions', questions }).then((r): Rendered[] => {
      if (!r.ok) throw new Error(r.error);
      return r.rendered;
    }, () => undefined);
    this.workerHeadStart = QUESTIONS_SHARE;
    return job;
  }

  /** Share of the next run's work (by notebook size) the worker is given less, for a job sent to it beside the run. */
  private workerHeadStart = 0;

  /** Runs the tasks, about half of the work (by notebook size) on the worker; each failing worker task runs here. */
  async run(tasks: LessonBuildTask[]): Promise<LessonBuildResult[]> {
    const here: number[] = [];
    const there: number[] = [];
    if (this.worker && tasks.length > 1) {
      const size = tasks.map((t) => statSync(t.file).size);
      let [a, b] = [0, this.workerHeadStart * size.reduce((s, x) => s + x, 0)];
      this.workerHeadStart = 0;
      for (const i of tasks.map((_, i) => i).sort((x, y) => size[y] - size[x] || x - y)) {
        if (a <= b) { here.push(i); a += size[i]; } else { there.push(i); b += size[i]; }
      }
    } else here.push(...tasks.keys());
    const results: (LessonBuildResult | Promise<LessonBuildResult>)[] = new Array(tasks.length);
    for (const i of there) {
      results[i] = this.inWorker(tasks[i]).then((r) => {
        this.workerBuilds++;
        return r;
      }, () => buildLesson(tasks[i], this.reader));
    }
    for (const i of here.sort((x, y) => x - y)) results[i] = await buildLesson(tasks[i], this.reader);
    return Promise.all(results);
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
