// The site's navigation at build time: search text and index, heading links and TOC math, code-cell anchors, the lesson map, the quiz's cell links.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { compileForSite } from '../../scripts/export/compile';
import { LESSON_MAP_FILE, linksOf, readLessonMap } from '../../scripts/export/lesson-map';
import { typeset } from '../../scripts/export/math';
import { lessonAnchors } from '../../scripts/export/quiz-page';
import { renderBody } from '../../scripts/export/render';
import { buildSearchIndex, pageSections, searchText } from '../../scripts/export/search-index';
import { REPO } from './helpers';

const page = (body: string) => `<html><body><article class="lesson"><div class="lesson-body">${body}</div></article></body></html>`;

describe('search text', () => {
  it('keeps prose and math as TeX; drops the glyph layer, code, outputs, chart data and heading marks; decodes entities', () => {
    const html = `<p>Dropout &amp; weight decay, ${typeset('\\frac{1}{1-p}', false).html} scaling.</p>`
      + '<pre id="cell-x"><code class="hljs language-ts">const dropoutRate = 0.5;</code></pre>'
      + '<pre class="nb-output nb-stream nb-stdout"><code>loss 0.123</code></pre>'
      + '<figure class="nb-output nb-plotly"><div><script type="application/json">{"data":[]}</script></div><figcaption>chart</figcaption></figure>'
      + '<h2 id="x">Heading<a class="heading-anchor" href="#x">#</a></h2>';
    expect(searchText(html)).toBe('Dropout & weight decay, \\frac{1}{1-p} scaling. Heading');
  });

  it('cuts a page into sections at its h2/h3 headings, each linking to its heading', () => {
    const html = page('<p>Opening.</p><h2 id="a">Alpha <span>one</span></h2><p>a text</p><h3 id="b">Beta</h3><p>b text</p><h4 id="c">Gamma</h4><p>c</p>');
    expect(pageSections(html, '01-x')).toEqual([
      { href: '01-x.html', text: 'Opening.' },
      { href: '01-x.html#a', title: 'Alpha one', text: 'a text' },
      { href: '01-x.html#b', title: 'Beta', text: 'b text Gamma c' },
    ]);
    // A page that starts with a heading has no empty opening section.
    expect(pageSections(page('<h2 id="a">A</h2><p>t</p>'), 's').map((s) => s.href)).toEqual(['s.html#a']);
  });

  it('writes a script that sets the index, which MiniSearch loads and which finds the section that teaches a word', () => {
    const pages: Record<string, string> = {
      '01-a': page('<p>Intro.</p><h2 id="dropout">Dropout</h2><p>Zero each unit with probability p.</p><h2 id="other">Other</h2><p>Nothing here.</p>'),
      '02-b': page('<h2 id="l2">Weight decay</h2><p>Unlike dropout, it shrinks weights.</p>'),
      '03-c': page('<h2 id="cnn">Convolutions</h2><p>Kernels.</p>'),
    };
    const lessons = Object.keys(pages).map((slug, i) => ({ slug, title: `Lesson ${i}`, number: slug.slice(0, 2), pageKey: 'k' }));
    const js = buildSearchIndex(lessons, (s) => pages[s], 'KEY');
    expect(js.startsWith('/* search-index KEY */\n')).toBe(true);
    const sandbox = { window: {} as Record<string, unknown> };
    vm.runInNewContext(js, sandbox);
    const data = sandbox.window.mlinSearchIndex as { lessons: { href: string }[]; options: { fields: string[]; storeFields: string[] }; index: object };
    expect(data.lessons.map((l) => l.href)).toEqual(['01-a.html', '02-b.html', '03-c.html']);
    const engine = MiniSearch.loadJS(data.index as Parameters<typeof MiniSearch.loadJS>[0], data.options);
    const hits = engine.search('dropout', { prefix: true, boost: { title: 3 } });
    expect(hits.map((h) => h.href)).toEqual(['01-a.html#dropout', '02-b.html#l2']);
    expect(hits[0]).toMatchObject({ title: 'Dropout', lesson: 0 });
    // Same input, same bytes.
    expect(buildSearchIndex(lessons, (s) => pages[s], 'KEY')).toBe(js);
  });
});

