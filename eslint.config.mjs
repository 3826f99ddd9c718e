import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The editor's features (editor/src/features/<feature>): none may import another. */
const editorFeatures = readdirSync(fileURLToPath(import.meta.resolve('./editor/src/features')), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** What no editor file may import: the service's Nest modules, the database, Node's I/O. */
const editorForbidden = [
  {
    group: ['@nestjs/*', 'typeorm', 'typeorm-*', 'pg', '@electric-sql/*', 'piscina', 'node:*'],
    message:
      "The editor speaks only the public API; it may import the engine's types and schema, never a Nest module.",
  },
  {
    group: ['**/api/src/*', '!**/api/src/engine', '**/api/src/!(engine)/**'],
    message: 'Import the engine through @engine/…; the rest of api/src is the service.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'editor/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['editor/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-console': 'error',
      'no-restricted-imports': ['error', { patterns: editorForbidden }],
    },
  },
  // Imports flow one way: shared code (components, hooks, lib, stores, types) → features → app.
  {
    files: ['editor/src/{components,hooks,lib,stores,types}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...editorForbidden,
            {
              group: ['@/features/*', '@/app/*'],
              message: 'Shared code imports no feature and not the app.',
            },
          ],
        },
      ],
    },
  },
  ...editorFeatures.map((feature) => ({
    files: [`editor/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...editorForbidden,
            {
              group: [
                '@/app/*',
                ...editorFeatures.filter((f) => f !== feature).map((f) => `@/features/${f}*`),
              ],
              message: 'A feature imports shared code only: no other feature, not the app.',
            },
          ],
        },
      ],
    },
  })),
  {
    // The engine is framework-free: no Nest, no TypeORM, no I/O libraries.
    files: ['api/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm-*', 'pg', '@electric-sql/*'],
              message: 'The engine imports nothing from Nest or the database.',
            },
            {
              group: ['node:fs', 'fs', 'node:fs/*', 'fs/*', 'node:net', 'node:http'],
              message: 'The engine does no I/O.',
            },
          ],
        },
      ],
    },
  },
);
