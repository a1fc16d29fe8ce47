// The downloadable copy of an executed notebook: the same notebook without the multi-megabyte HTML fallbacks of Plotly charts.
import { serializeNotebook, type Notebook } from '../runner/notebook';
import { PLOTLY_MIME } from './outputs';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A chart output carries its Plotly JSON (drawn by JupyterLab with jupyterlab-plotly, VS Code, Colab) and an HTML
 * fallback that repeats the figure and loads plotly.js from a Jupyter server running this project's kernel (or, with
 * `embedPlotly`, carries all of it). The copy keeps the JSON and the text summary and drops the fallback, which a
 * reader's own Jupyter could not serve. Re-running the notebook brings the fallback back.
 */
export function downloadCopy(nb: Notebook): string {
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    for (const out of cell.outputs ?? []) {
      if (isObject(out.data) && out.data[PLOTLY_MIME] !== undefined) delete out.data['text/html'];
    }
  }
  return serializeNotebook(copy);
}