describe('headings, TOC and code cells on a lesson page', () => {
  it('gives the TOC typeset math, every heading a link to itself, and a code cell its anchor', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'site-nav-'));
    const file = path.join(dir, 'x.mdx');
    const mdx = '## Attention over $\\sqrt{d_k}$\n\ntext\n\n### Plain [link](https://example.com) heading\n\n```ts cell=demo-1\nconst a = 1;\n```\n';
    writeFileSync(file, mdx);
    const compiled = await compileForSite(mdx, file, { mdxDir: dir, slugs: new Set() });
    expect(compiled.toc.map((t) => [t.id, t.text])).toEqual([['attention-over-sqrtd_k', 'Attention over \\sqrt{d_k}'], ['plain-link-heading', 'Plain link heading']]);
    expect(compiled.toc[0].html).toContain('class="katex"');
    expect(compiled.toc[0].html).not.toContain('$');
    expect(compiled.toc[1].html).toBe('Plain link heading');
    const html = await renderBody(compiled, file);
    expect(html).toContain('<a class="heading-anchor" href="#attention-over-sqrtd_k" aria-label="Link to this section">#</a></h2>');
    expect(html).toContain('<a class="heading-anchor" href="#plain-link-heading" aria-label="Link to this section">#</a></h3>');
    expect(html).toMatch(/<pre id="cell-demo-1"><code class="hljs language-ts">/);
  });

  it('links a quiz question to the code cell itself when its block carries the anchor, else to the heading above it', () => {
    const nb = JSON.stringify({ cells: [
      { id: 'h', cell_type: 'markdown', source: '## Section' },
      { id: 'code-a', cell_type: 'code', source: 'x' },
      { id: 'code-b', cell_type: 'code', source: 'y' },
    ] });
    const html = '<h2 id="section">Section<a class="heading-anchor" href="#section">#</a></h2><pre id="cell-code-a"><code>x</code></pre>';
    const a = lessonAnchors(nb, html, { slug: '01-x', title: 'X' });
    expect(a.cells.get('h')).toBe('section');
    expect(a.cells.get('code-a')).toBe('cell-code-a');
    expect(a.cells.get('code-b')).toBe('section');
  });
});

describe('the lesson map', () => {
  it('names only lessons that exist in notebooks/, and none builds on itself or on a later lesson', () => {
    const slugs = readdirSync(path.join(REPO, 'notebooks')).filter((f) => f.endsWith('.ipynb')).map((f) => f.replace(/\.ipynb$/, ''));
    const map = readLessonMap();
    expect(map.size).toBeGreaterThan(5);
    for (const [slug, deps] of map) {
      expect(slugs, slug).toContain(slug);
      for (const d of deps) {
        expect(slugs, `${slug} builds on ${d}`).toContain(d);
        expect(d < slug, `${slug} builds on the later ${d}`).toBe(true);
      }
    }
    expect(LESSON_MAP_FILE).toBe(path.join(REPO, 'site', 'lesson-map.json'));
  });

  it('gives each lesson what it builds on and leads to, in reading order, among the lessons on the site', () => {
    const map = new Map([['03-c', ['02-b', '01-a']], ['04-d', ['03-c', '09-missing']]]);
    const site = ['01-a', '02-b', '03-c', '04-d'];
    expect(linksOf(map, '03-c', site)).toEqual({ buildsOn: ['01-a', '02-b'], leadsTo: ['04-d'] });
    expect(linksOf(map, '04-d', site)).toEqual({ buildsOn: ['03-c'], leadsTo: [] });
    expect(linksOf(map, '03-c', ['01-a', '03-c'])).toEqual({ buildsOn: ['01-a'], leadsTo: [] });
  });

  it('rejects a malformed map with a message naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lesson-map-'));
    const bad = (name: string, text: string) => {
      const f = path.join(dir, name);
      writeFileSync(f, text);
      return () => readLessonMap(f);
    };
    expect(bad('a.json', '{')).toThrow(/a\.json: cannot read the lesson map/);
    expect(bad('b.json', '{"buildsOn": []}')).toThrow(TypeError);
    expect(bad('c.json', '{"buildsOn": {"01-a": "02-b"}}')).toThrow(/buildsOn\["01-a"\] must be a list of lesson slugs/);
    expect(bad('d.json', '{"buildsOn": {"01-a": ["01-a"]}}')).toThrow(/cannot build on itself/);
  });
});

