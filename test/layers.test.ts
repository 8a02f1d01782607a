/**
 * The layer rule of eslint.config.js, run through ESLint itself: an import against the grain fails
 * `npm run lint`, an import along it passes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('the layer rule', () => {
  it.each([
    ['src/salesforce/example.ts', "import { builder } from '../schema/builder';\nexport const x = builder;\n"],
    ['src/services/example.ts', "import { createGateway } from '../http/yoga';\nexport const x = createGateway;\n"],
    ['src/domain/example.ts', "import { findByKey } from '../salesforce/idempotency';\nexport const x = findByKey;\n"],
    ['src/services/example.ts', "import { GraphQLError } from 'graphql';\nexport const x = GraphQLError;\n"],
    ['src/schema/example.ts', "import { findByKey } from '../salesforce/idempotency';\nexport const x = findByKey;\n"],
    ['src/http/example.ts', "import { startEmulators } from 'salesforce-emulator';\nexport const x = startEmulators;\n"],
    ['emulator/src/example.ts', "import { createApp } from '../../src/app';\nexport const x = createApp;\n"],
    // Found when the rule became an allow-list: each now fails lint.
    ['src/messaging/example.ts', "import type { SalesforceApi } from '../salesforce/client';\nexport type X = SalesforceApi;\n"],
    ['src/salesforce/example.ts', "import { memorySessionStore } from '../shared-state/session';\nexport const x = memorySessionStore;\n"],
    ['src/http/example.ts', "import { createLoaders } from '../salesforce/loaders';\nexport const x = createLoaders;\n"],
    ['src/http/example.ts', "import { memoryBudgetStore } from '../shared-state/budget';\nexport const x = memoryBudgetStore;\n"],
    ['src/config.ts', "import { createGateway } from './http/yoga';\nexport const x = createGateway;\n"],
    ['src/logger.ts', "import { loadConfig } from './config';\nexport const x = loadConfig;\n"],
    ['src/env/example.ts', "import { createApp } from '../app';\nexport const x = createApp;\n"],
    ['src/domain/example.ts', "import type { Config } from '../config';\nexport type X = Config;\n"],
    ['src/shared-state/example.ts', "import { sendAttempt } from '../../src/salesforce/attempt';\nexport const x = sendAttempt;\n"],
    ['src/logger.ts', "import { testConfig } from '../test/support/config';\nexport const x = testConfig;\n"],
    // The cache knows answers by their tags: never GraphQL, never the services or the edge.
    ['src/cache/example.ts', "import { createCase } from '../services/create-case';\nexport const x = createCase;\n"],
    ['src/cache/example.ts', "import { memoryResponseStore } from '../shared-state/responses';\nexport const x = memoryResponseStore;\n"],
    ['src/change-events/example.ts', "import { Freshness } from '../cache/freshness';\nexport const x = Freshness;\n"],
  ])('refuses %s importing against the grain', async (file, code) => {
    expect(await restricted(file, code)).toHaveLength(1);
  });

  it.each([
    [
      'src/schema/example.ts',
      "import type { Loaders } from '../salesforce/loaders';\nimport { createCase } from '../services/create-case';\nexport type L = Loaders;\nexport const x = createCase;\n",
    ],
    [
      'src/services/example.ts',
      "import { findByKey } from '../salesforce/idempotency';\nimport { badInput } from '../domain/errors';\nexport const x = [findByKey, badInput];\n",
    ],
    ['src/salesforce/example.ts', "import { normaliseId } from '../domain/ids';\nexport const x = normaliseId;\n"],
    ['src/http/example.ts', "import { schema } from '../schema/index';\nexport const x = schema;\n"],
    ['src/http/example.ts', "import type { SalesforceApi } from '../salesforce/client';\nexport type X = SalesforceApi;\n"],
    ['src/main.ts', "import { createApp } from './app';\nexport const x = createApp;\n"],
    ['src/salesforce/example.ts', "import type { SessionStore } from '../shared-state/session';\nexport type X = SessionStore;\n"],
    ['src/cache/example.ts', "import { OBJECTS } from '../salesforce/objects';\nexport const x = OBJECTS;\n"],
    ['src/http/example.ts', "import type { Freshness } from '../cache/freshness';\nexport type X = Freshness;\n"],
  ])('lets %s import along the grain', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });

  it('covers every folder and root file of src/: each has a rule (nothing imports main.ts)', async () => {
    const src = new URL('../src/', import.meta.url);
    const parts = readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory() || d.name.endsWith('.ts'));
    expect(parts.length).toBeGreaterThan(10);
    for (const d of parts) {
      const [file, code] = d.isDirectory()
        ? [`src/${d.name}/example.ts`, "import { x } from '../main';\nexport const y = x;\n"]
        : [`src/${d.name}`, "import { x } from './main';\nexport const y = x;\n"];
      expect(await restricted(file, code), file).toHaveLength(1);
    }
  });
});

describe('the formatter', () => {
  it('checks every source file of src/ (the generated root schema/ is left to its tools, src/schema/ is not)', async () => {
    const prettier = await import('prettier');
    const root = new URL('..', import.meta.url).pathname;
    const ignorePath = `${root}.prettierignore`;
    for (const file of ['src/schema/case.ts', 'src/cache/tags.ts', 'src/http/use-cache.ts']) {
      expect((await prettier.getFileInfo(`${root}${file}`, { ignorePath })).ignored, file).toBe(false);
    }
    expect((await prettier.getFileInfo(`${root}schema/schema.graphql`, { ignorePath })).ignored).toBe(true);
  });
});

describe("the edge's plugins", () => {
  it('import no other plugin: per-request facts go through http/request-state.ts', async () => {
    const messages = async (filePath: string, code: string) =>
      (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
    expect(await messages('src/http/use-example.ts', "import { useAuth } from './use-auth';\nexport const x = useAuth;\n")).toHaveLength(1);
    expect(await messages('src/http/use-example.ts', "import { usePages } from './edge';\nexport const x = usePages;\n")).toHaveLength(1);
    expect(await messages('src/http/use-example.ts', "import { principalOf } from './request-state';\nexport const x = principalOf;\n")).toEqual([]);
    // Each plugin file as it stands passes.
    const plugins = readdirSync(new URL('../src/http/', import.meta.url)).filter((f) => /^use-.*\.ts$|^edge\.ts$/.test(f));
    expect(plugins.length).toBeGreaterThan(8);
    for (const f of plugins) {
      const code = readFileSync(new URL(`../src/http/${f}`, import.meta.url), 'utf8');
      expect(await messages(`src/http/${f}`, code), f).toEqual([]);
    }
  });
});

describe('mutation resolvers', () => {
  it('are mappers: each resolve is at most 10 lines, the rest is the use case and the one after-write step', () => {
    const dir = new URL('../src/schema/', import.meta.url);
    const resolvers = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((file) => {
        const text = readFileSync(new URL(file, dir), 'utf8');
        return [...text.matchAll(/builder\.mutationField\('(\w+)'[\s\S]*?\n\);\n/g)].map((m) => {
          const resolve = m[0].slice(m[0].indexOf('resolve:'));
          // From `resolve:` to the field's closing `}),` (exclusive).
          return { name: m[1]!, lines: resolve.slice(0, resolve.lastIndexOf('\n  }),')).split('\n').length, afterWrite: resolve.includes('afterWrite(') };
        });
      });
    expect(resolvers.map((r) => r.name).sort()).toEqual(['createCase', 'logCall', 'recordConsent', 'sendFollowUp', 'updateCase']);
    for (const r of resolvers) {
      expect(r.lines, r.name).toBeLessThanOrEqual(10);
      expect(r.afterWrite, r.name).toBe(true);
    }
  });
});
