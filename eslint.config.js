// Lint keeps two promises: domain code stays pure (no I/O, no clock, no DB), and floating promises
// (a classic source of lost writes in database code) are errors.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'data/**', 'coverage/**', 'scripts/**', 'bin/**', '.tmp/**', 'eslint.config.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['web/vite.config.ts'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'http', 'child_process'], message: 'src/domain is pure: no I/O.' },
          { group: ['kysely', 'better-sqlite3', 'pg', 'fastify', '**/store/**', '**/api/**', '**/cli/**', '**/app/**', '**/import/**'], message: 'src/domain must not depend on outer layers.' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Domain code takes `now`/`asOf` as an argument.' },
        { object: 'Math', property: 'random', message: 'Domain code takes a seeded generator.' },
      ],
    },
  },
  {
    // The dashboard talks to the server over HTTP only.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['node:*', '**/src/api/**', '**/src/app/**', '**/src/store/**', '**/src/cli/**'], message: 'web/ reaches the server over HTTP, not by import.' }],
      }],
    },
  },
  {
    // Migrations are frozen in time and see the database untyped (STYLE: they take Kysely<any>).
    files: ['src/store/migrations/**/*.ts', 'src/store/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
