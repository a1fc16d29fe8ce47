// Tests for the RAG pieces: reciprocal rank fusion by hand, sentence splitting and the extractive answer, and the
// project-corpus readers on this repository's real files (every lesson's markdown cells, every bank question).
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { reciprocalRankFusion } from '../../lib/retrieval/fusion';
import { extractiveAnswer, splitSentences } from '../../lib/retrieval/extractive-answer';
import { PROJECT_ROOT, readBankQuestions, readLessonCells } from '../../lib/retrieval/project-corpus';

describe('reciprocal rank fusion', () => {
  it('sums 1 / (c + rank) by hand', () => {
    const r = reciprocalRankFusion([[1, 2, 3], [3, 1]], { c: 1 });
    // 1: 1/2 + 1/3; 2: 1/3; 3: 1/4 + 1/2
    expect(r.ids).toEqual([1, 3, 2]);
    expect(r.scores[0]).toBeCloseTo(1 / 2 + 1 / 3, 15);
    expect(r.scores[1]).toBeCloseTo(3 / 4, 15);
    expect(reciprocalRankFusion([[1, 2], [2, 1]]).ids).toEqual([1, 2]); // tie -> lower id
    expect(reciprocalRankFusion([[5], [6]], { weights: [1, 2] }).ids).toEqual([6, 5]);
    expect(() => reciprocalRankFusion([[1]], { weights: [1, 2] })).toThrow(/one weight per ranking/);
  });
});

describe('extractive answer', () => {
  it('splits sentences and picks the best idf-weighted match, skipping headings and fragments', () => {
    expect(splitSentences('# Title\n\nOne sentence here. Another one follows!\n- a list item')).toEqual(['# Title', 'One sentence here.', 'Another one follows!', '- a list item']);
    const passages = ['## Dropout regularisation', 'Dropout zeroes each unit with probability p during training. It is switched off at test time.', 'Weight decay shrinks the weights toward zero every step.'];
    const a = extractiveAnswer('What does dropout do during training?', passages);
    expect(a).toEqual({ sentence: 'Dropout zeroes each unit with probability p during training.', score: 3 / Math.sqrt(7), passage: 1 }); // dropout, during, training of 7 content words
    expect(extractiveAnswer('unrelated', [])).toBeNull();
    expect(() => extractiveAnswer(3 as unknown as string, [])).toThrow(TypeError);
  });
});

describe('project corpus', () => {
  it('reads every lesson notebook and every question file of this repository', () => {
    const cells = readLessonCells();
    const lessons = readdirSync(path.join(PROJECT_ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb'));
    expect(new Set(cells.map((c) => c.lesson)).size).toBe(lessons.length);
    expect(cells.every((c) => c.text.trim().length > 0 && typeof c.cell === 'string')).toBe(true);
    const questions = readBankQuestions();
    expect(questions.length).toBeGreaterThanOrEqual(200);
    expect(questions.some((q) => q.cells.length > 0)).toBe(true);
    expect(() => readLessonCells(path.join(PROJECT_ROOT, 'lib', 'interview', 'questions'))).not.toThrow(); // no notebooks there: empty
  });
});
