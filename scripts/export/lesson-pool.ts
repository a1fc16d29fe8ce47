// Builds lessons on this thread and, given a second core, on a worker thread too: each step's tasks are split by size.
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { LessonReader } from './lesson';
import { buildLesson, type LessonBuildResult, type LessonBuildTask } from './lesson-build';

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

const workerReader = new LessonReader();
/** What the worker runs for each task (exported for it; same reader for both steps, as on the main thread). */
export function buildInWorker(task: LessonBuildTask): Promise<LessonBuildResult> {
  return buildLesson(task, workerReader);
}

type Pending = { resolve: (r: LessonBuildResult) => void; reject: (e: Error) => void };

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
    this.worker.on('message', (m: { id: number; result?: LessonBuildResult; error?: string }) => {
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

  private inWorker(task: LessonBuildTask): Promise<LessonBuildResult> {
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

  /** Runs the tasks, about half of the work (by notebook size) on the worker; each failing worker task runs here. */
  async run(tasks: LessonBuildTask[]): Promise<LessonBuildResult[]> {
    const here: number[] = [];
    const there: number[] = [];
    if (this.worker && tasks.length > 1) {
      const size = tasks.map((t) => statSync(t.file).size);
      let [a, b] = [0, 0];
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
