// Kata progress (parse, start, check) and the mock interview's weighted pick.
import { describe, expect, it } from 'vitest';
import { loadQuestionBank } from '../../lib/interview/question-bank';
import { emptyProgress, mark } from '../../lib/interview/spaced-repetition';
import { KATAS } from '../../lib/katas';
import { planInterview, weightedSample } from '../../lib/katas/interview-plan';
import { emptyKataProgress, parseKataProgress, recordCheck, recordStart } from '../../lib/katas/progress';

describe('kata progress', () => {
  it('start, fail, pass: keeps the first time to pass and counts attempts', () => {
    const t0 = new Date('2026-01-01T10:00:00Z');
    let p = recordStart(emptyKataProgress(), 'kmeans', t0);
    p = recordCheck(p, 'kmeans', false, '3/14', new Date('2026-01-01T10:05:00Z'));
    expect(p.katas.kmeans).toMatchObject({ status: 'failed', attempts: 1, lastResult: '3/14', secondsToPass: null });
    p = recordCheck(p, 'kmeans', true, '14/14', new Date('2026-01-01T10:12:30Z'));
    expect(p.katas.kmeans).toMatchObject({ status: 'passed', attempts: 2, secondsToPass: 750 });
    p = recordCheck(p, 'kmeans', false, '13/14', new Date('2026-01-01T11:00:00Z'));
    expect(p.katas.kmeans).toMatchObject({ status: 'failed', attempts: 3, secondsToPass: 750 });
    expect(parseKataProgress(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it('rejects malformed files with the field named', () => {
    expect(() => parseKataProgress({ version: 1, katas: { a: { status: 'done' } } }, 'f.json')).toThrow('f.json: katas["a"].status: expected one of started, failed, passed, got "done"');
    expect(() => parseKataProgress([], 'f.json')).toThrow('f.json: expected a JSON object');
  });
});

describe('interview plan', () => {
  const questions = loadQuestionBank().sections.flatMap((s) => s.questions);

  it('is deterministic for a seed and draws distinct items', () => {
    const a = planInterview(KATAS, questions, emptyKataProgress(), emptyProgress(), 5);
    const b = planInterview(KATAS, questions, emptyKataProgress(), emptyProgress(), 5);
    expect(a.katas.map((k) => k.id)).toEqual(b.katas.map((k) => k.id));
    expect(a.questions.map((q) => q.id)).toEqual(b.questions.map((q) => q.id));
    expect(new Set(a.katas).size).toBe(2);
    expect(new Set(a.questions).size).toBe(5);
  });

  it('weights failed katas and "again" questions up, passed ones down', () => {
    let kp = emptyKataProgress();
    for (const k of KATAS) kp = recordCheck(kp, k.id, k.id !== 'knn', 'x', new Date());
    let quiz = emptyProgress();
    for (const q of questions) quiz = mark(quiz, q.id, q.id === 'metrics-auc-meaning' ? 'again' : 'known');
    let knn = 0, auc = 0;
    for (let seed = 0; seed < 200; seed++) {
      const plan = planInterview(KATAS, questions, kp, quiz, seed);
      if (plan.katas.some((k) => k.id === 'knn')) knn++;
      if (plan.questions.some((q) => q.id === 'metrics-auc-meaning')) auc++;
    }
    // uniform would give 2/|katas| and 5/|bank|; the weak spots come up far more often
    expect(knn / 200).toBeGreaterThan(4 * (2 / KATAS.length));
    expect(auc / 200).toBeGreaterThan(4 * (5 / questions.length)); // relative to uniform, so the bank can grow
  });

  it('weightedSample never repeats and stops when the pool is empty', () => {
    expect(weightedSample([1, 2, 3], () => 1, 5, 1).sort()).toEqual([1, 2, 3]);
  });
});
