// @ts-check
// ESLint over the TypeScript sources (`npm run lint`, run by .ci/run). Type-aware rules read the
// program through typescript-eslint's project service: each file is checked with the nearest
// tsconfig.json (the root one; client/tsconfig.json for the extension). typescript-eslint needs the
// JavaScript compiler, so the devDependency `typescript` is the last JavaScript release (6.x);
// the builds and `npm run typecheck` run the native compiler, `typescript-native` (7.x).
import eslint from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, the extension's bundle, and the C/C++/INF inputs of tests and examples.
  globalIgnores([
    'dist/',
    'client/dist/',
    'client/out/',
    'examples/',
    'test/fixtures/',
    'test/data/',
    'coverage/',
    '.bench-cache/',
  ]),
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // vitest.config.ts is in no tsconfig.json; it is checked with the default compiler options.
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Type-only imports say so (`import type`, or `type X` inside a mixed import), as the code already does.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A switch over a union without `default` must name every member; a `default:` deliberately
      // handles the rest alike (engine/config/jsonc.ts toPlainValue, engine/text/source-file.ts describeFsError).
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // A leading underscore marks a parameter or binding kept for its position (a callback's signature).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Off: the only enums are the scanner's const enums of character codes and kinds
      // (engine/parsing/macro-blanking.ts), compared with charCodeAt() numbers on purpose.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // The house rules: no source file over 400 lines, no function over 150 lines, every line counted.
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // A describe() callback holds its file's tests, so it is as long as the file; max-lines still bounds that.
      'max-lines-per-function': 'off',
      // Tests read the CLI's JSON and SARIF output through JSON.parse (`any`) and check it with expect():
      // a wrong shape fails the assertion, so typing every parsed document would add nothing.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // A consumer of the installed package, compiled by test/package/pack-install.test.ts where
    // 'coinstaller-lint' resolves; tsconfig.json excludes it, so it is linted without types.
    files: ['test/package/consumer/**/*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // bin/ launchers and this file: plain ES modules run by Node, in no tsconfig.json.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
