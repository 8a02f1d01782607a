// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (STYLE §3): http → schema → services → {domain, salesforce, messaging, shared-state},
 * and salesforce → domain. A relative import into another layer is always `../<layer>/…`, since
 * the layers are the folders of src/. Nothing below schema/ imports GraphQL; nothing in src/ but
 * main.ts loads the emulator; the emulator reaches nothing outside its own package.
 */
const GRAPHQL = {
  regex: '^(graphql|graphql-yoga|graphql-scalars|@pothos/.*|@graphql-yoga/.*|@escape\\.tech/.*)$',
  message: 'Only src/http and src/schema speak GraphQL (STYLE §3): raise a domain error instead.',
};
const layer = (name, forbidden, extra = []) => ({
  files: [`src/${name}/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(forbidden.length > 0
            ? [
                {
                  regex: `^\\.\\./(${forbidden.join('|')})(/|$)`,
                  message: `src/${name} may not import this layer: imports run http → schema → services → domain, salesforce, messaging, shared-state (STYLE §3).`,
                },
              ]
            : []),
          { regex: '^salesforce-emulator', message: 'The gateway runtime never loads the emulator (only src/main.ts, in development).' },
          ...extra,
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'test/__generated__/', 'schema/operations/client/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read process.env only in src/main.ts and emulator/src/main.ts (STYLE rule 4).',
        },
      ],
    },
  },
  {
    files: ['src/main.ts', 'emulator/src/main.ts', 'emulator/bin/**', 'bench/**', 'codegen.ts', 'vitest.config.ts', '.ci/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  layer('domain', ['http', 'schema', 'services', 'salesforce', 'messaging', 'shared-state', 'app', 'main', 'config'], [GRAPHQL]),
  layer('shared-state', ['http', 'schema', 'services', 'salesforce', 'messaging', 'app', 'main'], [GRAPHQL]),
  layer('salesforce', ['http', 'schema', 'services', 'messaging', 'app', 'main'], [GRAPHQL]),
  layer('messaging', ['http', 'schema', 'services', 'app', 'main'], [GRAPHQL]),
  layer('services', ['http', 'schema', 'app', 'main'], [GRAPHQL]),
  // Resolvers reach Salesforce through services; they may name its record and loader types.
  layer(
    'schema',
    ['http', 'messaging', 'shared-state', 'app', 'main'],
    [{ regex: '^\\.\\./salesforce(/|$)', allowTypeImports: true, message: 'Resolvers call services, not the salesforce/ layer (types only).' }],
  ),
  layer('http', ['app', 'main']),
  {
    files: ['emulator/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./){2,}', message: 'The emulator is a package of its own: it imports nothing outside emulator/.' }] },
      ],
    },
  },
  {
    // Plain Node scripts (not TypeScript): Node's globals.
    files: ['emulator/bin/**'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
  },
);
