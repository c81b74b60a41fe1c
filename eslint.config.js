// @ts-check
// typescript-eslint's type-aware recommended rules over every TypeScript file the
// project compiles. Each rule switched off or relaxed here carries its reason.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      // A disable comment that no longer silences anything is an error, so stale
      // ones cannot pile up.
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // A leading underscore is how the code says "unused on purpose": a destructured
      // field dropped from a copy (`{ Details: _details, ...rest }`) or a parameter a
      // signature requires.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Off: `async` is how a function that implements a Promise-returning contract
      // (DataSource.fetch, a rule's evaluate, a fake in a test) turns its `throw` into a
      // rejection. Requiring an `await` would push those bodies to
      // Promise.resolve/Promise.reject and make a throw escape synchronously instead.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/io/escape.ts', 'src/io/read-input.ts', 'test/**/*.ts'],
    rules: {
      // These modules escape, refuse or generate control characters on purpose (terminal
      // escapes in error lines, XML-invalid characters, hostile strings in property
      // tests): a regular expression that names them is the point, not a slip.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Relaxed in tests only: tests read back what the program wrote (JSON.parse of
      // scan.json, SDK mock call arguments, fixture files) and assert on its shape with
      // expect(). Typing each read would restate the types under test; a wrong shape
      // fails the assertion anyway. Source files keep these rules.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
