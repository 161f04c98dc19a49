// ESLint flat config. The rules that matter most here are the boundaries of DESIGN.md §9:
// the engine stays deterministic and free of UI code, and the rest of the app reaches the
// engine only through its public surface, src/engine/index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

const TS_AND_JS = '**/*.{ts,tsx,js,mjs}';
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'e2e/**'];

/** Sources of non-determinism: the engine's only randomness is its seeded Rng, its only clock `nowMs`. */
const NONDETERMINISTIC_GLOBALS = ['Date', 'performance', 'crypto', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'requestAnimationFrame'];

const UI_PACKAGES = ['react', 'react-dom', 'd3-selection', 'zustand'];
const PLATFORM_MODULES = ['crypto', 'perf_hooks', 'timers'].flatMap((name) => [name, `node:${name}`]);

/** Options for no-restricted-imports inside the engine: these packages, and nothing from the app side. */
function engineImportBans(packages) {
  return {
    paths: packages.map((name) => ({ name, message: 'The engine is pure, deterministic TypeScript: no UI, no wall clock, no platform randomness.' })),
    patterns: [
      { regex: '^(react-dom|zustand|d3-selection)/', message: 'The engine is pure TypeScript: no UI libraries.' },
      { regex: '(^|/)(worker|app|engine-client|store|panels)(/|$)', message: 'The engine must not depend on the worker or the app: data flows outwards only.' },
    ],
  };
}

/** Internal engine modules: everything under engine/ except engine/index. */
const DEEP_ENGINE_IMPORT = '(^|/)engine/(?!index(\\.[jt]s)?$)';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'reports/', 'playwright-report/', 'docs/', 'examples/', 'public/'] },

  {
    files: [TS_AND_JS],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines-per-function': ['warn', { max: 70, skipBlankLines: true, skipComments: true }],
      // A list spread as a call's arguments overflows the stack past about 125,000 items (exit 3 on a file within every bound).
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement', message: 'Spread as arguments, a long list overflows the stack: add its items in a loop.' }],
    },
  },
  { files: TESTS, rules: { 'max-lines-per-function': 'off', 'no-restricted-syntax': 'off' } },

  // Where code runs decides which globals exist.
  { files: ['cli/**', 'bench/**', 'scripts/**', 'e2e/**', '*.config.{js,ts}'], languageOptions: { globals: globals.node } },
  { files: ['src/**'], ignores: ['src/engine/**', 'src/worker/**'], languageOptions: { globals: globals.browser } },
  { files: ['src/worker/**'], languageOptions: { globals: globals.worker } },

  { files: ['src/**/*.tsx', 'src/**/*.ts'], ignores: ['src/engine/**'], extends: [reactHooks.configs.flat.recommended] },

  // The engine is a deterministic library (DESIGN §1, §9): no wall clock, timers or unseeded randomness.
  {
    files: ['src/engine/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-globals': ['error', ...NONDETERMINISTIC_GLOBALS.map((name) => ({ name, message: 'The engine is deterministic: use the cluster clock (nowMs) and its seeded Rng.' }))],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The engine is deterministic: draw from the seeded Rng.' },
        ...NONDETERMINISTIC_GLOBALS.flatMap((property) =>
          ['globalThis', 'window', 'self'].map((object) => ({ object, property, message: 'The engine is deterministic: use nowMs and the seeded Rng.' })),
        ),
      ],
    },
  },
  // The engine knows nothing of the page, the worker or the app around it; its code (tests
  // aside, which may use Node's crypto as an MD5 oracle) uses no platform clock or randomness.
  { files: ['src/engine/**'], rules: { 'no-restricted-imports': ['error', engineImportBans(UI_PACKAGES)] } },
  { files: ['src/engine/**'], ignores: TESTS, rules: { 'no-restricted-imports': ['error', engineImportBans([...UI_PACKAGES, ...PLATFORM_MODULES])] } },
  // Outside the engine, its one import surface is src/engine/index.ts (DESIGN §2, §4).
  {
    files: [TS_AND_JS],
    ignores: ['src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: DEEP_ENGINE_IMPORT, message: "Import the engine only through 'src/engine/index'." }] }],
    },
  },
);
