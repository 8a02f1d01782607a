import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS and ESM builds; load one of them only ("Duplicate graphql modules").
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: ['test/**/*.test.ts', 'emulator/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // .ci/run asks for a JSON summary to print its closing "N passed, N failed" line.
    reporters: process.env.CI_RESULTS ? ['default', ['json', { outputFile: process.env.CI_RESULTS }]] : ['default'],
  },
});
