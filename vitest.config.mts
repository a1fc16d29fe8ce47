// Vitest settings: lib unit tests run in parallel; kernel integration tests get generous timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at once on the 2-core CI machine (vitest's default is cores - 1 = 1): many files wait on a kernel
    // or Chromium child process, so the suite took 368 s instead of 554 s here.
    maxWorkers: 2,
  },
});
