/**
 * `npm run codegen`: prints the Pothos schema (sorted) to schema/schema.graphql, generates typed
 * documents for the test operations in test/__generated__/, and turns the trusted documents
 * (schema/operations/*.graphql, what the agent and frontends run) into a typed client and a
 * manifest of their SHA-256 hashes (schema/operations/client/persisted-documents.json), which the
 * gateway serves by `documentId`. `npm run codegen:check` fails when any of them is stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema/index';

const config: CodegenConfig = {
  schema: printSchema(schema),
  ignoreNoDocuments: true,
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: true, sort: false } },
    'schema/operations/client/': {
      documents: ['schema/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
    },
    'test/__generated__/': {
      documents: ['test/**/*.ts', '!test/__generated__/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
    },
  },
};

export default config;
