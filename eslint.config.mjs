// `npm run lint` (with Prettier and knip). The layering rules are the ones the architecture rests on:
//   - src/core and src/providers never import `vscode` (they run and are tested in plain Node);
//   - src/core imports from src/providers only types (CloudId is the registry's key set; no cloud code in core);
//   - a cloud's folder imports no other cloud's folder, nor the registry that loads them all
//     (it would pull every cloud into that cloud's lazy bundle);
//   - time only through the injected Clock (src/core/clock.ts is the one file that reads the system's):
//     no Date.now, argument-less new Date(), setTimeout/setInterval or AbortSignal.timeout elsewhere in src/
//     outside the clouds' folders, so tests can step time and the integration suite can speed it up.
import js from '@eslint/js';
import { readdirSync } from 'node:fs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const cloudFolders = readdirSync(new URL('./src/providers/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const clockOnly = 'Time only through the injected Clock (src/core/clock.ts): tests step it.';
const timeRules = {
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'].map((name) => ({ name, message: clockOnly })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: clockOnly },
    { object: 'performance', property: 'now', message: clockOnly },
    { object: 'AbortSignal', property: 'timeout', message: clockOnly },
    ...['setTimeout', 'setInterval'].map((property) => ({ object: 'globalThis', property, message: clockOnly })),
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: clockOnly },
    { selector: "CallExpression[callee.name='Date']", message: clockOnly },
  ],
};

const noVscode = { name: 'vscode', message: 'src/core and src/providers run in plain Node: no vscode import here.' };

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'test-artifacts/', 'node_modules/', 'media/', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      // Cloud text is stripped of control characters on purpose (ssh config, display text).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/providers/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/providers', '**/providers/*', '**/providers/**'],
              allowTypeImports: true,
              message: 'src/core loads no provider code: import types only (`import type`).',
            },
          ],
        },
      ],
    },
  },
  ...cloudFolders.map((cloud) => ({
    files: [`src/providers/${cloud}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [
            {
              group: [
                ...cloudFolders.filter((other) => other !== cloud).map((other) => `**/providers/${other}`),
                ...cloudFolders.filter((other) => other !== cloud).map((other) => `../${other}`),
                ...cloudFolders.filter((other) => other !== cloud).map((other) => `../${other}/*`),
                ...cloudFolders.filter((other) => other !== cloud).map((other) => `**/providers/${other}/*`),
                '../clouds',
                '**/providers/clouds',
              ],
              message: `A cloud folder imports no other cloud and not the registry (src/providers/${cloud} would carry them in its bundle).`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/*.ts', 'src/{core,services,views,commands,ui}/**/*.ts'],
    ignores: ['src/core/clock.ts'],
    rules: timeRules,
  },
  {
    // Tests load built bundles (out/, dist/) at run time: require() is the point there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
