import { describe, expect, it } from 'vitest';
import { barChart, describeFigure, heatmapChart, lineChart, overlay, roundForPlot, scatterChart } from '../../lib/plot/figure';

describe('figure builders', () => {
  it('builds line traces from typed arrays, rounded to 6 significant digits', () => {
    const fig = lineChart([{ name: 'a', x: new Float64Array([1, 2]), y: new Float64Array([1 / 3, 2 / 3]) }], { title: 'T', xTitle: 'x' });
    expect(fig.data).toEqual([{ type: 'scatter', mode: 'lines', name: 'a', x: [1, 2], y: [0.333333, 0.666667] }]);
    expect(fig.layout.title).toEqual({ text: 'T' });
    expect(fig.layout.xaxis?.title).toEqual({ text: 'x' });
  });

  it('groups scatter points by label, naming groups', () => {
    const fig = scatterChart({ x: [0, 1, 2], y: [0, 1, 4], labels: new Int32Array([0, 1, 0]), labelNames: ['no', 'yes'] });
    expect(fig.data.map((t) => t.name)).toEqual(['no', 'yes']);
    expect(fig.data[0]).toMatchObject({ x: [0, 2], y: [0, 4] });
  });

  it('keeps NaN and infinities as they are', () => {
    expect(roundForPlot([Number.NaN, Infinity, 1.23456789])).toEqual([Number.NaN, Infinity, 1.23457]);
  });

  it('rejects mismatched lengths with RangeError naming the sizes', () => {
    expect(() => lineChart([{ x: [1, 2], y: [1] }])).toThrow(/same length, got 2 and 1/);
    expect(() => barChart(['a'], [1, 2])).toThrow(RangeError);
    expect(() => scatterChart({ x: [1], y: [1], labels: [1, 2] })).toThrow(RangeError);
  });

  it('describes a figure in one line', () => {
    expect(describeFigure(lineChart([{ x: [1, 2, 3], y: [1, 2, 3] }, { x: [1], y: [1] }], { title: 'Loss' })))
      .toBe('Plotly figure "Loss": 2 traces (2 scatter), 4 points');
    expect(describeFigure(heatmapChart([[1, 2], [3, 4]]))).toBe('Plotly figure untitled: 1 trace (1 heatmap), 4 points');
  });

  it('lets every axis make room for its labels (automargin), so category labels are never clipped', () => {
    const cm = heatmapChart([[5, 1], [2, 7]], { x: ['predicted Adelie', 'predicted Chinstrap'], y: ['true Adelie', 'true Chinstrap'] });
    expect(cm.layout.xaxis?.automargin).toBe(true);
    expect(cm.layout.yaxis?.automargin).toBe(true);
    expect(lineChart([{ x: [1], y: [1] }], { xTitle: 'x' }).layout.xaxis).toEqual({ automargin: true, title: { text: 'x' } });
  });

  it('names the single trace of a one-trace chart, so an overlay has no "trace 0" legend entry', () => {
    const fig = overlay(
      scatterChart({ x: [1, 2], y: [2, 3] }, { name: 'training points' }),
      lineChart([{ name: 'true f(x)', x: [1, 2], y: [1, 2] }]),
    );
    expect(fig.data.map((t) => t.name)).toEqual(['training points', 'true f(x)']);
    expect(barChart(['a'], [1], { name: 'share' }).data[0].name).toBe('share');
    expect(heatmapChart([[1]], { name: 'P(y = 1)' }).data[0].name).toBe('P(y = 1)');
    expect('name' in barChart(['a'], [1]).data[0]).toBe(false);
  });

  it('leaves Plotly\'s <sup>/<sub> tags out of the one-line summary', () => {
    expect(describeFigure(lineChart([{ x: [1], y: [1] }], { title: 'Bias² and f(x<sub>t</sub>)<br>per step' })))
      .toBe('Plotly figure "Bias² and f(xt) per step": 1 trace (1 scatter), 1 points');
  });
});
