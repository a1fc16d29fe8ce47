// README's blog recipes are what check:blog runs: one shell block per framework, pinned templates, and the page expectations it checks against.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, expectedPages, recipeBlock } from '../../scripts/blog/check-blog';

const ROOT = path.resolve(__dirname, '..', '..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README blog recipes', () => {
  for (const fw of Object.keys(FRAMEWORKS)) {
    it(`${fw}: a shell block that copies the lessons and the kit and builds; a template with exact versions`, () => {
      const block = recipeBlock(readme, fw);
      expect(block).toContain('"$MDX"/*.mdx "$MDX"/assets');
      expect(block).toContain('"$MDX"/kit/components/.');
      expect(block).toContain('"$MDX"/kit/static/.');
      expect(block).toMatch(/^npm run build/m);
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'blog', fw, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      for (const v of Object.values(pkg.dependencies)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
      for (const name of FRAMEWORKS[fw as keyof typeof FRAMEWORKS].named) expect(readme).toContain(`${name}@${pkg.dependencies[name]}`);
    });
  }

  it('names a framework it has no section for', () => {
    expect(() => recipeBlock(readme, 'gatsby')).toThrow('README.md has no "<!-- blog-recipe gatsby -->" section');
  });
});

describe('what each exported page must show', () => {
  it('counts charts and math outside code blocks and component attributes', () => {
    const dir = path.join(ROOT, 'tests', 'fixtures', 'blog');
    const pages = expectedPages(dir);
    expect(pages).toEqual([{ slug: 'x', charts: 1, math: 3 }]);
  });
});
