// The interview question bank: schema, counts, unique ids and texts, math that typesets, and links that resolve.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import katex from 'katex';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import {
  DIFFICULTIES, QuestionBankError, SECTIONS, buildQuestionBank, loadQuestionBank, nearDuplicates, normaliseQuestion,
  questionById, questionSimilarity, selectQuestions, validateQuestion, type SectionId,
} from '../../lib/interview/question-bank';
import { parseMarkdown } from '../../scripts/export/markdown';

const REPO = path.resolve(__dirname, '..', '..');
const bank = loadQuestionBank();
const rawFile = (s: SectionId) => JSON.parse(readFileSync(path.join(REPO, 'lib', 'interview', 'questions', `${s}.json`), 'utf8')) as { questions: Record<string, unknown>[] };
const allRaw = () => Object.fromEntries(SECTIONS.map((s) => [s, rawFile(s)])) as Record<SectionId, ReturnType<typeof rawFile>>;

describe('the bank in the repository', () => {
  it('has one valid file per section of CONTENT.md, in reading order', () => {
    expect(bank.sections.map((s) => s.id)).toEqual([...SECTIONS]);
    for (const s of bank.sections) expect(s.title.length).toBeGreaterThan(3);
  });

  it('has at least 200 answered questions, at least 15 per section, and every difficulty in every section', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(200);
    for (const s of bank.sections) {
      expect(s.questions.length, s.id).toBeGreaterThanOrEqual(15);
      for (const d of DIFFICULTIES) expect(s.questions.filter((q) => q.difficulty === d).length, `${s.id} ${d}`).toBeGreaterThanOrEqual(2);
    }
    for (const q of bank.questions) {
      expect(q.answer.trim().length, q.id).toBeGreaterThanOrEqual(40);
      expect(q.section).toBe(q.id.slice(0, q.section.length));
    }
  });

  it('has no duplicate ids and no duplicate or near-duplicate question texts', () => {
    expect(new Set(bank.questions.map((q) => q.id)).size).toBe(bank.questions.length);
    const normalised = bank.questions.map((q) => normaliseQuestion(q.question).join(' '));
    expect(new Set(normalised).size).toBe(bank.questions.length);
    const near = nearDuplicates(bank.questions, 0.6).map(([a, b, s]) => `${a.id} ~ ${b.id} (${s.toFixed(2)})`);
    expect(near).toEqual([]);
  });

  it('math in every question and answer typesets with KaTeX (as the site renders it)', () => {
    const problems: string[] = [];
    for (const q of bank.questions) {
      for (const text of [q.question, q.answer]) {
        const walk = (n: Nodes) => {
          if (n.type === 'math' || n.type === 'inlineMath') {
            try {
              katex.renderToString(n.value, { displayMode: n.type === 'math', throwOnError: true, strict: 'ignore' });
            } catch (err) {
              problems.push(`${q.id}: ${(err as Error).message}`);
            }
          }
          if ('children' in n) for (const c of n.children) walk(c as Nodes);
        };
        walk(parseMarkdown(text));
      }
    }
    expect(problems).toEqual([]);
  });

  it('every lib link names an existing file under lib/ that exports that name', () => {
    const bad: string[] = [];
    let count = 0;
    for (const q of bank.questions) {
      for (const link of q.links) {
        if (!('lib' in link)) continue;
        count++;
        const [file, name] = link.lib.split('#');
        const full = path.join(REPO, file);
        if (!existsSync(full)) {
          bad.push(`${q.id}: ${file} does not exist`);
          continue;
        }
        const src = readFileSync(full, 'utf8');
        const exported = new RegExp(`export\\s+(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:function\\*?|class|const|let|interface|type|enum)\\s+${name}\\b`).test(src)
          || new RegExp(`export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(src);
        if (!exported) bad.push(`${q.id}: ${file} does not export ${name}`);
      }
    }
    expect(bad).toEqual([]);
    expect(count).toBeGreaterThanOrEqual(100);
  });

  it('every lesson link names a notebook in notebooks/ and, when it gives a cell, a cell id of that notebook', () => {
    const bad: string[] = [];
    for (const q of bank.questions) {
      for (const link of q.links) {
        if (!('lesson' in link)) continue;
        const file = path.join(REPO, 'notebooks', `${link.lesson}.ipynb`);
        if (!existsSync(file)) {
          bad.push(`${q.id}: notebooks/${link.lesson}.ipynb does not exist`);
          continue;
        }
        if (link.cell === undefined) continue;
        const nb = JSON.parse(readFileSync(file, 'utf8')) as { cells: { id?: string }[] };
        if (!nb.cells.some((c) => c.id === link.cell)) bad.push(`${q.id}: notebooks/${link.lesson}.ipynb has no cell "${link.cell}"`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('selects by section and difficulty, finds questions by id', () => {
    const metrics = selectQuestions(bank, { section: 'metrics' });
    expect(metrics.length).toBe(bank.sections.find((s) => s.id === 'metrics')?.questions.length);
    const hard = selectQuestions(bank, { section: 'metrics', difficulty: 'hard' });
    expect(hard.every((q) => q.section === 'metrics' && q.difficulty === 'hard')).toBe(true);
    expect(selectQuestions(bank).length).toBe(bank.questions.length);
    expect(questionById(bank, 'metrics-auc-meaning').section).toBe('metrics');
    expect(() => questionById(bank, 'metrics-nope')).toThrow(/no question with id "metrics-nope"/);
  });
});

describe('schema errors name the file and the question', () => {
  const good = () => structuredClone(rawFile('metrics').questions[0]);
  const check = (patch: Record<string, unknown>, message: RegExp) => {
    const q = { ...good(), ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete q[k];
    expect(() => validateQuestion(q, 'metrics', 'lib/interview/questions/metrics.json', 0)).toThrow(message);
  };

  it('reports wrong field values with the question id', () => {
    const id = good().id as string;
    const where = `lib/interview/questions/metrics.json: question "${id}"`;
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    check({ difficulty: 'tough' }, new RegExp(`^${esc(where)}: "difficulty" must be one of easy, medium, hard, got "tough"`));
    check({ answer: '' }, /"answer" must be a non-empty string/);
    check({ answer: 'Too short.' }, /"answer" must have 40 to 1400 characters, got 10/);
    check({ question: 'What is $x?' }, /"question" has an odd number of "\$"/);
    check({ tags: [] }, /"tags" must have 1 to 8 entries/);
    check({ tags: ['Has Space'] }, /every tag must be lowercase/);
    check({ tags: ['a', 'a'] }, /repeated tag/);
    check({ section: 'algorithms' }, /"section" must be "metrics" \(the file's section\), got "algorithms"/);
    check({ colour: 'blue' }, /unknown field "colour"/);
    check({ links: [{ lesson: 'evaluation-metrics' }] }, /links\[0\]\.lesson must be a notebook name/);
    check({ links: [{ lib: 'lib/metrics/roc.ts' }] }, /links\[0\]\.lib must look like "lib\/<area>\/<file>\.ts#exportedName"/);
    check({ links: [{ lesson: '06-evaluation-metrics', cell: 'a b' }] }, /links\[0\]\.cell must be a cell id/);
    check({ links: [{ url: 'https://example.com' }] }, /links\[0\] must have either "lib", or "lesson"/);
    check({ links: 'lib/x.ts#y' }, /"links" must be an array/);
  });

  it('reports bad ids, with the position when there is no id', () => {
    check({ id: undefined }, /question "#0": "id" must be a non-empty string/);
    check({ id: 'metrics_AUC' }, /"id" must be lowercase words joined by "-"/);
    check({ id: 'algorithms-auc' }, /"id" must start with the section name "metrics-"/);
  });

  it('reports missing files, wrong section names and ids used twice across files', () => {
    const raw = allRaw();
    expect(() => buildQuestionBank({ ...raw, mlops: undefined })).toThrow(/^lib\/interview\/questions\/mlops\.json: the section file is missing/);
    expect(() => buildQuestionBank({ ...raw, mlops: { ...raw.mlops, section: 'ops' } })).toThrow(/mlops\.json: "section" must be "mlops" \(the file's name\), got "ops"/);
    expect(() => buildQuestionBank({ ...raw, mlops: [] })).toThrow(/mlops\.json: expected an object/);
    const dup = structuredClone(raw);
    dup.metrics.questions.push(structuredClone(dup.metrics.questions[0]));
    expect(() => buildQuestionBank(dup)).toThrow(new RegExp(`metrics\\.json: question "${String(raw.metrics.questions[0].id)}": the id is already used earlier in this file`));
    const cross = structuredClone(raw);
    cross.algorithms.questions[0].id = 'paradigms-mdp';
    expect(() => buildQuestionBank(cross)).toThrow(/"id" must start with the section name "algorithms-"/);
    expect(() => buildQuestionBank(raw)).not.toThrow();
    expect(() => validateQuestion('text', 'metrics', 'm.json', 3)).toThrow(QuestionBankError);
  });
});

describe('near-duplicate detection', () => {
  it('ignores case, punctuation, stop words and math delimiters', () => {
    expect(normaliseQuestion('Why is the $\\sqrt{d_k}$ scaling used?')).toEqual(['sqrt', 'd', 'k', 'scaling', 'used']);
    expect(questionSimilarity('What is ROC AUC?', 'what is roc-auc')).toBe(1);
    expect(questionSimilarity('What is ROC AUC?', 'Explain the Adam optimiser.')).toBe(0);
  });

  it('flags rephrasings of the same question and not different questions', () => {
    const q = (id: string, question: string) => ({ id, question, section: 'metrics' as const, difficulty: 'easy' as const, answer: '', tags: [], links: [] });
    const pairs = nearDuplicates([
      q('a', 'Why is accuracy misleading with imbalanced classes?'),
      q('b', 'Why is accuracy misleading when classes are imbalanced?'),
      q('c', 'What does ROC AUC measure?'),
    ], 0.6);
    expect(pairs.map(([x, y]) => `${x.id}${y.id}`)).toEqual(['ab']);
  });
});
