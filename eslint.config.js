// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'test/__generated__/', 'coverage/'] },
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
  {
    // Plain Node scripts (not TypeScript): Node's globals.
    files: ['emulator/bin/**'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
  },
);
