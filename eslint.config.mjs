// typescript-eslint's recommended rules without type information (fast; `tsc -b` does the type checking).
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
    // Tests poke at parsed fixtures and load modules fresh with require().
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The bins are CommonJS entry points of the bundles.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
