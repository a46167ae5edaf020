// `npm run lint` (with Prettier, knip and the import-cycle check scripts/checks/importCycles.mjs). The layering
// rules are the ones the architecture rests on; type imports count like any other (a type import is still a
// back edge: the files cannot be type-checked or understood apart):
//   - src/core imports nothing outside src/core (no vscode, no provider file: cloud ids are src/core/cloudIds.ts);
//   - src/providers imports src/core only, never vscode; a cloud's folder imports no other cloud's folder, nor
//     the registry that loads them all (it would pull every cloud into that cloud's lazy bundle);
//   - src/workbench (command ids, the typed command wrapper, the workbench port) is the leaf every UI layer
//     shares: it imports src/core only;
//   - src/ui, src/services and src/views never import src/commands (commands sit on top; what they share with
//     the layers below lives in src/workbench); src/ui and src/services never import src/views;
//   - the pickers every command group uses (src/commands/pickTarget.ts, pickVolume.ts) never import src/views.
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

/** Import patterns naming a folder of src/ (from anywhere below src/). */
const folder = (name) => [`**/${name}`, `**/${name}/*`, `**/${name}/**`, `../${name}`, `../${name}/**`];
/** The root files of src/: the composition root and activation import everything, so nothing imports them. */
const rootFiles = ['**/gpuPods', '**/startup', '**/extension', '**/bindTranslator'];

/** `files` may import none of `folders` (type imports included); `paths` adds named modules (vscode). */
function layer(files, folders, message, paths = []) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths, patterns: [{ group: [...folders.flatMap(folder), ...rootFiles], message }] },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'test-artifacts/', 'node_modules/', 'media/', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Named, not inferred: a process that lints two trees (the sixth-cloud test's copy) would be ambiguous.
    languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } },
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
  layer(
    ['src/core/**/*.ts'],
    ['providers', 'services', 'views', 'commands', 'ui', 'workbench'],
    'src/core is the bottom layer: it imports nothing outside src/core (cloud ids: src/core/cloudIds.ts).',
    [noVscode],
  ),
  layer(
    ['src/providers/*.ts'],
    ['services', 'views', 'commands', 'ui', 'workbench'],
    'src/providers builds on src/core only.',
    [noVscode],
  ),
  layer(
    ['src/workbench/**/*.ts'],
    ['providers', 'services', 'views', 'commands', 'ui'],
    'src/workbench is the leaf the UI layers share: it imports src/core only.',
  ),
  layer(['src/ui/**/*.ts'], ['services', 'views', 'commands'], 'src/ui imports no services, views or commands.'),
  layer(
    ['src/services/**/*.ts'],
    ['views', 'commands'],
    'src/services imports no views or commands: move what both need into src/workbench (or src/core).',
  ),
  layer(
    ['src/views/**/*.ts'],
    ['commands'],
    'src/views imports no commands: command ids and the typed wrapper are in src/workbench.',
  ),
  layer(
    ['src/commands/pickTarget.ts', 'src/commands/pickVolume.ts'],
    ['views'],
    'The pickers every command group shares take a clicked row by its shape: no import of src/views.',
  ),
  ...cloudFolders.map((cloud) => ({
    files: [`src/providers/${cloud}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [
            {
              group: [...['services', 'views', 'commands', 'ui', 'workbench'].flatMap(folder), ...rootFiles],
              message: `src/providers/${cloud} builds on src/core only.`,
            },
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
