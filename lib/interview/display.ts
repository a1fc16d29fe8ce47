// Shows the question bank in a notebook: questions and answers as markdown (bold question, answer paragraph), summaries, and claim checks.
import { publishDisplay } from '../core/display';
import { Rng } from '../core/random';
import { DIFFICULTIES, SECTIONS, isSection, loadQuestionBank, type Difficulty, type Question, type QuestionBank, type SectionId } from './question-bank';

export interface QuestionsMarkdownOptions {
  /** Number the questions 1, 2, ... (default true). */
  numbered: boolean;
  /** Show the id and difficulty after each question (default true). */
  showIds: boolean;
  /** Ids of questions demonstrated by code in the notebook, marked "demonstrated below". */
  demonstrated: ReadonlySet<string>;
  /** 'both': each question with its answer; 'questions': a compact numbered list of the questions only. */
  part: 'both' | 'questions';
}

export const questionsMarkdownDefaults: Readonly<QuestionsMarkdownOptions> = { numbered: true, showIds: true, demonstrated: new Set(), part: 'both' };

/**
 * Questions as markdown: with part 'both' (default) a bold question, its difficulty and id, then the answer; with part
 * 'questions' a numbered list of the questions alone (to think about before reading the answers).
 */
export function questionsMarkdown(questions: readonly Question[], options: Partial<QuestionsMarkdownOptions> = {}): string {
  const o = { ...questionsMarkdownDefaults, ...options };
  const tagsOf = (q: Question) => [q.difficulty, ...(o.showIds ? [`\`${q.id}\``] : []), ...(o.demonstrated.has(q.id) ? ['demonstrated below'] : [])].join(' · ');
  if (o.part === 'questions') return questions.map((q, i) => `${o.numbered ? `${i + 1}.` : '-'} ${q.question} *(${tagsOf(q)})*`).join('\n');
  return questions.map((q, i) => `**${o.numbered ? `${i + 1}. ` : ''}${q.question}** *(${tagsOf(q)})*\n\n${q.answer}`).join('\n\n');
}

function sectionOf(bank: QuestionBank, id: SectionId) {
  if (!isSection(id)) throw new RangeError(`unknown section "${String(id)}"; valid sections: ${SECTIONS.join(', ')}`);
  const s = bank.sections.find((x) => x.id === id);
  if (!s) throw new RangeError(`section "${id}" is not in the bank`);
  return s;
}

/** Displays one section of the bank in the running notebook cell (markdown, with a one-line text fallback); see {@link questionsMarkdown}. */
export function showSection(id: SectionId, options: Partial<QuestionsMarkdownOptions> = {}, bank: QuestionBank = loadQuestionBank()): void {
  const s = sectionOf(bank, id);
  const counts = DIFFICULTIES.map((d) => `${s.questions.filter((q) => q.difficulty === d).length} ${d}`).join(', ');
  const answers = (options.part ?? 'both') === 'both';
  publishDisplay({
    'text/markdown': `${answers ? `**Answers (${s.title})**\n\n` : ''}${questionsMarkdown(s.questions, options)}`,
    'text/plain': `${s.title}: ${s.questions.length} ${answers ? 'questions and answers' : 'questions'} (${counts})`,
  });
}

/** Displays a list of questions with their answers (markdown), e.g. a mock interview. */
export function showQuestions(questions: readonly Question[], options: Partial<QuestionsMarkdownOptions> = {}): void {
  publishDisplay({
    'text/markdown': questionsMarkdown(questions, options),
    'text/plain': `${questions.length} questions: ${questions.map((q) => q.id).join(', ')}`,
  });
}

/** Question counts per section and difficulty: rows in SECTIONS order, columns in DIFFICULTIES order. */
export function bankCounts(bank: QuestionBank = loadQuestionBank()): { sections: SectionId[]; difficulties: Difficulty[]; counts: number[][] } {
  return {
    sections: bank.sections.map((s) => s.id),
    difficulties: [...DIFFICULTIES],
    counts: bank.sections.map((s) => DIFFICULTIES.map((d) => s.questions.filter((q) => q.difficulty === d).length)),
  };
}

/**
 * A mock interview: `perSection` questions drawn at random (seeded) from every section, in section order.
 * @throws RangeError when perSection is not a positive integer or a section has fewer questions
 */
export function mockInterview(options: { perSection?: number; seed?: number; difficulty?: Difficulty } = {}, bank: QuestionBank = loadQuestionBank()): Question[] {
  const perSection = options.perSection ?? 1;
  if (!Number.isInteger(perSection) || perSection < 1) throw new RangeError(`expected perSection >= 1, got perSection = ${perSection}`);
  const rng = new Rng(options.seed ?? 0);
  return bank.sections.flatMap((s) => {
    const pool = s.questions.filter((q) => !options.difficulty || q.difficulty === options.difficulty);
    if (pool.length < perSection) throw new RangeError(`expected perSection <= ${pool.length} questions in ${s.id}, got perSection = ${perSection}`);
    const picked = [...pool];
    for (let i = picked.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [picked[i], picked[j]] = [picked[j], picked[i]];
    }
    return picked.slice(0, perSection);
  });
}

/**
 * Checks a claim a demonstration makes: prints "✔ claim" when it holds, throws an Error naming it when it does not
 * (so an executed notebook proves its answers).
 */
export function check(holds: boolean, claim: string): void {
  if (typeof holds !== 'boolean') throw new TypeError(`expected a boolean for the claim "${claim}", got ${typeof holds}`);
  if (!holds) throw new Error(`claim does not hold: ${claim}`);
  console.log(`✔ ${claim}`);
}
