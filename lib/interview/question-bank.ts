// The interview question bank: typed loader and schema validation for lib/interview/questions/<section>.json.
import algorithms from './questions/algorithms.json';
import architectures from './questions/architectures.json';
import biasVariance from './questions/bias-variance.json';
import metrics from './questions/metrics.json';
import mlops from './questions/mlops.json';
import neuralNetworks from './questions/neural-networks.json';
import optimization from './questions/optimization.json';
import paradigms from './questions/paradigms.json';
import probabilityAndFormulas from './questions/probability-and-formulas.json';
import languageModels from './questions/language-models.json';
import regularization from './questions/regularization.json';
import retrieval from './questions/retrieval.json';
import dataAndFeatures from './questions/data-and-features.json';
import experimentation from './questions/experimentation.json';
import recommenders from './questions/recommenders.json';
import systemDesign from './questions/system-design.json';

/** The sections, in reading order (the sections of CONTENT.md; "key formulas" is merged with probability and information theory). */
export const SECTIONS = [
  'paradigms', 'bias-variance', 'regularization', 'neural-networks', 'optimization',
  'metrics', 'architectures', 'mlops', 'algorithms', 'probability-and-formulas', 'language-models', 'retrieval',
  'data-and-features', 'experimentation', 'recommenders', 'system-design',
] as const;
export type SectionId = (typeof SECTIONS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** A link to a lesson (optionally one cell of it, by cell id) or to an exported lib/ function or class. */
export type QuestionLink = { lesson: string; cell?: string } | { lib: string };

export interface Question {
  /** Stable id, `<section>-<words>`, e.g. "metrics-auc-meaning". */
  id: string;
  section: SectionId;
  difficulty: Difficulty;
  /** The question; markdown, `$...$` math allowed. */
  question: string;
  /** A concise answer; markdown, `$...$` / `$$...$$` math allowed. */
  answer: string;
  tags: string[];
  links: QuestionLink[];
}

export interface Section {
  id: SectionId;
  title: string;
  questions: Question[];
}

export interface QuestionBank {
  sections: Section[];
  /** Every question, section by section in reading order, each section in its file's order. */
  questions: Question[];
  byId: Map<string, Question>;
}

/** What the bank's JSON files look like before validation. */
export interface QuestionFile {
  section: string;
  title: string;
  questions: unknown[];
}

/** A schema problem, naming the file and (when known) the question id. */
export class QuestionBankError extends Error {
  constructor(readonly file: string, readonly questionId: string | undefined, problem: string) {
    super(`${file}${questionId ? `: question "${questionId}"` : ''}: ${problem}`);
    this.name = 'QuestionBankError';
  }
}

export const QUESTIONS_DIR = 'lib/interview/questions';
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const TAG_PATTERN = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
/** `06-evaluation-metrics`: a notebook's file name without `.ipynb`. */
export const LESSON_PATTERN = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CELL_PATTERN = /^[A-Za-z0-9_-]+$/;
/** `lib/metrics/roc.ts#rocAuc`: a file under lib/ and the name it exports. */
export const LIB_PATTERN = /^lib\/[a-z0-9_/-]+\.ts#[A-Za-z_$][A-Za-z0-9_$]*$/;
export const LIMITS = { question: [10, 300], answer: [40, 1400], tags: [1, 8] } as const;

const QUESTION_KEYS = new Set(['id', 'section', 'difficulty', 'question', 'answer', 'tags', 'links']);

const RAW: Record<SectionId, unknown> = {
  paradigms,
  'bias-variance': biasVariance,
  regularization,
  'neural-networks': neuralNetworks,
  optimization,
  metrics,
  architectures,
  mlops,
  algorithms,
  'probability-and-formulas': probabilityAndFormulas,
  'language-models': languageModels,
  retrieval,
  'data-and-features': dataAndFeatures,
  experimentation,
  recommenders,
  'system-design': systemDesign,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v) : JSON.stringify(v) ?? String(v));

