/**
 * `npm run codegen`: prints the Pothos schema (sorted) to schema/schema.graphql and generates
 * typed documents for the test operations in test/__generated__/. `npm run codegen:check` fails
 * when either is stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema/index';

const config: CodegenConfig = {
  schema: printSchema(schema),
  documents: ['test/**/*.ts', '!test/__generated__/**'],
  ignoreNoDocuments: true,
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: true, sort: false } },
    'test/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
    },
  },
};

export default config;
