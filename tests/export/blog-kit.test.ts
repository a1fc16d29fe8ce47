// The blog side of the export: stable front matter dates, and the kit's components as plain ES modules that render.
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { blogKitFiles, kitModule, kitPlotly, traceTypes, writeBlogKit } from '../../scripts/export/blog-kit';
import { readFrontmatter, writeFrontmatter } from '../../scripts/export/frontmatter';
import { lessonDate, lessonMeta } from '../../scripts/export/lesson';
import type { Notebook } from '../../scripts/runner/notebook';

const nb = (lesson?: Record<string, unknown>): Notebook => ({
  nbformat: 4, nbformat_minor: 5, metadata: lesson ? { lesson } : {},
  cells: [{ cell_type: 'markdown', id: 'a', metadata: {}, source: '# Title\n\nOpening paragraph.' }],
} as unknown as Notebook);

describe('front matter for blogs', () => {
  it('dates a lesson from metadata.lesson.date, else from its order (never the clock)', () => {
    expect(lessonDate(1)).toBe('2026-01-01');
    expect(lessonDate(13)).toBe('2026-01-13');
    expect(lessonDate(40)).toBe('2026-02-09');
    expect(lessonDate(Number.MAX_SAFE_INTEGER)).toBe('2026-01-01');
    expect(lessonMeta(nb(), 'notebooks/07-cnn.ipynb', 'notebooks/07-cnn.ipynb').date).toBe('2026-01-07');
    expect(lessonMeta(nb({ date: '2025-03-14' }), 'notebooks/07-cnn.ipynb', 's').date).toBe('2025-03-14');
    expect(() => lessonMeta(nb({ date: 'March 14' }), 'notebooks/07-cnn.ipynb', 's')).toThrow(/07-cnn\.ipynb.*metadata\.lesson\.date must be a date "YYYY-MM-DD", got "March 14"/);
  });

  it('writes date and sidebar_position, and reads them back', () => {
    const meta = { slug: 's', title: 'T', description: 'd', tags: [], date: '2026-01-03', order: 3, source: 'notebooks/s.ipynb' };
    const text = writeFrontmatter(meta);
    expect(text).toContain('\ndate: "2026-01-03"\norder: 3\nsidebar_position: 3\n');
    expect(readFrontmatter(`${text}\nbody`).meta).toEqual(meta);
  });
});

describe('build/mdx/kit', () => {
  const dir = mkdtempSync(path.join(process.cwd(), 'build', 'test-kit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ships components, stylesheet, chart script and plotly.js', () => {
    const names = [...blogKitFiles().keys()].sort();
    expect(names).toEqual(['README.txt', 'components/blog-chart.js', 'components/components.js', 'components/index.js',
      'components/nb-output.css', 'components/plotly-chart.js', 'static/nb-charts.js', 'static/plotly.min.js']);
    expect(blogKitFiles().get('components/nb-output.css')?.()).toMatch(/\.katex-display \{ overflow-x: auto;/);
  });

  it('picks the cartesian plotly.js bundle when it draws every trace the charts use, else the full one', () => {
    expect(traceTypes(path.join(process.cwd(), 'tests', 'fixtures', 'blog'))).toEqual(new Set(['heatmap', 'scatter']));
    expect(kitPlotly(new Set(['scatter', 'heatmap', 'bar'])).name).toBe('plotly.js-cartesian-dist-min');
    expect(kitPlotly(new Set(['scatter', 'scatter3d'])).name).toBe('plotly.js-dist (full)');
  });

  it('links the previous kit when nothing it depends on changed, and writes it afresh when the charts need another bundle', () => {
    const fixture = path.join(process.cwd(), 'tests', 'fixtures', 'blog');
    const [a, b, c] = ['a', 'b', 'c'].map((n) => path.join(dir, n));
    for (const d of [a, b, c]) cpSync(fixture, d, { recursive: true });
    writeBlogKit(a);
    writeBlogKit(b, a);
    const plotly = (d: string) => statSync(path.join(d, 'kit', 'static', 'plotly.min.js'));
    expect(plotly(b).ino).toBe(plotly(a).ino);
    writeFileSync(path.join(c, 'assets', 'x', 'cell1.json'), '{"data":[{"type":"scatter3d"}]}');
    writeBlogKit(c, a);
    expect(plotly(c).ino).not.toBe(plotly(a).ino);
    expect(plotly(c).size).toBeGreaterThan(plotly(a).size);
  });

  it('compiles site/*.ts to ES modules with .js imports that a bundler-free Node can load and React can render', async () => {
    expect(kitModule('blog-chart.ts')).toMatch(/^"use client";\n/);
    expect(kitModule('blog-components.ts')).toContain('from "./components.js"');
    mkdirSync(path.join(dir, 'kit'));
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
    for (const [name, produce] of blogKitFiles()) {
      if (!name.startsWith('components/') || !name.endsWith('.js')) continue;
      writeFileSync(path.join(dir, 'kit', path.basename(name)), produce());
    }
    const kit = (await import(pathToFileURL(path.join(dir, 'kit', 'index.js')).href)) as { components: Record<string, ComponentType<Record<string, unknown>>>; setPlotlySrc: (u: string) => void };
    expect(Object.keys(kit.components).sort()).toEqual(['ErrorOutput', 'HtmlOutput', 'ImageOutput', 'MarkdownOutput', 'PlotlyChart', 'Solution', 'Stream']);
    expect(typeof kit.setPlotlySrc).toBe('function');
    const html = renderToStaticMarkup(createElement(kit.components.PlotlyChart, { figure: { data: [{ type: 'bar', y: [1, 2] }] }, summary: 'two bars' }));
    expect(html).toContain('<figure class="nb-output nb-plotly"');
    expect(html).toContain('<script type="application/json" class="nb-plotly-data">{"data":[{"type":"bar","y":[1,2]}]}</script>');
    expect(renderToStaticMarkup(createElement(kit.components.Stream, { name: 'stdout', text: 'hi <b>' }))).toContain('hi &lt;b&gt;');
  });
});
