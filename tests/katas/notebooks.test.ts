// The kata notebooks: generated from lib/katas and committed up to date; the solutions variant swaps only the starter cells.
import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../lib/interview/question-bank';
import { KATAS, katasOfSection } from '../../lib/katas';
import { joinSource } from '../../scripts/runner/notebook';
import { importPrefix, main, sectionNotebook } from '../../scripts/katas/make-notebooks';

describe('kata notebooks', () => {
  it('are up to date with lib/katas (npm run katas:notebooks -- --check)', () => {
    expect(main(['--check'])).toBe(0);
  });

  it('hold every kata once: statement, starter, grading cell', () => {
    const seen: string[] = [];
    for (const section of SECTIONS) {
      if (katasOfSection(section).length === 0) continue;
      const nb = sectionNotebook(section, 'notebooks/katas', false);
      expect(joinSource(nb.cells[1].source)).toBe(`import { grade } from '${importPrefix('notebooks/katas')}lib/katas/notebook';`);
      for (const k of katasOfSection(section)) {
        seen.push(k.id);
        const starter = nb.cells.find((c) => c.id === `${k.id}-starter`)!;
        expect(joinSource(starter.source)).toBe(k.starter.replace(/^export /m, '').trimEnd());
        expect(joinSource(nb.cells.find((c) => c.id === `${k.id}-grade`)!.source)).toBe(`await grade('${k.id}', ${k.functionName});`);
        expect(joinSource(nb.cells.find((c) => c.id === `${k.id}-statement`)!.source)).toContain(k.signature);
      }
      expect(JSON.stringify(nb)).not.toContain('"solution"');
    }
    expect(seen.sort()).toEqual(KATAS.map((k) => k.id).sort());
  });

  it('the solutions variant differs only in the starter and grading cells', () => {
    const shipped = sectionNotebook('metrics', 'build/katas-solutions', false);
    const solved = sectionNotebook('metrics', 'build/katas-solutions', true);
    expect(solved.cells.length).toBe(shipped.cells.length);
    const changed = solved.cells.filter((c, i) => joinSource(c.source) !== joinSource(shipped.cells[i].source)).map((c) => c.id);
    expect(changed).toEqual(katasOfSection('metrics').flatMap((k) => [`${k.id}-solution`, `${k.id}-grade`]));
    expect(joinSource(solved.cells.find((c) => c.id === 'roc-auc-grade')!.source)).toContain("{ expect: 'pass' }");
  });
});
