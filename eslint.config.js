import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'src/generated/', 'reports/', '.stryker-tmp/'],
  },
  js.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
  },
  {
    // The consumer-suite examples are plain Node scripts, as a consumer writes them.
    files: ['test/examples/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', fetch: 'readonly' } },
  },
  {
    // Browser modules, type-checked by `tsc -p tsconfig.dashboard.json`, which knows the DOM's
    // globals; ESLint's no-undef does not, so TypeScript's check stands in for it.
    files: ['dashboard/**/*.js'],
    rules: { 'no-undef': 'off' },
  },
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
);
