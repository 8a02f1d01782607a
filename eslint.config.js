// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/architecture.md#layers) as an allow-list: each folder of src/, and each root file, names what it
 * may import, and everything else is refused. Imports run http → schema → services → {domain,
 * salesforce, messaging, shared-state}, and salesforce → domain; some layers may name another's
 * types (the composition root, app.ts, hands them the values). Nothing below schema/ imports
 * GraphQL; nothing in src/ but src/dev loads the emulator; the emulator reaches nothing outside its
 * own package. test/layers.test.ts proves that a forbidden import fails.
 */
const GRAPHQL = {
  regex: '^(graphql|graphql-yoga|graphql-scalars|@pothos/.*|@graphql-yoga/.*|@escape\\.tech/.*)$',
  message: 'Only src/http and src/schema speak GraphQL (docs/architecture.md#layers): raise a domain error instead.',
};
const EMULATOR = { regex: '^salesforce-emulator', message: 'The gateway runtime never loads the emulator (only src/dev, in development).' };
const LAYERS = [
  'http',
  'schema',
  'services',
  'domain',
  'salesforce',
  'messaging',
  'shared-state',
  'change-events',
  'cache',
  'env',
  'app',
  'config',
  'logger',
  'main',
  'dev',
];

/**
 * What one part of src/ may import: `values` (anything from them), `types` (their types only),
 * and `graphql` whether it may speak GraphQL. `up` is how a relative import reaches src/ from its
 * files, `out` how it leaves src/ (`../` and `../../` in a folder, `./` and `../` for a root file).
 */
const allow = (files, up, out, { values = [], types = [], graphql = false, emulator = false }) => {
  const dot = escape(up);
  const others = LAYERS.filter((l) => !values.includes(l) && !types.includes(l));
  const patterns = [
    ...(others.length > 0
      ? [
          {
            regex: `^${dot}(${others.join('|')})(/|$)`,
            message: `${files} may import only ${[...values, ...types.map((t) => `${t} (types)`)].join(', ') || 'its own folder'} (docs/architecture.md#layers).`,
          },
        ]
      : []),
    ...(types.length > 0
      ? [
          {
            regex: `^${dot}(${types.join('|')})(/|$)`,
            allowTypeImports: true,
            message: `${files} may name only the types of ${types.join(', ')} (docs/architecture.md#layers).`,
          },
        ]
      : []),
    // Out of src/, the repository's trusted documents (schema/operations) excepted.
    { regex: `^${escape(out)}(?!schema/operations/)`, message: 'src/ imports nothing of the repository outside it.' },
    ...(graphql ? [] : [GRAPHQL]),
    ...(emulator ? [] : [EMULATOR]),
  ];
  return { files: [files], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
};
const escape = (path) => path.replace(/\./g, '\\.');
const folder = (name, rules) => allow(`src/${name}/**/*.ts`, '../', '../../', rules);
const root = (name, rules) => allow(`src/${name}.ts`, './', '../', rules);

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
          message: 'Read process.env only in src/main.ts and emulator/src/main.ts.',
        },
      ],
    },
  },
  {
    files: ['src/main.ts', 'emulator/src/main.ts', 'emulator/bin/**', 'bench/**', 'codegen.ts', 'vitest.config.ts', '.ci/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  folder('domain', {}),
  folder('shared-state', { values: ['domain'] }),
  folder('salesforce', { values: ['domain'], types: ['shared-state', 'config'] }),
  folder('messaging', { values: ['domain'] }),
  folder('change-events', { values: ['domain'], types: ['salesforce', 'shared-state'] }),
  // Freshness in one room: it reads the object registry and knows answers only by their tags.
  folder('cache', { values: ['domain', 'salesforce'], types: ['shared-state'] }),
  folder('services', { values: ['domain', 'salesforce', 'messaging', 'shared-state'] }),
  // Resolvers reach Salesforce through services; they may name its record and loader types.
  folder('schema', { values: ['services', 'domain'], types: ['salesforce'], graphql: true }),
  folder('http', { values: ['schema', 'services', 'domain'], types: ['salesforce', 'shared-state', 'change-events', 'cache', 'config'], graphql: true }),
  // The edge's policy (keys, the budget governor, prices, client addresses), one folder down: the same allowances.
  allow('src/http/policy/**/*.ts', '../../', '../../../', {
    values: ['schema', 'services', 'domain'],
    types: ['salesforce', 'shared-state', 'change-events', 'cache', 'config'],
    graphql: true,
  }),
  // The edge's plugins share what they know of a request through http/request-state.ts, never by importing each other.
  {
    files: ['src/http/use-*.ts', 'src/http/edge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\./(use-[\\w-]+|edge)$', message: 'A plugin imports no other plugin: share per-request facts through http/request-state.ts.' },
          ],
        },
      ],
    },
  },
  folder('env', { values: ['domain'] }),
  root('config', { values: ['env'] }),
  root('logger', {}),
  // The composition root: it wires every layer (main.ts alone runs it).
  root('app', { values: LAYERS.filter((l) => l !== 'main' && l !== 'app' && l !== 'dev'), graphql: true }),
  // Development only: the embedded emulator (main.ts starts it when no org is configured).
  folder('dev', { values: ['config'], types: ['app'], emulator: true }),
  root('main', { values: ['app', 'config', 'http', 'logger', 'dev'] }),
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
