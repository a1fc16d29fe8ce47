import { describe, expect, it } from 'vitest';
import { lineChart } from '../../lib/plot/figure';
import { figureBundle, PLOTLY_MIME, plotlySource } from '../../lib/plot/show';
import { publishDisplay } from '../../lib/core/display';

const fig = lineChart([{ name: 'a', x: [1, 2], y: [3, 4] }], { title: 'A </script> title' });

describe('figureBundle', () => {
  it('carries the Plotly JSON, an HTML fallback and a text summary in one bundle', () => {
    const b = figureBundle(fig, { includePlotly: false, index: 0 });
    expect(Object.keys(b).sort()).toEqual([PLOTLY_MIME, 'text/html', 'text/plain'].sort());
    expect(b[PLOTLY_MIME]).toEqual(fig);
    expect(b['text/plain']).toBe('Plotly figure "A </script> title": 1 trace (1 scatter), 2 points');
  });

  it('embeds plotly.js only when asked (once per session) and never lets data close the script tag', () => {
    const withLib = figureBundle(fig, { includePlotly: true, index: 0 })['text/html'] as string;
    const without = figureBundle(fig, { includePlotly: false, index: 1 })['text/html'] as string;
    expect(withLib.length).toBeGreaterThan(1_000_000);
    expect(without.length).toBeLessThan(2_000);
    expect(without).toContain('window.Plotly.newPlot');
    expect(without).not.toContain('A </script>');
    expect(without).toContain('\\u003c/script\\u003e');
  });

  it('is deterministic: same figure and index give the same HTML (no random ids)', () => {
    const a = figureBundle(fig, { includePlotly: false, index: 3 })['text/html'];
    const b = figureBundle(fig, { includePlotly: false, index: 3 })['text/html'];
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
});
