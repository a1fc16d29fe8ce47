// Applies a kata's mutant edits to its model solution (for the grader's own tests and the notebooks' checks).
import type { Kata, Mutant } from './types';

/** The solution with every `[search, replace]` of the mutant applied; a RangeError if a search text is missing. */
export function mutantSource(kata: Kata, mutant: Mutant): string {
  let src = kata.solution;
  for (const [search, replace] of mutant.edits) {
    if (!src.includes(search)) {
      throw new RangeError(`kata ${kata.id}, mutant "${mutant.name}": the edit's search text does not occur in the solution: ${JSON.stringify(search)}`);
    }
    src = src.replace(search, replace);
  }
  return src;
}
