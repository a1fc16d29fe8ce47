// Notebook helpers for the bank: markdown of questions and answers, counts, seeded mock interviews, and claim checks.
import { describe, expect, it, vi } from 'vitest';
import { bankCounts, check, mockInterview, questionsMarkdown } from '../../lib/interview/display';
import { SECTIONS, loadQuestionBank } from '../../lib/interview/question-bank';

const bank = loadQuestionBank();

describe('questionsMarkdown', () => {
  it('writes a bold, numbered question with its difficulty and id, then the answer', () => {
    const [a, b] = bank.questions;
    const md = questionsMarkdown([a, b], { demonstrated: new Set([b.id]) });
    expect(md).toBe(`**1. ${a.question}** *(${a.difficulty} · \`${a.id}\`)*\n\n${a.answer}\n\n**2. ${b.question}** *(${b.difficulty} · \`${b.id}\` · demonstrated below)*\n\n${b.answer}`);
    expect(questionsMarkdown([a], { numbered: false, showIds: false })).toBe(`**${a.question}** *(${a.difficulty})*\n\n${a.answer}`);
    expect(questionsMarkdown([a, b], { part: 'questions', showIds: false })).toBe(`1. ${a.question} *(${a.difficulty})*\n2. ${b.question} *(${b.difficulty})*`);
  });
});

describe('bankCounts and mockInterview', () => {
  it('counts questions per section and difficulty', () => {
    const c = bankCounts(bank);
    expect(c.sections).toEqual([...SECTIONS]);
    expect(c.counts.flat().reduce((a, b) => a + b, 0)).toBe(bank.questions.length);
  });

  it('draws the same questions for the same seed, one or more per section', () => {
    const a = mockInterview({ perSection: 2, seed: 5 }, bank);
    expect(a).toEqual(mockInterview({ perSection: 2, seed: 5 }, bank));
    expect(a.map((q) => q.section)).toEqual(SECTIONS.flatMap((s) => [s, s]));
    expect(new Set(a.map((q) => q.id)).size).toBe(a.length);
    expect(mockInterview({ seed: 6, difficulty: 'hard' }, bank).every((q) => q.difficulty === 'hard')).toBe(true);
    expect(() => mockInterview({ perSection: 0 }, bank)).toThrow(RangeError);
    expect(() => mockInterview({ perSection: 99 }, bank)).toThrow(/expected perSection <= \d+ questions in paradigms, got perSection = 99/);
  });
});

describe('check', () => {
  it('prints the claim when it holds and throws naming it when it does not', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    check(true, 'one plus one is two');
    expect(log).toHaveBeenCalledWith('✔ one plus one is two');
    log.mockRestore();
    expect(() => check(false, 'pigs fly')).toThrow('claim does not hold: pigs fly');
    expect(() => check(1 as unknown as boolean, 'x')).toThrow(TypeError);
  });
});
