import { mkdtempSync, readFileSync, statSync, writeFileSync, linkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartSummary, plainText } from '../../scripts/export/chart-summary';
import { balancedGroups, fixPartLinks, lessonPageHtml, movedAnchorsHtml, splitBody, topLevelH2Offsets } from '../../scripts/export/page-parts';
import { bundleTraceTypes, figureTraceTypes, pickBundle, PLOTLY_BUNDLES } from '../../scripts/export/plotly-bundle';

const section = (id: string, size: number) => `<h2 id="${id}">Section ${id}</h2><p id="${id}-p">${'x'.repeat(size)}</p>`;

describe('top-level <h2> offsets', () => {
  it('finds only the headings at the top of the body, not those inside outputs or solutions', () => {
    const html = '<p>intro<br>text</p><h2 id="a">A</h2><div class="nb-markdown"><h2 id="inner">no</h2><img src="x"/></div><h2 id="b">B</h2>';
    const offsets = topLevelH2Offsets(html) as number[];
    expect(offsets.map((o) => html.slice(o, o + 12))).toEqual(['<h2 id="a">A', '<h2 id="b">B']);
  });

  it('refuses markup that does not nest (no cut rather than a wrong cut)', () => {
    expect(topLevelH2Offsets('<div><h2>a</h2>')).toBeUndefined();
    expect(topLevelH2Offsets('</div><h2>a</h2>')).toBeUndefined();
  });
});

describe('balanced groups', () => {
  it('cuts consecutive sizes into at most n groups with the smallest largest group', () => {
    expect(balancedGroups([5, 5, 5, 5], 2)).toEqual([0, 2]);
    expect(balancedGroups([9, 1, 1, 1, 6], 2)).toEqual([0, 1]); // [9] [1,1,1,6]: largest 9
    expect(balancedGroups([3, 3, 2, 2, 2, 2, 4], 3)).toEqual([0, 2, 5]); // [3,3] [2,2,2] [2,4]: largest 6
    expect(balancedGroups([1, 1, 1], 5)).toEqual([0, 1, 2]);
    expect(balancedGroups([10, 1], 2)).toEqual([0, 1]);
  });
});

