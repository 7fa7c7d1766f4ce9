// ESLint rather than Biome: we need type-aware rules (no-floating-promises and
// friends catch real async bugs), the official react-hooks rules, and import
// boundaries between runtimes and features. Prettier formats.
import { existsSync, readdirSync } from 'node:fs'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const featuresDir = new URL('./src/features/', import.meta.url)
const features = existsSync(featuresDir)
  ? readdirSync(featuresDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  : []

/** Import patterns a folder may not use, with the reason shown to whoever tries. */
const forbid = (group, message) => ({ group, message })

const nodeBuiltins = forbid(
  ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto'],
  'Node APIs do not exist here.',
)
const dashboard = forbid(['@/*', '**/src/**'], 'Nothing imports the dashboard.')
const localCloud = forbid(['**/local/**'], 'The local cloud is reached over the wire, as AWS is.')
const simulator = forbid(['**/fleet/**'], 'The simulator is a separate program.')

export default defineConfig([
  // types/domain-globals.d.ts belongs to tsconfig.domain.json alone (see the file).
  globalIgnores([
    'types/domain-globals.d.ts',
    'dist/',
    'node_modules/',
    'playwright-report/',
    'test-results/',
    'bench/reports/',
    'cdk.out/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // Curated named exports only (STYLE.md).
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Export names one by one; no export *.' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.stringContaining) are typed `any`.
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Plain JavaScript: eslint.config.js, and the Lambda handler shipped as
    // one .mjs file (infra/functions/*/index.mjs), which TypeScript does not check.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // domain/ is pure: no I/O, no clock, no randomness. Time and ids arrive as arguments.
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts', 'domain/**/*.test-d.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Export names one by one; no export *.' },
        {
          selector:
            "NewExpression[callee.name='Date'][arguments.length=0], CallExpression[callee.name='Date']",
          message: 'Reading the clock is I/O: take `now` as an argument.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            dashboard,
            localCloud,
            simulator,
            forbid(['react', 'react-*', '@aws-sdk/*', '@tanstack/*'], 'domain/ is runtime-free.'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'fetch',
        'window',
        'document',
        'localStorage',
        'process',
        'setTimeout',
        'setInterval',
        'crypto',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take `now` as an argument.' },
        { object: 'Math', property: 'random', message: 'Take a random source as an argument.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, localCloud, simulator] }],
    },
  },
  // Features do not import each other; routes in src/app compose them.
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            localCloud,
            simulator,
            forbid(
              features
                .filter((other) => other !== feature)
                .flatMap((other) => [`@/features/${other}/*`, `**/features/${other}/**`]),
              'Features do not import each other; compose them in src/app.',
            ),
          ],
        },
      ],
    },
  })),
  {
    files: ['local/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dashboard, simulator] }] },
  },
  {
    files: ['fleet/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dashboard, localCloud] }] },
  },
  {
    // The CDK app and the deploy build on domain/ alone. Their tests may ask
    // the local cloud's edge how it decides, to show both read one source.
    files: ['infra/**/*.ts', 'infra/**/*.mjs', 'scripts/deploy.ts'],
    ignores: ['infra/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [dashboard, localCloud, simulator] }],
    },
  },
  {
    files: ['infra/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dashboard, simulator] }] },
  },
  {
    // The simulator's tests need a running local cloud to talk to, and start
    // one with its test fixture (local/testing); the simulator itself still
    // reaches the local cloud only over the wire.
    files: ['fleet/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            dashboard,
            {
              regex: '(^|/)local/(?!testing/)',
              message: 'Only the local cloud fixture (local/testing) is for tests.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard's API files are exercised in Node against a real local
    // cloud; only these contract tests may start one (local/testing).
    files: ['src/**/*.contract.test.ts'],
    rules: {
      // useLocalCloudFixture is a Vitest fixture, not a React hook.
      'react-hooks/rules-of-hooks': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            simulator,
            {
              regex: '(^|/)local/(?!testing/)',
              message: 'Only the local cloud fixture (local/testing) is for tests.',
            },
          ],
        },
      ],
    },
  },
])
