// Conversion tests on the fixtures: escaped prose, math, sanitized outputs, PNG/Plotly assets, streams and errors; every .mdx compiles.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compile, evaluate } from '@mdx-js/mdx';
import type { MDXContent } from 'mdx/types';
import { createElement } from 'react';
import * as runtime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import rehypeKatex from 'rehype-katex';
import { beforeAll, describe, expect, it } from 'vitest';
import { REMARK_PLUGINS } from '../../scripts/export/compile';
import { readFrontmatter } from '../../scripts/export/frontmatter';
import { components } from '../../site/components';
import { classes, elements, read, runExport, workspace, LESSONS, type Workspace } from './helpers';

let ws: Workspace;
const mdxOf = (slug: string) => read(path.join(ws.mdx, `${slug}.mdx`));
const pageOf = (slug: string) => read(path.join(ws.site, `${slug}.html`));

beforeAll(async () => {
  ws = workspace(LESSONS);
  const report = await runExport(ws);
  expect(report.errors).toEqual([]);
  expect(report.lessons).toEqual(['01-prose-and-math', '02-charts-and-html', '03-real-runner']);
});

/** Renders an exported .mdx the way a React blog would: compiled by @mdx-js/mdx, assets as plain URLs/JSON. */
async function renderAsBlog(slug: string): Promise<string> {
  const source = mdxOf(slug).replace(/^import (\w+) from "(\.\/assets\/[^"]+)"$/gm, (_m, id: string, spec: string) =>
    spec.endsWith('.json') ? `export const ${id} = ${readFileSync(path.join(ws.mdx, spec), 'utf8').trim()}` : `export const ${id} = ${JSON.stringify(spec)}`);
  const mod = await evaluate(source, { ...runtime, remarkPlugins: REMARK_PLUGINS });
  return renderToStaticMarkup(createElement(mod.default as MDXContent, { components }));
}

describe('every generated .mdx', () => {
  it('compiles with @mdx-js/mdx (with remark-frontmatter, remark-gfm, remark-math, as a blog configures it)', async () => {
    const files = readdirSync(ws.mdx).filter((f) => f.endsWith('.mdx'));
    expect(files).toHaveLength(3);
    for (const f of files) {
      const out = await compile(read(path.join(ws.mdx, f)), { remarkPlugins: REMARK_PLUGINS });
      expect(String(out.value)).toContain('function _createMdxContent');
    }
  });

  it('renders in a blog set up as README says (remark-math + rehype-katex): the math is typeset', async () => {
    const source = mdxOf('01-prose-and-math').replace(/^import (\w+) from "(\.\/assets\/[^"]+)"$/gm, (_m, id: string, spec: string) => `export const ${id} = ${JSON.stringify(spec)}`);
    const mod = await evaluate(source, { ...runtime, remarkPlugins: REMARK_PLUGINS, rehypePlugins: [rehypeKatex] });
    const html = renderToStaticMarkup(createElement(mod.default as MDXContent, { components }));
    expect(html).toContain('class="katex"');
    expect(html).not.toContain('math-inline');
  });

  it('starts with YAML front matter: title, description, tags, order, slug, source', () => {
    const { meta } = readFrontmatter(mdxOf('01-prose-and-math'));
    expect(meta).toEqual({
      title: 'Prose, math and code',
      description: 'Escaping {braces} and <tags>, KaTeX math, outputs and errors.',
      tags: ['fixtures', 'math'],
      date: '2026-01-01',
      order: 1,
      slug: '01-prose-and-math',
      source: 'notebooks/01-prose-and-math.ipynb',
    });
    // Without metadata.lesson: the first heading, the first paragraph and the number prefix.
    const derived = readFrontmatter(mdxOf('02-charts-and-html')).meta;
    expect(derived.title).toBe('Charts and HTML output');
    expect(derived.description).toBe('Interactive Plotly charts drawn from their JSON, and HTML outputs made safe.');
    expect(derived.order).toBe(2);
    expect(derived.tags).toEqual([]);
    // A stable date from the order (never the clock), and the order again under the name Docusaurus reads.
    expect(derived.date).toBe('2026-01-02');
    expect(mdxOf('02-charts-and-html')).toMatch(/^order: 2\nsidebar_position: 2\n/m);
    // The title heading moved into the front matter.
    expect(mdxOf('01-prose-and-math')).not.toMatch(/^# /m);
  });

  it('marks the excerpt for blogs: {/* truncate */} once, after the opening paragraph, rendering as nothing', async () => {
    for (const slug of ['01-prose-and-math', '02-charts-and-html']) {
      const body = readFrontmatter(mdxOf(slug)).body.replace(/^import .*\n/gm, '').trimStart();
      expect(body.match(/\{\/\* truncate \*\/\}/g)).toHaveLength(1);
      // Only the opening paragraph comes before it.
      expect(body.split('{/* truncate */}')[0].trim()).not.toContain('\n\n');
    }
    expect(await renderAsBlog('01-prose-and-math')).not.toContain('truncate');
  });
});

