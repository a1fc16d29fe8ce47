// Vitest settings: lib unit tests run in parallel; kernel integration tests get generous timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A guard against hangs, not a speed limit: on a slower machine of this kind (no AVX2) the pipeline's
    // determinism test (three full exports) took 33.7 s with the suite around it.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at once on the 2-core CI machine (vitest's default is cores - 1 = 1): many files wait on a kernel
    // or Chromium child process, so the suite took 368 s instead of 554 s here.
    maxWorkers: 2,
  },
});