describe('splitting a heavy lesson body', () => {
  it('leaves a body within the target whole', () => {
    const body = section('a', 100) + section('b', 100);
    expect(splitBody(body, 'l', 1000)).toEqual([{ file: 'l.html', body, label: '', ids: new Set(['a', 'a-p', 'b', 'b-p']) }]);
  });

  it('cuts before sections into parts of about the target, keeps every byte, and points same-page links at the right part', () => {
    const body = `<p id="top">intro <a href="#d">to D</a></p>${section('a', 300)}${section('b', 300)}${section('c', 300)}<h2 id="d">D</h2><p>back <a href="#top">up</a>, <a href="#d">here</a></p>`;
    const parts = splitBody(body, '13-bank', 500);
    expect(parts.map((p) => p.file)).toEqual(['13-bank.html', '13-bank-part-2.html', '13-bank-part-3.html']);
    expect(parts.map((p) => p.label)).toEqual(['Section a', 'Section b', 'Section c … D']);
    for (const p of parts) expect(Buffer.byteLength(p.body)).toBeLessThan(700);
    // Links to anchors on another part go to that page; links within a part stay as they are.
    expect(parts[0].body).toContain('<a href="13-bank-part-3.html#d">to D</a>');
    expect(parts[2].body).toContain('<a href="13-bank.html#top">up</a>');
    expect(parts[2].body).toContain('<a href="#d">here</a>');
    expect(parts.map((p) => p.body).join('').replace(/13-bank(?:-part-\d)?\.html#/g, '#')).toBe(body);
  });

  it('the first page carries where every moved anchor went, for old links (bookmarks, search results)', () => {
    const parts = splitBody(`${section('a', 300)}${section('b', 300)}`, 'l', 400);
    const html = movedAnchorsHtml(parts, 'assets/parts.js');
    const json = /<script type="application\/json" id="lesson-part-anchors">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual({ pages: ['l.html', 'l-part-2.html'], ids: { b: 1, 'b-p': 1 } });
    expect(html).toContain('<script src="assets/parts.js" defer=""></script>');
  });
});

describe('links into a split lesson from the rest of the site', () => {
  it('rewrites <slug>.html#id (in href attributes and in the quiz\'s JSON) to the page that holds the anchor, replacing files rather than writing through hard links', () => {
    const site = mkdtempSync(path.join(os.tmpdir(), 'parts-site-'));
    const keep = mkdtempSync(path.join(os.tmpdir(), 'parts-old-'));
    writeFileSync(path.join(site, '13-bank.html'), '<h2 id="a">A</h2><a href="#a">a</a>');
    writeFileSync(path.join(site, '13-bank-part-2.html'), '<h2 id="b">B</h2><a href="13-bank.html#a">a</a>');
    writeFileSync(path.join(site, '01-one.html'), '<h2 id="x">X</h2>');
    const quiz = '<a href="13-bank.html#b">b</a><a href="13-bank.html">lesson</a><a href="01-one.html#x">x</a><script type="application/json">{"href":"13-bank.html#b"}</script>';
    // The quiz page is a hard link to the previous site's copy, as an unchanged page is after an export.
    writeFileSync(path.join(keep, 'quiz.html'), quiz);
    linkSync(path.join(keep, 'quiz.html'), path.join(site, 'quiz.html'));
    expect(fixPartLinks(site, ['01-one', '13-bank'])).toEqual(['quiz.html']);
    expect(readFileSync(path.join(site, 'quiz.html'), 'utf8')).toBe(
      '<a href="13-bank-part-2.html#b">b</a><a href="13-bank.html">lesson</a><a href="01-one.html#x">x</a><script type="application/json">{"href":"13-bank-part-2.html#b"}</script>');
    expect(readFileSync(path.join(keep, 'quiz.html'), 'utf8')).toBe(quiz);
    expect(statSync(path.join(site, 'quiz.html')).nlink).toBe(1);
    expect(lessonPageHtml(site, '13-bank')).toContain('id="b"');
    expect(fixPartLinks(site, ['01-one', '13-bank'])).toEqual([]);
  });
});

describe('chart summaries for screen readers', () => {
  it('says the kind of chart, its title, axes and series, as plain text', () => {
    const fig = {
      data: [{ type: 'scatter', mode: 'lines', name: 'bias²' }, { type: 'scatter', mode: 'lines', name: 'noise σ<sup>2</sup>' }, { type: 'scatter', mode: 'markers', name: 'hidden', showlegend: false }],
      layout: { title: { text: 'Bias² falls<br>variance rises' }, xaxis: { title: { text: 'degree' } }, yaxis: { title: { text: 'error' }, type: 'log' } },
    };
    expect(chartSummary(fig)).toBe('Line chart and scatter plot: Bias² falls variance rises. Horizontal axis: degree; vertical axis: error (log scale). Series: bias², noise σ2.');
    expect(chartSummary({ data: [{ type: 'bar', y: [1] }], layout: {} })).toBe('Bar chart.');
    expect(chartSummary({ data: [{ type: 'heatmap', z: [[1, 2, 3], [4, 5, 6]] }], layout: { title: 'T' } })).toBe('Heatmap: T. 2 rows, 3 columns.');
    expect(chartSummary('not a figure')).toBeUndefined();
    expect(plainText({ text: 'a &lt;b&gt; <i>c</i>' })).toBe('a <b> c');
  });
});

describe('the plotly.js bundle', () => {
  it('reads the trace types each official bundle draws from the bundle itself', () => {
    const [basic, cartesian] = PLOTLY_BUNDLES.map(bundleTraceTypes);
    expect([...basic].sort()).toEqual(['bar', 'pie', 'scatter']);
    for (const t of ['scatter', 'bar', 'heatmap', 'contour', 'histogram']) expect(cartesian.has(t)).toBe(true);
  });

  it('picks the smallest bundle that draws every trace type used, the full build when no partial one does', () => {
    expect(pickBundle(['scatter', 'bar']).pkg).toBe('plotly.js-basic-dist-min');
    expect(pickBundle(['scatter', 'heatmap', 'contour', 'histogram', 'bar']).pkg).toBe('plotly.js-cartesian-dist-min');
    expect(pickBundle(['scatter3d']).pkg).toBe('plotly.js-dist');
    expect(figureTraceTypes({ data: [{ x: [1] }, { type: 'heatmap' }] })).toEqual(['scatter', 'heatmap']);
  });
});