function validateLink(raw: unknown, fail: (why: string) => never, i: number): QuestionLink {
  if (!isObject(raw)) fail(`links[${i}] must be an object like { "lesson": "06-evaluation-metrics", "cell": "roc-auc" } or { "lib": "lib/metrics/roc.ts#rocAuc" }, got ${show(raw)}`);
  const keys = Object.keys(raw).sort().join(',');
  if (keys === 'lib') {
    if (typeof raw.lib !== 'string' || !LIB_PATTERN.test(raw.lib)) fail(`links[${i}].lib must look like "lib/<area>/<file>.ts#exportedName", got ${show(raw.lib)}`);
    return { lib: raw.lib as string };
  }
  if (keys === 'lesson' || keys === 'cell,lesson') {
    if (typeof raw.lesson !== 'string' || !LESSON_PATTERN.test(raw.lesson)) fail(`links[${i}].lesson must be a notebook name like "06-evaluation-metrics", got ${show(raw.lesson)}`);
    if (raw.cell === undefined) return { lesson: raw.lesson as string };
    if (typeof raw.cell !== 'string' || !CELL_PATTERN.test(raw.cell)) fail(`links[${i}].cell must be a cell id (letters, digits, - and _), got ${show(raw.cell)}`);
    return { lesson: raw.lesson as string, cell: raw.cell as string };
  }
  return fail(`links[${i}] must have either "lib", or "lesson" and optionally "cell"; got the keys ${JSON.stringify(Object.keys(raw))}`);
}

/** Checks one question object of `section`'s file; throws a QuestionBankError naming the file and the question id. */
export function validateQuestion(raw: unknown, section: SectionId, file: string, index: number): Question {
  if (!isObject(raw)) throw new QuestionBankError(file, undefined, `questions[${index}] must be an object, got ${show(raw)}`);
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : undefined;
  const fail = (why: string): never => {
    throw new QuestionBankError(file, id ?? `#${index}`, why);
  };
  if (id === undefined) fail(`"id" must be a non-empty string, got ${show(raw.id)}`);
  if (!ID_PATTERN.test(id as string)) fail('"id" must be lowercase words joined by "-" (e.g. "metrics-auc-meaning")');
  if (!(id as string).startsWith(`${section}-`)) fail(`"id" must start with the section name "${section}-"`);
  for (const key of Object.keys(raw)) if (!QUESTION_KEYS.has(key)) fail(`unknown field "${key}" (allowed: ${[...QUESTION_KEYS].join(', ')})`);
  if (raw.section !== section) fail(`"section" must be "${section}" (the file's section), got ${show(raw.section)}`);
  if (!DIFFICULTIES.includes(raw.difficulty as Difficulty)) fail(`"difficulty" must be one of ${DIFFICULTIES.join(', ')}, got ${show(raw.difficulty)}`);
  for (const key of ['question', 'answer'] as const) {
    const v = raw[key];
    const [min, max] = LIMITS[key];
    if (typeof v !== 'string' || v.trim() === '') fail(`"${key}" must be a non-empty string, got ${show(v)}`);
    const text = (v as string).trim();
    if (text.length < min || text.length > max) fail(`"${key}" must have ${min} to ${max} characters, got ${text.length}`);
    if ((text.match(/\$/g) ?? []).length % 2 !== 0) fail(`"${key}" has an odd number of "$": unbalanced math`);
  }
  if (!Array.isArray(raw.tags)) fail(`"tags" must be an array of strings, got ${show(raw.tags)}`);
  const tags = raw.tags as unknown[];
  if (tags.length < LIMITS.tags[0] || tags.length > LIMITS.tags[1]) fail(`"tags" must have ${LIMITS.tags[0]} to ${LIMITS.tags[1]} entries, got ${tags.length}`);
  for (const t of tags) if (typeof t !== 'string' || !TAG_PATTERN.test(t)) fail(`every tag must be lowercase words joined by "-", got ${show(t)}`);
  if (new Set(tags).size !== tags.length) fail('"tags" has a repeated tag');
  let links: QuestionLink[] = [];
  if (raw.links !== undefined) {
    if (!Array.isArray(raw.links)) fail(`"links" must be an array, got ${show(raw.links)}`);
    links = (raw.links as unknown[]).map((l, i) => validateLink(l, fail, i));
  }
  return {
    id: id as string,
    section,
    difficulty: raw.difficulty as Difficulty,
    question: (raw.question as string).trim(),
    answer: (raw.answer as string).trim(),
    tags: tags as string[],
    links,
  };
}

