// ESLint 9 flat config: typescript-eslint recommended + type-checked. `npm test` runs it.
// A rule turned off or narrowed here says why in one line; an inline eslint-disable says why after `--`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Async port implementations over synchronous better-sqlite3 (and test fakes of async ports) keep the Promise signature.
      '@typescript-eslint/require-await': 'off',
      // `'High' | 'Low' | string` documents the known values of an open API enumeration on purpose.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // The underscore marks a deliberately unused parameter or destructured field, as TypeScript's noUnused* checks read it.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read JSON answers (simulator, connector, HTTP) as they come; src/ keeps the unsafe-any rules.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The CommonJS launchers (bin/rampart.js, the mocha reporter) and this file are plain JavaScript: no type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
