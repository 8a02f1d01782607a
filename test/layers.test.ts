/**
 * The layer rule of eslint.config.js, run through ESLint itself: an import against the grain fails
 * `npm run lint`, an import along it passes.
 */
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
  ])('lets %s import along the grain', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
