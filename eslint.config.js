// Lint rules, including the one that keeps the architecture's arrows pointing inward:
//   core <- app <- adapters <- composition/ + main.ts / cli.ts
// core imports only core and pure libraries (never an I/O library); app imports only core; adapters never
// import app or the composition root. See docs/adr/0001-layers-and-lint-boundaries.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

const ioLibraries = [
  'bullmq',
  'ioredis',
  'discord.js',
  'telegraf',
  'rss-parser',
  'undici',
  'node:http',
  'node:https',
  'node:net',
  'node:dns',
  'node:fs',
  'node:fs/promises',
  'node:child_process',
  'http',
  'https',
  'net',
  'dns',
  'fs',
  'child_process',
];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // One concept per file: past ~400 lines a file is usually two.
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
    settings: {
      // Sources import './x.js' that exists as x.ts: without the alias, no-cycle sees no edges at all.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [importX.createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      ['**/app/**', '**/adapters/**', '**/composition/**', '**/config.js', '**/main.js', '**/cli.js', ...ioLibraries],
      'core/ is pure domain: it may import only core/ and pure libraries, never I/O (DESIGN.md, "Layout"; ADR 0001).',
    ),
  },
  {
    files: ['src/app/**/*.ts'],
    rules: restrict(
      ['**/adapters/**', '**/composition/**', '**/config.js', '**/main.js', '**/cli.js', ...ioLibraries, 'node:*'],
      'app/ depends on core/ only; adapters are handed in as one dependency object.',
    ),
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: restrict(
      ['**/app/**', '**/composition/**', '**/config.js', '**/main.js', '**/cli.js'],
      'adapters/ turn one outside system into a core port; they never reach into app/ or the composition root.',
    ),
  },
  {
    // Only config.ts reads the environment.
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config.ts only.' },
      ],
    },
  },
);