describe('prose', () => {
  it('escapes { } < > so text never becomes JSX or JavaScript, and renders it as the same text', async () => {
    const mdx = mdxOf('01-prose-and-math');
    expect(mdx).toContain('braces \\{like this\\}, a closing \\} alone, generics such as Array\\<T\\>, and comparisons a \\< b and b \\> a.');
    expect(mdx).toContain('JSX \\<Danger onClick=\\{() =\\> alert(1)\\} /\\>');
    const html = await renderAsBlog('01-prose-and-math');
    expect(html).toContain('braces {like this}, a closing } alone, generics such as Array&lt;T&gt;, and comparisons a &lt; b and b &gt; a.');
    expect(html).toContain('JSX &lt;Danger onClick={() =&gt; alert(1)} /&gt;');
    expect(html).toContain('an HTML tag &lt;img src=x onerror=alert(1)&gt; stay text');
    expect(elements(html).some((e) => e.tagName === 'img' && e.properties.onError !== undefined)).toBe(false);
  });

  it('keeps http links, drops javascript: links, turns <br> into a line break, and links other lessons to their pages', () => {
    const mdx = mdxOf('01-prose-and-math');
    expect(mdx).toContain('[safe link](https://example.org/docs)');
    expect(mdx).not.toContain('javascript:');
    expect(mdx).toContain('and a bad link.\\\nNext line after a break');
    const links = elements(pageOf('01-prose-and-math')).filter((e) => e.tagName === 'a').map((e) => String(e.properties.href));
    expect(links).toContain('02-charts-and-html.html');
    expect(links.some((h) => h.startsWith('javascript:'))).toBe(false);
  });

  it('keeps inline and display math intact in the MDX and renders it with KaTeX at build time', () => {
    const mdx = mdxOf('01-prose-and-math');
    expect(mdx).toContain('$\\hat{y} = \\sigma(w^\\top x + b)$');
    expect(mdx).toContain('$\\sigma(z) = \\frac{1}{1 + e^{-z}}$');
    expect(mdx).toContain('$a < b$');
    expect(mdx).toContain('$$\n\\mathcal{L}(\\theta) = -\\frac{1}{n}\\sum_{i=1}^{n} \\left[ y_i \\log \\hat{y}_i + (1 - y_i) \\log (1 - \\hat{y}_i) \\right]\n$$');
    const page = pageOf('01-prose-and-math');
    const els = elements(page);
    expect(els.filter((e) => classes(e).includes('katex')).length).toBeGreaterThanOrEqual(6);
    expect(els.some((e) => classes(e).includes('katex-display'))).toBe(true);
    expect(els.some((e) => classes(e).includes('katex-error'))).toBe(false);
    expect(page).toContain('<annotation encoding="application/x-tex">\\hat{y} = \\sigma(w^\\top x + b)</annotation>');
    expect(page).toContain('href="assets/katex/katex.min.css"');
  });

  it('highlights code at build time and gives h2/h3 headings ids listed in the table of contents', () => {
    const els = elements(pageOf('01-prose-and-math'));
    expect(els.some((e) => classes(e).includes('hljs-keyword'))).toBe(true);
    const toc = els.find((e) => e.tagName === 'nav' && classes(e).includes('toc'));
    expect(toc).toBeDefined();
    const tocLinks = elements(pageOf('01-prose-and-math')).filter((e) => e.tagName === 'a' && String(e.properties.href).startsWith('#') && e.properties.href !== '#main' && !classes(e).includes('heading-anchor'));
    expect(tocLinks.map((a) => a.properties.href)).toEqual(['#text-that-looks-like-code', '#math', '#a-table', '#exercises']);
    for (const id of ['text-that-looks-like-code', 'math', 'a-table', 'exercises']) expect(els.some((e) => e.properties.id === id)).toBe(true);
  });
});