describe('numbered equations', () => {
  it('numbers labelled display equations in lesson order and links $\\eqref$ to them; unknown labels warn', async () => {
    const { equationLabels, numberEquations, equationId } = await import('../../scripts/export/equations');
    const { LessonContext } = await import('../../scripts/export/context');
    const { parseMarkdown } = await import('../../scripts/export/markdown');
    const { toMarkdown } = await import('mdast-util-to-markdown');
    const { MDX_STRINGIFY } = await import('../../scripts/export/to-mdx');
    const cells = [
      { cell_type: 'markdown', id: 'a', metadata: {}, source: 'By $\\eqref{eq:ridge}$ and $\\eqref{eq:loss}$:\n\n$$\nL = \\|y - Xw\\|^2 \\label{eq:loss}\n$$\n' },
      { cell_type: 'markdown', id: 'b', metadata: {}, source: '$$\nw = (X^TX + \\lambda I)^{-1}X^Ty \\label{eq:ridge}\n$$\n\nUnlabelled:\n\n$$\na = b\n$$\n\nSee $\\eqref{eq:none}$ and $x \\text{ by } \\eqref{eq:loss}$.' },
    ];
    const labels = equationLabels(cells as never);
    expect([...labels]).toEqual([['eq:loss', 1], ['eq:ridge', 2]]);
    const ctx = new LessonContext('x.ipynb', 'x');
    const mdx = cells.map((c) => {
      const tree = parseMarkdown(c.source);
      numberEquations(tree, labels, ctx);
      return toMarkdown(tree, MDX_STRINGIFY);
    }).join('\n');
    expect(mdx).toContain('By [(2)](#eq-eq-ridge) and [(1)](#eq-eq-loss):');
    expect(mdx).toContain('<span id="eq-eq-loss" className="equation" />\n\n$$\nL = \\|y - Xw\\|^2 \\tag{1}\n$$');
    expect(mdx).toContain('\\tag{2}\n$$');
    expect(mdx).toContain('$$\na = b\n$$');
    expect(mdx).toContain('[(?)](#eq-eq-none)');
    expect(mdx).toContain('$x \\text{ by } \\text{(1)}$');
    expect(ctx.warnings).toEqual([expect.stringMatching(/equation reference \\eqref\{eq:none\}: no display equation has \\label\{eq:none\}/)]);
    expect(equationId('Eq: Ridge')).toBe('eq-eq-ridge');
    // On the page: KaTeX draws the number, and the reference links to an element that exists.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eq-'));
    const file = path.join(dir, 'x.mdx');
    writeFileSync(file, mdx);
    const html = await renderBody(await compileForSite(mdx, file, { mdxDir: dir, slugs: new Set() }), file);
    expect(html).toContain('<span id="eq-eq-loss" class="equation"></span>');
    expect(html).toContain('<a href="#eq-eq-loss">(1)</a>');
    expect(html).toContain('<mtext>(1)</mtext>');
    expect(html).toContain('<mtext>(2)</mtext>');
  });
});
