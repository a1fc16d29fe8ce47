// The kata set as the issue asks for it: at least 40 katas, every question-bank section with at least two, unique ids.
import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../lib/interview/question-bank';
import { KATAS, katasOfSection } from '../../lib/katas';
import { CONTENT_KATAS } from '../../lib/katas/registry-content';
import { CORE_KATAS } from '../../lib/katas/registry-core';

describe('kata coverage', () => {
  it('has at least 40 katas with unique ids', () => {
    expect(KATAS.length).toBeGreaterThanOrEqual(40);
    const ids = KATAS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(SECTIONS.map((s) => [s]))('section %s has at least two katas', (section) => {
    expect(katasOfSection(section).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the content katas apart from the 12 core ones', () => {
    const core = new Set(CORE_KATAS.map((k) => k.id));
    for (const k of CONTENT_KATAS) expect(core.has(k.id), k.id).toBe(false);
    expect(CORE_KATAS.length + CONTENT_KATAS.length).toBe(KATAS.length);
  });

  it('mixes difficulties: every section but at most two has a medium or hard kata', () => {
    const easyOnly = SECTIONS.filter((s) => katasOfSection(s).every((k) => k.difficulty === 'easy'));
    expect(easyOnly.length).toBeLessThanOrEqual(2);
    expect(KATAS.some((k) => k.difficulty === 'hard')).toBe(true);
  });
});
