import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_NAME, REPO_ROOT } from '../../scripts/runner/kernel';
import { lineChart } from '../../lib/plot/figure';
import { figureBundle, figureHtml, KERNELSPEC_NAME, PLOTLY_MIME, plotlyKernelspecFile, plotlyModulePath, plotlySource } from '../../lib/plot/show';
import { publishDisplay } from '../../lib/core/display';

const fig = lineChart([{ name: 'a', x: [1, 2], y: [3, 4] }], { title: 'A </script> title' });

describe('figureBundle', () => {
  it('carries the Plotly JSON, an HTML fallback and a text summary in one bundle', () => {
    const b = figureBundle(fig, { index: 0 });
    expect(Object.keys(b).sort()).toEqual([PLOTLY_MIME, 'text/html', 'text/plain'].sort());
    expect(b[PLOTLY_MIME]).toEqual(fig);
    expect(b['text/plain']).toBe('Plotly figure "A </script> title": 1 trace (1 scatter), 2 points');
  });

  it('embeds plotly.js only when asked, and never lets data close the script tag', () => {
    const withLib = figureBundle(fig, { embedPlotly: true, index: 0 })['text/html'] as string;
    const without = figureBundle(fig, { index: 1 })['text/html'] as string;
    expect(withLib.length).toBeGreaterThan(1_000_000);
    expect(without.length).toBeLessThan(8_000);
    expect(without).toContain('P.newPlot(plot, fig.data, fig.layout');
    expect(without).not.toContain('A </script>');
    expect(without).toContain('\\u003c/script\\u003e');
    // The summary in the static note is HTML-escaped, so a title cannot inject markup either.
    expect(without).toContain('A &lt;/script&gt; title');
  });

  it('says in the output what to do before any script runs, and waits for plotly.js a bounded time', () => {
    const html = figureHtml(fig, { index: 0, loadTimeoutMs: 1500 });
    expect(html).toMatch(/<div class="mlin-chart-note"[^>]*>Plotly figure .*If this text stays, scripts did not run here/);
    expect(html).toContain('setTimeout(function () { fail(\'plotly.js did not load within 2 s\'); }, 1500)');
    expect(html).not.toMatch(/setInterval/);
    expect(() => figureHtml(fig, { index: 0, loadTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => figureHtml(fig, { index: 0, loadTimeoutMs: 0 })).toThrow('expected loadTimeoutMs > 0, got loadTimeoutMs = 0');
  });

  it('knows where plotly.js sits below node_modules, for the page to load it from the Jupyter server', () => {
    expect(plotlyModulePath()).toBe('node_modules/plotly.js-dist/plotly.js');
    expect(figureHtml(fig, { index: 0 })).toContain('"node_modules/plotly.js-dist/plotly.js"');
  });

  it('is deterministic: same figure and index give the same HTML (no random ids)', () => {
    const a = figureBundle(fig, { index: 3 })['text/html'];
    const b = figureBundle(fig, { index: 3 })['text/html'];
    expect(a).toBe(b);
    expect(a).toMatch(/id="mlin-plot-[0-9a-f]{12}-3"/);
  });

  it('minifies plotly.js once and caches it (smaller than the 11 MB source)', () => {
    const src = plotlySource();
    expect(src.length).toBeLessThan(6_000_000);
    expect(src).toContain('Plotly');
  });

  it('outside a kernel, publishing explains what is needed', () => {
    expect(() => publishDisplay({ 'text/plain': 'x' })).toThrow(/needs the tslab kernel/);
  });

  it('kernel:install puts the minified plotly.js beside the kernelspec (where Jupyter serves it) and drops older copies', () => {
    expect(KERNELSPEC_NAME).toBe(KERNEL_NAME);
    const prefix = mkdtempSync(path.join(os.tmpdir(), 'kernelspec-plotly-'));
    try {
      const dir = path.join(prefix, 'share', 'jupyter', 'kernels', KERNEL_NAME);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'plotly-0.0.1.min.js'), 'stale');
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'kernel-install.ts'), '--prefix', prefix], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['kernel.json', plotlyKernelspecFile()].sort());
      expect(plotlyKernelspecFile()).toMatch(/^plotly-\d+\.\d+\.\d+\.min\.js$/);
      expect(readFileSync(path.join(dir, plotlyKernelspecFile()), 'utf8')).toBe(plotlySource());
      expect(existsSync(path.join(dir, 'plotly-0.0.1.min.js'))).toBe(false);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });
});
