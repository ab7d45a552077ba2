// Lint for the whole tree. Besides the usual TypeScript checks it enforces the layer rule written
// in docs/architecture.md: imports point one way, from the processes (app, collectors, demo,
// scripts) down to lib/, never back up, and never in a circle.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'playwright.config.ts', 'vitest.config.ts'];

/** Folders lib/ must never import: everything that sits above it. */
const ABOVE_LIB = ['./app', './components', './collectors', './demo', './scripts', './e2e'];

export default tseslint.config(
  {
    ignores: ['node_modules/**', '.next/**', '.next-*/**', '.truthflow/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Teaches import-x to parse .ts/.tsx dependencies; without it no-cycle never follows an import.
  importX.flatConfigs.typescript,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './lib',
              from: ABOVE_LIB,
              except: [],
              message: 'lib/ is the bottom layer: it never imports app/, components/, collectors/, demo/, scripts/ or e2e/.',
            },
            {
              target: './components',
              from: ['./app', './collectors', './demo', './scripts', './e2e'],
              message: 'components/ render data; they import only lib/.',
            },
            {
              target: './collectors',
              from: ['./app', './components', './demo', './scripts', './e2e'],
              message: 'collectors/ is its own process: it imports only lib/.',
            },
            {
              target: './app',
              from: ['./collectors', './demo', './scripts', './e2e'],
              message: 'the dashboard imports lib/ and components/ only: it never acts on servers or runs collectors.',
            },
            {
              target: './demo',
              from: ['./app', './components', './collectors', './scripts', './e2e'],
              message: 'demo/ is a monitored system: it may use lib/ but nothing of the dashboard or the launchers.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests sit beside the code they test but are not part of it: they may use the launchers in
    // scripts/ (fault tests stop and start the servers they started) and the shared fixtures in e2e/.
    files: TEST_FILES,
    rules: {
      'import-x/no-restricted-paths': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly' } },
  },
  prettier,
);
