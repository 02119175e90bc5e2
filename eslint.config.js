// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Type-aware lint: typescript-eslint's recommended type-checked rules, `no-explicit-any` and the no-unsafe-* rules on. */
export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', '.tools/', 'results/', 'reports/', 'test-output/', 'test/fixtures/**/generated/', 'cli/stagecraft.js', 'test/fixtures/k6/src/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // vitest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any` by design.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-unsafe-assignment': 'off' } },
  { files: ['eslint.config.js'], extends: [tseslint.configs.disableTypeChecked] },
);
