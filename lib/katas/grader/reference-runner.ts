// A CaseRunner that answers every case with the kata's own reference (trusted, in this thread): proves the reference passes, and lets Node and the browser compare their bundled references.
import type { Kata } from '../types';
import type { CaseRunner } from './grade';

/** Each case's outcome as a function behaving exactly like lib/'s reference would report it. */
export function referenceRunner(kata: Kata): CaseRunner {
  return async (argsList) => argsList.map((args) => {
    const expected = kata.reference(...structuredClone(args));
    const call = kata.referenceAsCall ? kata.referenceAsCall(structuredClone(args), expected) : { returned: expected, argsAfter: args };
    return { status: 'returned' as const, value: structuredClone(call.returned), argsAfter: structuredClone(call.argsAfter) as unknown[], ms: 0 };
  });
}