/** Checks one section file (`{ section, title, questions: [...] }`) and returns its section. */
export function validateSectionFile(raw: unknown, section: SectionId, file = `${QUESTIONS_DIR}/${section}.json`): Section {
  if (!isObject(raw)) throw new QuestionBankError(file, undefined, 'expected an object { "section", "title", "questions" }');
  const extra = Object.keys(raw).filter((k) => !['section', 'title', 'questions'].includes(k));
  if (extra.length) throw new QuestionBankError(file, undefined, `unknown field "${extra[0]}" (allowed: section, title, questions)`);
  if (raw.section !== section) throw new QuestionBankError(file, undefined, `"section" must be "${section}" (the file's name), got ${show(raw.section)}`);
  if (typeof raw.title !== 'string' || raw.title.trim() === '') throw new QuestionBankError(file, undefined, '"title" must be a non-empty string');
  if (!Array.isArray(raw.questions)) throw new QuestionBankError(file, undefined, '"questions" must be an array');
  const questions = raw.questions.map((q, i) => validateQuestion(q, section, file, i));
  return { id: section, title: raw.title, questions };
}

/**
 * Validates and assembles a bank from raw section files (keyed by section; every section must be present). Throws a
 * QuestionBankError naming the file and question for the first problem, including ids used twice across files.
 */
export function buildQuestionBank(raw: Partial<Record<SectionId, unknown>>, fileOf: (s: SectionId) => string = (s) => `${QUESTIONS_DIR}/${s}.json`): QuestionBank {
  const sections: Section[] = [];
  const byId = new Map<string, Question>();
  for (const s of SECTIONS) {
    if (raw[s] === undefined) throw new QuestionBankError(fileOf(s), undefined, 'the section file is missing');
    const section = validateSectionFile(raw[s], s, fileOf(s));
    for (const q of section.questions) {
      const other = byId.get(q.id);
      if (other) throw new QuestionBankError(fileOf(s), q.id, `the id is already used${other.section === s ? ' earlier in this file' : ` in ${fileOf(other.section)}`}`);
      byId.set(q.id, q);
    }
    sections.push(section);
  }
  return { sections, questions: sections.flatMap((s) => s.questions), byId };
}

let cached: QuestionBank | undefined;

/** The repository's question bank (validated once, then cached). */
export function loadQuestionBank(): QuestionBank {
  cached ??= buildQuestionBank(RAW);
  return cached;
}

export function isSection(name: string): name is SectionId {
  return (SECTIONS as readonly string[]).includes(name);
}

export function isDifficulty(name: string): name is Difficulty {
  return (DIFFICULTIES as readonly string[]).includes(name);
}

/** The questions of one section (or all) at one difficulty (or all), in bank order. */
export function selectQuestions(bank: QuestionBank, filter: { section?: SectionId; difficulty?: Difficulty } = {}): Question[] {
  return bank.questions.filter((q) => (!filter.section || q.section === filter.section) && (!filter.difficulty || q.difficulty === filter.difficulty));
}

/** One question by id; a RangeError names the id when it is not in the bank. */
export function questionById(bank: QuestionBank, id: string): Question {
  const q = bank.byId.get(id);
  if (!q) throw new RangeError(`no question with id "${id}" in the bank`);
  return q;
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'is', 'are', 'be', 'it', 'its', 'what', 'why', 'how', 'when', 'does', 'do', 'you', 'your', 'with', 'vs', 'versus', 'can', 'which', 'that', 'this', 'as', 'by', 'at', 'from']);

/** A question's text reduced to its content words: lowercase, math and punctuation dropped, stop words removed. */
export function normaliseQuestion(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\$[^$]*\$/g, (m) => ` ${m.replace(/[^a-z0-9]+/g, ' ')} `)
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !STOP_WORDS.has(w));
}

/** Jaccard similarity of two questions' content-word sets (1 = the same words). */
export function questionSimilarity(a: string, b: string): number {
  const [sa, sb] = [new Set(normaliseQuestion(a)), new Set(normaliseQuestion(b))];
  if (sa.size === 0 && sb.size === 0) return 1;
  let common = 0;
  for (const w of sa) if (sb.has(w)) common++;
  return common / (sa.size + sb.size - common);
}

/** Pairs of questions whose texts are the same after normalisation or share at least `threshold` of their words. */
export function nearDuplicates(questions: readonly Question[], threshold = 0.7): [Question, Question, number][] {
  const out: [Question, Question, number][] = [];
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      const sim = questionSimilarity(questions[i].question, questions[j].question);
      if (sim >= threshold) out.push([questions[i], questions[j], sim]);
    }
  }
  return out;
}
