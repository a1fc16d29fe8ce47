// The kata format: a statement, a starter, visible and hidden cases, a reference from lib/, hints and mutants.
import type { Difficulty, SectionId } from '../interview/question-bank';

export type { Difficulty, SectionId };

/** Where a case comes from: shown to the learner (`example`) or hidden (`edge`, seeded `random`, `large` magnitude). */
export type CaseKind = 'example' | 'edge' | 'random' | 'large';

/** One call of the learner's function. `args` must be structured-clonable plain data (numbers, arrays, objects). */
export interface KataCase<A extends unknown[] = unknown[]> {
  /** Short, unique within the kata: "two equal logits", "random 3", "logits near 1000". */
  name: string;
  kind: CaseKind;
  args: A;
}

/** |received - expected| <= abs + rel * |expected|, element by element. */
export interface Tolerance {
  abs: number;
  rel: number;
}

/** What a mistake detector or a custom check sees for one failing case. */
export interface CaseContext<A extends unknown[] = unknown[], R = unknown> {
  args: A;
  expected: R;
  /** What the learner's code produced (after `observe`); unknown because it may be anything. */
  received: unknown;
  tolerance: Tolerance;
}

/**
 * A known mistake: when `detect` says the received value is what that mistake produces, the report adds `hint`.
 * Detectors run only on failing cases, so they may assume the answer is wrong.
 */
export interface Mistake<A extends unknown[] = unknown[], R = unknown> {
  id: string;
  hint: string;
  detect(ctx: CaseContext<A, R>): boolean;
}

/**
 * A realistic wrong implementation for the tests: the kata's `solution` with each `[search, replace]` edit applied
 * (every `search` must occur in the solution). The tests require the grader to reject it, and, when `mistake` is
 * given, to show that mistake's hint.
 */
export interface Mutant {
  name: string;
  edits: ReadonlyArray<readonly [string, string]>;
  mistake?: string;
}

/** A lesson (and optionally one cell id of it) that teaches the kata. */
export interface LessonLink {
  lesson: string;
  cell?: string;
}

export interface KataLinks {
  lessons: LessonLink[];
  /** Question-bank ids (lib/interview/questions/*.json) this kata practises. */
  questions: string[];
}

/** A kata as written in `lib/katas/<id>.ts` (typed by its arguments A and its expected value R). */
export interface KataSpec<A extends unknown[], R> {
  /** kebab-case, also the file name: "cross-entropy-grad". */
  id: string;
  title: string;
  section: SectionId;
  difficulty: Difficulty;
  /** Markdown with `$...$`/`$$...$$` math: the task, the formula, and every rule the grader tests (ties, edge cases). */
  statement: string;
  /** The exported function's name, e.g. "crossEntropyGrad". */
  functionName: string;
  /** The TypeScript signature without `function`/`export`: "softmax(z: number[]): number[]". */
  signature: string;
  /**
   * The starter file: `export function <signature> { throw new Error('not implemented'); }` (types must check).
   * Helpers go inside the function so that it stays self-contained (the notebook grader ships `fn.toString()`).
   */
  starter: string;
  /** A model answer in the same shape as the starter (self-contained); mutants are edits of it. */
  solution: string;
  /** Shown in the statement and graded first. */
  examples: KataCase<A>[];
  /** Hidden cases: edge cases, random cases from a fixed seed (rngFrom), large magnitudes. Must be deterministic. */
  hiddenCases(): KataCase<A>[];
  /** The expected value, computed by lib/ (an adapter from plain arrays to lib's types, never a second copy). */
  reference(...args: A): R;
  /**
   * Turns what the learner's function returned, plus its arguments after the call, into the value compared with
   * `reference` (default: the returned value). Used by katas whose contract includes updating an argument.
   */
  observe?(returned: unknown, argsAfter: A): unknown;
  /**
   * With `observe`: what a function that behaves like the reference returns and leaves in its arguments, so that the
   * tests can prove the reference passes through `observe` too.
   */
  referenceAsCall?(args: A, expected: R): { returned: unknown; argsAfter: A };
  /** Indices of arguments the function may change (default: none; any other change is reported as mutated input). */
  mutableArgs?: number[];
  tolerance: Tolerance;
  /**
   * Optional extra or replacement comparison: return a message when the received value is wrong, or null. Runs after
   * the generic shape/type/NaN/tolerance comparison unless `replaceComparison` is true.
   */
  check?(ctx: CaseContext<A, R>): string | null;
  replaceComparison?: boolean;
  /** General hints, shown (first one only) when a case fails and no mistake matched. */
  hints: string[];
  mistakes: Mistake<A, R>[];
  mutants: Mutant[];
  links: KataLinks;
  /** Per-case time limit in seconds (default 3). */
  timeLimitSeconds?: number;
}

/** A kata with its types erased, as held by the registry. */
// `any` for the argument tuple: the registry holds katas of different signatures; each kata file keeps its own types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Kata = KataSpec<any, unknown>;

/** Identity function that type-checks a kata's parts against each other. */
export function defineKata<A extends unknown[], R>(spec: KataSpec<A, R>): Kata {
  return spec as unknown as Kata;
}
