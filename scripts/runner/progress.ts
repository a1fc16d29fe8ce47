// Progress display: a live bar on a terminal, or one plain line per finished notebook (not a TTY, or CI set).
import type { NotebookReport } from './report';

export interface Progress {
  started(path: string): void;
  cell(path: string, done: number, total: number): void;
  finished(n: NotebookReport): void;
  close(): void;
}

function lineFor(n: NotebookReport): string {
  const mark = n.status === 'failed' ? '✖' : n.status === 'cached' ? '↺' : '✔';
  // An unusable notebook's reason (e.g. the list of installed kernels) was printed in full already: said once.
  const failed = n.failure?.kind === 'invalid-notebook' ? 'failed (invalid notebook, see above)' : `failed: ${n.failure?.reason ?? ''}`;
  const what = n.status === 'cached' ? 'cached (unchanged)' : n.status === 'failed' ? failed : `${n.cells.ok + n.cells.expectedError} cells`;
  return `${mark} ${n.path}: ${what}, ${n.seconds.toFixed(1)} s`;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const live = Boolean(stream.isTTY) && !process.env.CI;
  let finished = 0;
  const running = new Map<string, string>();
  const redraw = () => {
    if (!live) return;
    const width = 24;
    const filled = Math.round((finished / Math.max(total, 1)) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${total}`;
    const names = [...running.entries()].map(([p, c]) => `${p.split('/').pop()}${c ? ` ${c}` : ''}`).join(', ');
    const text = `${bar}${names ? `  running: ${names}` : ''}`;
    stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 100) - 1)}`);
  };
  return {
    started(path) { running.set(path, ''); redraw(); },
    cell(path, done, all) { running.set(path, `${done}/${all}`); redraw(); },
    finished(n) {
      finished++;
      running.delete(n.path);
      if (live) stream.write('\r\x1b[2K');
      stream.write(`${lineFor(n)}\n`);
      redraw();
    },
    close() { if (live) stream.write('\r\x1b[2K'); },
  };
}
