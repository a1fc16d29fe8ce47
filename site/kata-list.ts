// The katas page's script: marks each kata solved (or failing) from the browser's kata progress, and exports/imports progress as a JSON file.
import { exportFile, importFile, loadKatas } from './kata-progress';

function start(): void {
  const box = document.getElementById('kata-progress');
  if (!box) return;
  const quizKey = box.dataset.storageKey ?? 'ml-interview-notebooks:quiz-progress';
  const status = document.getElementById('kata-progress-status') as HTMLElement;

  const mark = () => {
    const p = loadKatas(quizKey);
    let solved = 0;
    document.querySelectorAll<HTMLElement>('[data-kata-state]').forEach((el) => {
      const id = el.dataset.kataState ?? '';
      const rec = p.katas[id];
      // Solved once stays solved (as the terminal's time-to-pass does); a later failing check is said beside it.
      const state = rec?.status === 'passed' || (rec && rec.secondsToPass !== null) ? 'solved' : rec?.status === 'failed' ? 'failing' : rec ? 'started' : '';
      if (state === 'solved') solved++;
      el.textContent = state === 'solved' ? `✓ solved${rec?.status === 'failed' ? ` (last check: ${rec.lastResult ?? ''} passed)` : ''}`
        : state === 'failing' ? `✗ not passing yet (last check: ${rec?.lastResult ?? ''} passed)` : state === 'started' ? 'started' : '';
      el.className = `kata-state${state ? ` kata-state-${state}` : ''}`;
      el.closest('.kata')?.classList.toggle('kata-solved', state === 'solved');
    });
    const total = document.querySelectorAll('[data-kata-state]').length;
    const summary = document.getElementById('kata-progress-summary');
    if (summary) summary.textContent = `Solved in this browser: ${solved} of ${total}.`;
  };
  mark();
  // Another tab (a kata page) may change progress.
  window.addEventListener('storage', mark);
  window.addEventListener('pageshow', mark);

  document.getElementById('kata-export')?.addEventListener('click', () => {
    const text = `${JSON.stringify(exportFile(quizKey), null, 2)}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'ml-interview-progress.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    status.textContent = 'Progress exported to ml-interview-progress.json.';
  });
  const input = document.getElementById('kata-import-file') as HTMLInputElement | null;
  document.getElementById('kata-import')?.addEventListener('click', () => input?.click());
  input?.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      try {
        const r = importFile(quizKey, text);
        status.textContent = `Imported ${file.name}: ${r.katas} kata record${r.katas === 1 ? '' : 's'}${r.quiz ? ' and the quiz progress' : ''}.`;
        mark();
      } catch (err) {
        status.textContent = `Could not import ${file.name}: ${(err as Error).message}`;
      }
      input.value = '';
    });
  });
}

start();
