// ESLint (flat config) with typescript-eslint's recommended rules; formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'data/', 'dist/', '.build/', 'codegen/generated/', 'console/dist/', 'console/src/gql/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring to drop a key, required parameters).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Entity and resolver classes need `!` definite assignment; GraphQL JSON is `any` at the edges.
      '@typescript-eslint/no-explicit-any': 'off',
      // type-graphql's decorators take `Function` types by design.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['console/src/**/*.{ts,tsx}'],
    rules: {
      // antd's barrel would put every component a lazy page uses into the initial chunk.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'antd', message: "Import each component by path: import Table from 'antd/es/table'." }] },
      ],
    },
  },
);
