// Unit tests of the export steps: sanitizer against XSS vectors, image decoding, markdown safety, MDX attributes, front matter.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LessonContext } from '../../scripts/export/context';
import { readFrontmatter, writeFrontmatter } from '../../scripts/export/frontmatter';
import { decodeImage } from '../../scripts/export/images';
import { clip, slugFor } from '../../scripts/export/lesson';
import { fenceDisplayMath, makeSafe, parseMarkdown, safeHref } from '../../scripts/export/markdown';
import { cleanTrace, outputElements } from '../../scripts/export/outputs';
import { sanitizeHtml, sanitizeSvg } from '../../scripts/export/sanitize';
import { MDX_STRINGIFY } from '../../scripts/export/to-mdx';
import { toMarkdown } from 'mdast-util-to-markdown';
import { makePng } from '../fixtures/export/png';
import { ErrorOutput, ImageOutput, PlotlyChart, Solution, Stream } from '../../site/components';
import { nbformatErrors } from '../runner/nbformat-schema';
import { BROKEN, LESSONS, elements } from './helpers';

/** Every way we know of to run script or load from outside, in HTML. */
const HTML_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>',
  '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="  JaVaScRiPt:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>@import url(https://evil.example/x.css); body { background: url(https://evil.example/x.png) }</style>',
  '<div style="background-image: url(https://evil.example/x.png)">x</div>',
  '<div style="width: expression(alert(1))">x</div>',
  '<div style="position: fixed; inset: 0">overlay</div>',
  '<meta http-equiv="refresh" content="0; url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<img src="https://evil.example/pixel.gif">',
  '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>',
  '<audio src="https://evil.example/a.mp3"></audio>',
  '<img srcset="https://evil.example/a.png 1x">',
  '<div class="nb-plotly"><script type="application/json" class="nb-plotly-data">{}</script></div>',
];

function assertInert(html: string): void {
  for (const el of elements(html)) {
    expect(['script', 'iframe', 'object', 'embed', 'link', 'style', 'meta', 'base', 'form', 'video', 'audio', 'template', 'animate', 'set']).not.toContain(el.tagName);
    for (const [key, value] of Object.entries(el.properties)) {
      expect(key).not.toMatch(/^on/i);
      const text = String(value);
      expect(text).not.toMatch(/javascript:|vbscript:|evil\.example|expression\(|url\(/i);
      if (key === 'src') expect(text).toMatch(/^data:image\//);
      if (key === 'href') expect(text).toMatch(/^(?:https?:|mailto:|#)/);
      if (key === 'className') expect(text).not.toMatch(/\bnb-/);
    }
  }
}

describe('sanitizeHtml', () => {
  it.each(HTML_VECTORS)('neutralizes %s', (vector) => {
    assertInert(sanitizeHtml(vector));
  });

  it('keeps tables, formatting, inline colours, data: images and outgoing links (marked noopener)', () => {
    const html = sanitizeHtml('<table class="dataframe"><tr><th>a</th><td style="color: red">1</td></tr></table><b>b</b><img src="data:image/png;base64,iVBORw0KGgo=" alt="p"><a href="https://example.org">x</a>');
    expect(html).toContain('<table class="dataframe"><tbody><tr><th>a</th><td style="color: red">1</td></tr></tbody></table>');
    expect(html).toContain('<b>b</b>');
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="p">');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">x</a>');
  });

  it('prefixes ids (no clobbering of the page\'s own) and keeps in-fragment references working', () => {
    const html = sanitizeHtml('<div id="main"><a href="#main">top</a><svg><defs><clipPath id="c"></clipPath></defs><rect clip-path="url(#c)"/></svg></div>');
    expect(html).toContain('id="user-content-main"');
    expect(html).toContain('href="#user-content-main"');
    expect(html).toContain('clip-path="url(#user-content-c)"');
  });
});

describe('sanitizeSvg', () => {
  it('returns a standalone SVG without scripts, handlers, external references or foreign content', () => {
    const svg = sanitizeSvg('<?xml version="1.0"?><!DOCTYPE svg><svg viewBox="0 0 10 10" onload="alert(1)"><script>alert(1)</script>' +
      '<foreignObject><iframe src="https://evil.example"></iframe></foreignObject><image href="https://evil.example/x.png"/>' +
      '<use href="https://evil.example/s.svg#a"/><rect fill="url(https://evil.example/#p)" width="1"/><circle r="2" fill="#f00" style="fill: url(https://evil.example)"/>' +
      '<a href="javascript:alert(1)"><text>t</text></a><use href="#r"/><rect id="r" width="2" height="2"/></svg>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">')).toBe(true);
    for (const bad of ['<script', 'onload', '<iframe', '<image', 'evil.example', 'javascript:', '<foreignObject']) expect(svg).not.toContain(bad);
    expect(svg).toContain('<use href="#r" />');
    expect(svg).toContain('<rect id="r" width="2" height="2" />');
    expect(svg).toContain('fill="#f00"');
  });

  it('throws when there is no <svg>', () => {
    expect(() => sanitizeSvg('<div>not svg</div>')).toThrow(/no <svg>/);
  });
});

describe('decodeImage', () => {
  it('reads a PNG\'s size and refuses what is not a PNG, not base64, or truncated', () => {
    const png = makePng(7, 5);
    expect(decodeImage('image/png', png.toString('base64'))).toMatchObject({ format: 'png', width: 7, height: 5 });
    expect(decodeImage('image/png', png.toString('base64').replace(/(.{20})/g, '$1\n')).width).toBe(7);
    expect(() => decodeImage('image/png', Buffer.from('GIF89a....').toString('base64'))).toThrow(/not a PNG/);
    expect(() => decodeImage('image/png', 'not base64 at all!')).toThrow(/not valid base64/);
    expect(() => decodeImage('image/png', png.subarray(0, 40).toString('base64'))).toThrow(/truncated/);
    expect(() => decodeImage('image/png', '')).toThrow(/empty/);
  });

  it('reads JPEG and GIF sizes', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x03, 0x00, 0x05, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9]);
    expect(decodeImage('image/jpeg', jpeg.toString('base64'))).toMatchObject({ width: 5, height: 3 });
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([9, 0, 4, 0]), Buffer.alloc(10)]);
    expect(decodeImage('image/gif', gif.toString('base64'))).toMatchObject({ width: 9, height: 4 });
  });
});