describe('outputs', () => {
  it('HTML output: <script>, on* handlers, javascript: URLs and external loads are gone; the table stays', () => {
    const mdx = mdxOf('02-charts-and-html');
    const htmlAttr = /<HtmlOutput html=\{("(?:[^"\\]|\\.)*")\} \/>/.exec(mdx);
    expect(htmlAttr).not.toBeNull();
    const html = JSON.parse(htmlAttr?.[1] ?? '""') as string;
    expect(html).toContain('<table class="dataframe">');
    expect(html).toContain('<td style="color: teal">0.91</td>');
    for (const bad of ['<script', 'onerror', 'onmouseover', 'javascript:', 'evil.example', '<iframe', '<link', '<form', 'url(']) expect(html).not.toContain(bad);
    const page = pageOf('02-charts-and-html');
    const els = elements(page);
    for (const e of els) {
      expect(Object.keys(e.properties).filter((k) => /^on/i.test(k))).toEqual([]);
      if (e.tagName === 'script') expect(e.properties.type === 'application/json' || String(e.properties.src).startsWith('assets/')).toBe(true);
      for (const k of ['href', 'src']) if (typeof e.properties[k] === 'string') expect(e.properties[k]).not.toMatch(/^\s*javascript:|evil\.example/);
    }
    expect(page).not.toContain('window.hacked = true;</script>');
  });

  it('SVG output: sanitized into an asset file shown with <img>', () => {
    const svg = read(path.join(ws.mdx, 'assets', '02-charts-and-html', 'cell7-1.svg'));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const bad of ['<script', 'onload', 'javascript:', 'evil.example', '<image']) expect(svg).not.toContain(bad);
    expect(svg).toContain('fill="url(#g)"');
    expect(svg).toContain('<linearGradient id="g">');
    const img = elements(pageOf('02-charts-and-html')).find((e) => e.tagName === 'img' && String(e.properties.src).endsWith('.svg'));
    expect(img?.properties.src).toBe('media/02-charts-and-html/cell7-1.svg');
    expect(existsSync(path.join(ws.site, 'media', '02-charts-and-html', 'cell7-1.svg'))).toBe(true);
  });

  it('PNG output: a decoded file under assets/, imported by the MDX, an <img> with its size on the page', () => {
    const png = readFileSync(path.join(ws.mdx, 'assets', '01-prose-and-math', 'cell5-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const mdx = mdxOf('01-prose-and-math');
    expect(mdx).toContain('import asset_5_1_png from "./assets/01-prose-and-math/cell5-1.png"');
    expect(mdx).toContain('<ImageOutput src={asset_5_1_png} alt="A 24x16 gradient" width={24} height={16} />');
    const img = elements(pageOf('01-prose-and-math')).find((e) => e.tagName === 'img' && classes(e).includes('nb-image'));
    expect(img?.properties).toMatchObject({ src: 'media/01-prose-and-math/cell5-1.png', width: 24, height: 16, alt: 'A 24x16 gradient' });
    expect(readFileSync(path.join(ws.site, 'media', '01-prose-and-math', 'cell5-1.png')).equals(png)).toBe(true);
    expect(pageOf('01-prose-and-math')).not.toContain('rel="preload"');
  });

  it('Plotly output: JSON asset + PlotlyChart with a summary for screen readers; the page embeds the JSON and loads the chart script, pages without charts do not', () => {
    const nb = JSON.parse(read(path.join(LESSONS, '02-charts-and-html.ipynb'))) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
    const figure = nb.cells[2].outputs?.[0].data?.['application/vnd.plotly.v1+json'];
    const asset = JSON.parse(read(path.join(ws.mdx, 'assets', '02-charts-and-html', 'cell3-1.json'))) as unknown;
    expect(asset).toEqual(figure);
    const mdx = mdxOf('02-charts-and-html');
    expect(mdx).toContain('<PlotlyChart figure={asset_3_1_json} title="Loss curves" summary="Line chart: Loss curves. Horizontal axis: epoch; vertical axis: loss. Series: train, validation." />');
    expect(mdx).toContain('summary="Heatmap: Confusion matrix. 2 rows, 2 columns."');
    // The URL-loaded layout image of the second chart is dropped.
    expect(read(path.join(ws.mdx, 'assets', '02-charts-and-html', 'cell4-1.json'))).not.toContain('evil.example');
    const page = pageOf('02-charts-and-html');
    const els = elements(page);
    const data = els.filter((e) => e.tagName === 'script' && e.properties.type === 'application/json');
    expect(data).toHaveLength(2);
    // plotly.js itself is fetched by charts.js after the load event (site/charts.js), never by a <script> of the page.
    expect(page).toContain('<script src="assets/charts.js" data-plotly="assets/plotly.min.js" defer=""></script>');
    expect(page).not.toContain('<script src="assets/plotly.min.js"');
    expect(page).not.toContain('plotly.js source would be here');
    expect(pageOf('01-prose-and-math')).not.toContain('plotly.min.js');
    expect(read(path.join(ws.site, 'index.html'))).not.toContain('plotly.min.js');
  });

  it('streams and errors: Stream and ErrorOutput components, the raises-exception stderr shown as the expected error', async () => {
    const mdx = mdxOf('01-prose-and-math');
    expect(mdx).toContain('<Stream name="stdout" text={"3 { a: 1 }\\n"} />');
    expect(mdx).toContain('<ErrorOutput ename="RangeError" evalue={"expected k <= 3, got k = 5"} traceback={"RangeError: expected k <= 3, got k = 5\\n    at <cell>:1:7"} expected />');
    expect(mdx).toContain('<ErrorOutput evalue="1:7 - Type \'string\' is not assignable to type \'number\'."');
    const real = mdxOf('03-real-runner');
    expect(real).toContain('<ErrorOutput ename="Error" evalue="expected failure"');
    expect(real).toContain('<Stream name="stdout" text={"hello < world {x}\\n"} />');
    const html = await renderAsBlog('02-charts-and-html');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;window.hacked = true&lt;/script&gt; {braces} &lt;T&gt;');
    const page = elements(pageOf('01-prose-and-math'));
    expect(page.filter((e) => classes(e).includes('nb-error'))).toHaveLength(2);
    expect(page.some((e) => classes(e).includes('nb-stdout'))).toBe(true);
  });

  it('hidden solution cells are collapsed in <details>; markdown and LaTeX outputs are prose', () => {
    expect(mdxOf('01-prose-and-math')).toMatch(/<Solution>\n {2}```ts cell=[\w-]+\n {2}\/\/ Solution/);
    const els = elements(pageOf('01-prose-and-math'));
    const details = els.find((e) => e.tagName === 'details' && classes(e).includes('nb-solution'));
    expect(details?.properties.open).toBeUndefined();
    expect(mdxOf('01-prose-and-math')).toContain('**Bold** \\{not an expression\\} \\<b\\>tag\\</b\\> and $x^2$');
    expect(els.filter((e) => classes(e).includes('nb-markdown'))).toHaveLength(2);
  });

  it('the download is the executed notebook without the multi-MB plotly.js HTML fallback', () => {
    const copy = JSON.parse(read(path.join(ws.site, 'notebooks', '03-real-runner.ipynb'))) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
    const chart = copy.cells[1].outputs?.[1].data ?? {};
    expect(Object.keys(chart).sort()).toEqual(['application/vnd.plotly.v1+json', 'text/plain']);
  });
});

describe('a notebook whose first chart embeds plotly.js', () => {
  it('keeps the several-MB fallback out of the MDX, the page and the download', async () => {
    const big = workspace(LESSONS);
    const file = path.join(big.notebooks, '03-real-runner.ipynb');
    const nb = JSON.parse(read(file)) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
    const data = nb.cells[1].outputs?.[1].data ?? {};
    data['text/html'] = [`<script>${'var plotly = 1;'.repeat(250_000)}</script>`, '<div id="x"></div>'];
    writeFileSync(file, JSON.stringify(nb));
    const report = await runExport(big);
    expect(report.errors).toEqual([]);
    const sizes = ['mdx/03-real-runner.mdx', 'site/03-real-runner.html', 'site/notebooks/03-real-runner.ipynb'].map((f) => readFileSync(path.join(big.root, f)).length);
    for (const s of sizes) expect(s).toBeLessThan(40_000);
  });
});
