// typescript-eslint's recommended rules; the sources and tests also get the type-checked set (floating and misused
// promises, unsafe `any`, unbound methods), typed by the project's own tsconfigs through the project service.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      '.tsbuild/',
      '.cache/',
      'schemas/generated/',
      'test-results/',
      'test/e2e/workspace/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test runs every test(), it() and describe() it is given; the promise they return is for subtests to await.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after'] },
          ],
        },
      ],
    },
  },
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        HTMLElement: 'readonly',
        acquireVsCodeApi: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
    rules: {
      // Parsers and report writers match control characters on purpose.
      'no-control-regex': 'off',
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // A function longer than a screenful does more than one thing: a warning, not a failure, so the long ones show.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: { 'max-lines-per-function': ['warn', { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    // Tests poke at parsed fixtures and load modules fresh with require(): `any` is allowed there, and so is using it.
    // Their fakes stand in for async functions without awaiting anything, and they destructure the modules they load.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The bins are CommonJS entry points of the bundles.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
