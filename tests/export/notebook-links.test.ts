// Links between exported notebooks: in the MDX each goes to the other notebook's page (`../<slug>/`), never to a .ipynb
// file that no blog serves (Docusaurus' onBrokenLinks: 'throw' fails the build on one); the site maps it to `<slug>.html`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLesson } from '../../scripts/export/lesson';
import { lessonToMdx, notebookLink, pageLink } from '../../scripts/export/to-mdx';
import { compileForSite } from '../../scripts/export/compile';
import { REPO } from './helpers';

const NOTEBOOKS = path.join(REPO, 'notebooks');
/** Markdown links and definitions whose target is a .ipynb file (fragment allowed), in MDX text. */
const IPYNB_LINK = /\]\((?!https?:)[^)\s]*\.ipynb(?:#[^)\s]*)?\)|^\[[^\]]+\]:\s*(?!https?:)\S*\.ipynb/m;

function mdxOf(rel: string): string {
  const file = path.join(NOTEBOOKS, rel);
  return lessonToMdx(readLesson(readFileSync(file), `notebooks/${rel}`, `notebooks/${rel}`)).mdx;
}

describe('links to notebooks in the exported MDX', () => {
  it('notebookLink reads relative .ipynb links, nothing else; pageLink is the sibling page', () => {
    expect(notebookLink('../01-learning-paradigms.ipynb')).toEqual({ slug: '01-learning-paradigms', hash: '' });
    expect(notebookLink('katas/katas-01-paradigms.ipynb#q-update')).toEqual({ slug: 'katas-01-paradigms', hash: '#q-update' });
    expect(notebookLink('./07-Bias & Variance.ipynb')).toEqual({ slug: '07-bias-variance', hash: '' });
    for (const other of ['https://github.com/a/b/blob/main/01-x.ipynb', '#cell-3', './notes.md', '../01-x.ipynb.bak', 'mailto:a@b.c']) {
      expect(notebookLink(other), other).toBeUndefined();
    }
    expect(pageLink('01-learning-paradigms')).toBe('../01-learning-paradigms/');
    expect(pageLink('katas-01-paradigms', '#kmeans')).toBe('../katas-01-paradigms/#kmeans');
  });

  it('a kata notebook\'s links to its lessons go to the lessons\' pages', () => {
    const mdx = mdxOf('katas/katas-01-paradigms.ipynb');
    expect(mdx).toContain('](../01-learning-paradigms/)');
    expect(mdx).not.toMatch(IPYNB_LINK);
  });

  it('no notebook\'s MDX links to a .ipynb (every lesson and kata notebook)', () => {
    const files = [
      ...readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')),
      ...readdirSync(path.join(NOTEBOOKS, 'katas')).filter((f) => f.endsWith('.ipynb')).map((f) => `katas/${f}`),
    ];
    expect(files.filter((f) => f.startsWith('katas/')).length).toBeGreaterThan(0);
    const linking: string[] = [];
    for (const rel of files) {
      const mdx = mdxOf(rel);
      expect(IPYNB_LINK.exec(mdx)?.[0], rel).toBeUndefined();
      if (mdx.includes('](../')) linking.push(rel);
    }
    // The check has teeth: lessons link to kata notebooks (Practise) and kata notebooks to lessons.
    expect(linking.some((f) => f.startsWith('katas/'))).toBe(true);
    expect(linking.some((f) => !f.startsWith('katas/'))).toBe(true);
  }, 120_000);

  it('the pattern the check uses catches a .ipynb link', () => {
    expect(IPYNB_LINK.test('See [Lesson 1](../01-learning-paradigms.ipynb).')).toBe(true);
    expect(IPYNB_LINK.test('[x]: katas/katas-01-paradigms.ipynb#kmeans')).toBe(true);
    expect(IPYNB_LINK.test('See [Lesson 1](../01-learning-paradigms/).')).toBe(false);
  });

  it('the site turns page links into its page files: lessons on the site, kata notebooks to the katas page', async () => {
    const mdx = '---\ntitle: "t"\n---\n\n[a](../01-a/) [b](../02-b/#sec) [k](../katas-01-paradigms/#kmeans) [gone](../09-gone/)\n';
    const out = await compileForSite(mdx, '/tmp/x.mdx', { mdxDir: '/tmp', slugs: new Set(['01-a', '02-b', 'katas-01-paradigms']) });
    expect(out.code).toContain('"01-a.html"');
    expect(out.code).toContain('"02-b.html#sec"');
    expect(out.code).toContain('"katas.html#kmeans"');
    expect(out.code).toContain('"../09-gone/"');
  });
});