describe('markdown safety', () => {
  const ctx = () => new LessonContext('lesson.ipynb', 'lesson');
  const mdx = (text: string, c = ctx()) => toMarkdown(makeSafe(parseMarkdown(text), c), MDX_STRINGIFY);

  it('produces MDX that compiles and shows the characters MDX treats as code as text', async () => {
    const samples = ['{', '}', '{}', '<', '>', '<T>', 'a < b', 'a<b', '</div>', '<Foo />', '{1 + 1}', 'export const x = 1', 'import x from "y"', '${x}', '<!-- c -->', '&lt; &#123;'];
    for (const s of samples) {
      const inline = mdx(`x ${s} y\n`);
      await expect(compile(inline)).resolves.toBeDefined();
      expect(inline).not.toMatch(/(?<!\\)[{}<>]/);
      // At the start of a line too (where `>` is a blockquote marker, as in any markdown).
      await expect(compile(mdx(`${s}\n`))).resolves.toBeDefined();
    }
  });

  it('keeps only http(s), mailto, anchors and relative links', () => {
    for (const ok of ['https://a.b', 'http://a', 'mailto:x@y.z', '#frag', '02-next.ipynb', './a/b.md', '../up']) expect(safeHref(ok)).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd']) expect(safeHref(bad)).toBe(false);
  });

  it('turns external images into links with a warning, and cell attachments into asset files', () => {
    const c = ctx();
    c.at(3, 'abc');
    const png = makePng(2, 2).toString('base64');
    const out = toMarkdown(makeSafe(parseMarkdown('![remote](https://x.org/i.png) ![att](attachment:plot.png)'), c, { 'plot.png': { 'image/png': png } }), MDX_STRINGIFY);
    expect(out).toContain('[remote](https://x.org/i.png)');
    expect(out).toContain('![att](./assets/lesson/cell3-att-1-plot.png)');
    expect(c.warnings[0]).toMatch(/lesson\.ipynb cell 3 \(id abc\): external image/);
    expect(c.assets.get('lesson/cell3-att-1-plot.png')?.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('outputs', () => {
  it('a malformed or undecodable output names the notebook and the cell', () => {
    const c = new LessonContext('nb.ipynb', 'nb');
    c.at(4, 'cell-x');
    expect(() => outputElements([{ output_type: 'display_data', data: { 'image/png': 'bm90IGEgcG5n' } }], 4, false, c)).toThrow('nb.ipynb cell 4 (id cell-x): image/png output does not decode: not a PNG file');
    expect(() => outputElements([{ output_type: 'bogus' }], 4, false, c)).toThrow(/nb\.ipynb cell 4 \(id cell-x\): malformed output 1: unknown output_type "bogus"/);
    expect(() => outputElements([{ output_type: 'stream', name: 'stdout', text: 5 }], 4, false, c)).toThrow(/malformed output: stream text/);
    expect(() => outputElements([{ output_type: 'display_data', data: { 'application/vnd.plotly.v1+json': { data: 'x' } } }], 4, false, c)).toThrow(/malformed Plotly output/);
    expect(() => outputElements([{ output_type: 'display_data', data: { 'application/vnd.plotly.v1+json': { data: [{ type: 'scattermapbox' }] } } }], 4, false, c)).toThrow(/needs map data from the internet/);
  });

  it('warns, naming the chart, when a trace of a several-trace chart has no name (its legend would read "trace N")', () => {
    const c = new LessonContext('nb.ipynb', 'nb');
    c.at(2, 'cell-y');
    const plot = (data: object[]) => [{ output_type: 'display_data', data: { 'application/vnd.plotly.v1+json': { data, layout: { title: { text: 'Fits <b>and</b> data' } } } } }];
    outputElements(plot([{ type: 'scatter', name: 'fit' }, { type: 'scatter', mode: 'markers' }]), 2, false, c);
    expect(c.warnings).toEqual([expect.stringMatching(/nb\.ipynb cell 2 \(id cell-y\): Plotly chart "Fits and data": trace 2 has no name, so its legend entry reads "trace 1"/)]);
    outputElements(plot([{ type: 'heatmap', z: [[1]] }, { type: 'scatter', name: 'points' }]), 2, false, c);
    outputElements(plot([{ type: 'scatter' }]), 2, false, c);
    outputElements(plot([{ type: 'scatter', name: 'a' }, { type: 'scatter', showlegend: false }]), 2, false, c);
    expect(c.warnings).toHaveLength(1);
  });

  it('joins consecutive chunks of one stream', () => {
    const c = new LessonContext('nb.ipynb', 'nb');
    const blocks = outputElements([{ output_type: 'stream', name: 'stdout', text: 'a\n' }, { output_type: 'stream', name: 'stdout', text: ['b\n'] }, { output_type: 'stream', name: 'stderr', text: 'c\n' }], 1, false, c);
    expect(toMarkdown({ type: 'root', children: blocks }, MDX_STRINGIFY)).toBe('<Stream name="stdout" text={"a\\nb\\n"} />\n\n<Stream name="stderr" text={"c\\n"} />\n');
  });

  it("error outputs (this kernel's type and runtime errors, a Python traceback in ANSI colours) become ErrorOutput; execute_result shows its text", () => {
    const c = new LessonContext('nb.ipynb', 'nb');
    const md = (outs: unknown[], expects = false) => toMarkdown({ type: 'root', children: outputElements(outs, 1, expects, c) }, MDX_STRINGIFY);
    const ts = md([{ output_type: 'error', ename: 'TS2322', evalue: "Type 'string' is not assignable to type 'number'.", traceback: ["TS2322: Type 'string' is not assignable to type 'number'.", "Cell In[2], line 1, column 7: error TS2322: Type 'string' is not assignable to type 'number'.", "    const x: number = 'a';\n          ^"] }], true);
    expect(ts).toContain('<ErrorOutput ename="TS2322" evalue="Type \'string\' is not assignable to type \'number\'."');
    expect(ts).toContain('Cell In[2], line 1, column 7: error TS2322');
    expect(ts).toContain('expected');
    const runtime = md([{ output_type: 'error', ename: 'RangeError', evalue: 'bad k', traceback: ['RangeError: bad k', '    at kMeans (../lib/unsupervised/k-means.js:45:11)', '    at Cell In[3], line 2', 'Cell In[3], line 2', '    kMeans(x, { k: 200 })'] }]);
    expect(runtime).toContain('at kMeans (../lib/unsupervised/k-means.js:45:11)');
    const python = md([{ output_type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: ['\u001b[0;31m---------------------------------------------------------------------------\u001b[0m', '\u001b[0;31mZeroDivisionError\u001b[0m: division by zero'] }]);
    expect(python).not.toMatch(/\\u001b|\u001b/);
    expect(python).toContain('ZeroDivisionError: division by zero');
    expect(md([{ output_type: 'execute_result', execution_count: 4, data: { 'text/plain': '[ 21, 42 ]' }, metadata: {} }])).toBe('<Stream name="result" text="[ 21, 42 ]" />\n');
  });

  it('cleanTrace drops the kernel\'s frames and the machine\'s paths', () => {
    const trace = 'Error: x\n    at evalmachine.<anonymous>:2:7\n    at /repo/lib/a.ts:3:1\n    at Script.runInThisContext (node:vm:135:14)\n    at Object.execute (/repo/node_modules/tslab/dist/executor.js:160:38)';
    expect(cleanTrace(trace, '/repo')).toBe('Error: x\n    at evalmachine.<anonymous>:2:7\n    at ./lib/a.ts:3:1');
  });
});

describe('lesson metadata', () => {
  it('slugs, clipping and front matter round trip', () => {
    expect(slugFor('notebooks/07-Bias & Variance.ipynb')).toBe('07-bias-variance');
    expect(clip('word '.repeat(100), 30)).toBe('word word word word word…');
    const meta = { slug: 's', title: 'T "quoted" {x}', description: 'd: <b>', tags: ['a', 'b c'], order: 3, source: 'notebooks/s.ipynb' };
    expect(readFrontmatter(`${writeFrontmatter(meta)}\nbody`)).toEqual({ meta, body: '\nbody' });
  });
});

describe('site/components (what a React blog renders)', () => {
  const render = (el: ReturnType<typeof createElement>) => renderToStaticMarkup(el);

  it('ImageOutput takes a URL, an object with src (Next.js, Astro) or a component (Docusaurus SVG imports)', () => {
    expect(render(createElement(ImageOutput, { src: 'a.png', alt: 'A', width: 2, height: 3 }))).toContain('<img class="nb-output nb-image" src="a.png" alt="A" width="2" height="3" decoding="async"/>');
    expect(render(createElement(ImageOutput, { src: { src: '/_next/a.png' } }))).toContain('src="/_next/a.png"');
    const Svg = (props: Record<string, unknown>) => createElement('svg', { 'aria-label': String(props['aria-label']) });
    expect(render(createElement(ImageOutput, { src: Svg, alt: 'chart' }))).toBe('<svg aria-label="chart"></svg>');
  });

  it('PlotlyChart embeds its figure as inert JSON: no text in it can close the script element', () => {
    const html = render(createElement(PlotlyChart, { figure: { data: [{ type: 'bar', name: '</script><script>alert(1)</script>' }], layout: {} }, title: 't', summary: 's' }));
    expect(html).toContain('<script type="application/json" class="nb-plotly-data">');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const json = /<script[^>]*>(.*)<\/script>/.exec(html)?.[1] ?? '';
    expect((JSON.parse(json) as { data: { name: string }[] }).data[0].name).toBe('</script><script>alert(1)</script>');
    // The summary is for screen readers: hidden on screen by an inline style, so it holds in a blog with no stylesheet.
    expect(html).toMatch(/<figcaption class="nb-plotly-summary" style="position:absolute;width:1px;height:1px;[^"]*clip:rect\(0 0 0 0\)[^"]*">s<\/figcaption>/);
  });

  it('Stream, ErrorOutput and Solution render text as text', () => {
    expect(render(createElement(Stream, { name: 'stderr', text: '<b>x</b>' }))).toBe('<pre class="nb-output nb-stream nb-stderr" aria-label="Error stream"><code>&lt;b&gt;x&lt;/b&gt;</code></pre>');
    expect(render(createElement(ErrorOutput, { ename: 'E', evalue: 'v', traceback: 'tb', expected: true }))).toContain('<p class="nb-error-label">This cell fails on purpose:</p><p class="nb-error-title">E: v</p><pre><code>tb</code></pre>');
    expect(render(createElement(Solution, null, 'x'))).toBe('<details class="nb-solution"><summary>Solution</summary>x</details>');
  });
});

describe('the export fixtures', () => {
  it('are valid nbformat 4.5 notebooks (the broken ones aside, which are broken on purpose)', () => {
    for (const f of readdirSync(LESSONS)) {
      expect(nbformatErrors(JSON.parse(readFileSync(path.join(LESSONS, f), 'utf8'))), f).toEqual([]);
    }
    expect(nbformatErrors(JSON.parse(readFileSync(path.join(BROKEN, '04-bad-image.ipynb'), 'utf8')))).toEqual([]);
  });
});

describe('fenceDisplayMath', () => {
  it('turns Jupyter-style multi-line $$ blocks into math blocks and leaves the rest alone', () => {
    const src = 'Text before\n\n$$y = a +\n  b,$$\n\nwith $x$ inline and $$z$$ too.\n\n```\n$$not math\nin code$$\n```';
    expect(fenceDisplayMath(src)).toBe('Text before\n\n$$\ny = a +\n  b,\n$$\n\nwith $x$ inline and $$z$$ too.\n\n```\n$$not math\nin code$$\n```');
    const tree = parseMarkdown(src);
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph', 'math', 'paragraph', 'code']);
    expect(fenceDisplayMath('$$\na\n$$')).toBe('$$\na\n$$');
    expect(fenceDisplayMath('Intro:\n$$\\boxed{a = b}$$\nafter')).toBe('Intro:\n$$\n\\boxed{a = b}\n$$\nafter');
    expect(parseMarkdown('$$a = b$$').children.map((n) => n.type)).toEqual(['math']);
    // Inside a list item the block keeps the item's indentation, and the text after it stays prose.
    const item = parseMarkdown('* UCB1: pull\n  $$a_t = \\arg\\max_a x,$$\n  where $N_a$ counts pulls.');
    expect(JSON.stringify(item)).toContain('"type":"math","meta":null,"value":"a_t = \\\\arg\\\\max_a x,"');
    expect(JSON.stringify(item)).toContain('"type":"inlineMath","value":"N_a"');
  });
});

describe('headings with math', () => {
  it('table of contents text and heading ids read the TeX source, not KaTeX\'s MathML and HTML text twice over', async () => {
    const { compileForSite } = await import('../../scripts/export/compile');
    const mdx = '## The $L_2$ penalty\n\ntext\n\n### Why $\\lambda \\ge 0$?\n';
    const out = await compileForSite(mdx, '/tmp/heading-math.mdx', { mdxDir: '/tmp', slugs: new Set() });
    expect(out.toc.map(({ html, ...rest }) => rest)).toEqual([
      { depth: 2, id: 'the-l_2-penalty', text: 'The L_2 penalty' },
      { depth: 3, id: 'why-lambda-ge-0', text: 'Why \\lambda \\ge 0?' },
    ]);
    // The TOC shows the heading typeset (heading-links.ts).
    for (const t of out.toc) expect(t.html).toMatch(/^(The|Why) <span class="katex">/);
    expect(out.hasMath).toBe(true);
  });
});

describe('placeholders for typeset math and highlighted code (html-slots.ts, math.ts)', () => {
  it('a page body gets KaTeX and highlighted HTML back in place of every placeholder, and no placeholder is left', async () => {
    const { compileForSite } = await import('../../scripts/export/compile');
    const { renderBody } = await import('../../scripts/export/render');
    const mdx = 'Inline $a^2 + b^2$ and\n\n$$\n\\sum_i x_i\n$$\n\n```ts\nconst x: number = 1;\n```\n';
    const compiled = await compileForSite(mdx, '/tmp/slots.mdx', { mdxDir: '/tmp', slugs: new Set() });
    expect(compiled.slots).toHaveLength(3);
    const html = await renderBody(compiled, '/tmp/slots.mdx');
    expect(html).not.toContain('data-html-slot');
    expect(html.match(/<span class="katex">/g)).toHaveLength(2);
    expect(html).toContain('<span class="katex-display">');
    expect(html).toMatch(/<pre><code class="hljs language-ts"><span class="hljs-keyword">const<\/span>/);
  });

  it('text that looks like a placeholder stays text (MDX escapes it), so prose cannot pull in another slot', async () => {
    const { compileForSite } = await import('../../scripts/export/compile');
    const { renderBody } = await import('../../scripts/export/render');
    const mdx = toMarkdown(makeSafe(parseMarkdown('See <span data-html-slot="0"></span> and $x$.'), new LessonContext('x.ipynb', 'x')), MDX_STRINGIFY);
    const html = await renderBody(await compileForSite(mdx, '/tmp/s.mdx', { mdxDir: '/tmp', slugs: new Set() }), '/tmp/s.mdx');
    expect(html.match(/<span class="katex">/g)).toHaveLength(1);
    expect(html).toContain('&lt;span data-html-slot=&quot;0&quot;&gt;&lt;/span&gt;');
  });

  it('TeX that KaTeX cannot typeset is reported and shown in red, as rehype-katex does; results are memoised', async () => {
    const { typeset } = await import('../../scripts/export/math');
    const bad = typeset('\\frac{1}{', false);
    expect(bad.error).toMatch(/KaTeX parse error/);
    expect(bad.html).toContain('katex-error');
    expect(typeset('\\frac{1}{', false)).toBe(bad);
    expect(typeset('x', true).html).toContain('katex-display');
    expect(typeset('x', false).html).not.toContain('katex-display');
  });

  it('fillSlots leaves a placeholder it has no HTML for', async () => {
    const { fillSlots } = await import('../../scripts/export/html-slots');
    expect(fillSlots('<span data-html-slot="0"></span><span data-html-slot="7"></span>', ['<b>x</b>'])).toBe('<b>x</b><span data-html-slot="7"></span>');
  });
});
