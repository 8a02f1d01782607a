import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Slow by nature: they start processes (npm start, the emulator's main, the Salesforce CLI,
 * Python, esbuild, a browser) or run hundreds of seeded steps. `npm test` leaves them out;
 * `npm run test:slow` runs them, and .ci/run runs them once per CI run (docs/testing.md).
 */
const SLOW = [
  'test/main.test.ts',
  'test/tls.test.ts',
  'test/build.test.ts',
  'test/polyai-kit.test.ts',
  'test/graphiql-browser.test.ts',
  'test/freshness-model.test.ts',
  'emulator/test/main.test.ts',
  'emulator/test/cli.test.ts',
];

/** A positive whole number from a variable, or the fallback. */
const count = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

declare module 'vitest' {
  export interface ProvidedContext {
    /** Generated inputs per property in test/property.test.ts (PROPERTY_RUNS). */
    propertyRuns: number;
    /** Steps of test/freshness-model.test.ts (MODEL_STEPS) and its seed (MODEL_SEED). */
    modelSteps: number;
    modelSeed: number;
  }
}

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS and ESM builds; load one of them only ("Duplicate graphql modules").
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every core: the files wait on HTTP as much as they compute (vitest's default leaves one idle).
    maxWorkers: availableParallelism(),
    isolate: false,
    provide: {
      propertyRuns: count(process.env.PROPERTY_RUNS, 100),
      modelSteps: count(process.env.MODEL_STEPS, 300),
      modelSeed: count(process.env.MODEL_SEED, 20261207),
    },
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts', 'emulator/test/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
    // .ci/run asks for a JSON summary to print its closing "N passed, N failed" line.
    reporters: process.env.CI_RESULTS ? ['default', ['json', { outputFile: process.env.CI_RESULTS }]] : ['default'],
  },
});
