import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for clients of the public API (partner apps, operator consoles, our tests).
 * The schema is the composed public API (`npm run compose` writes schema.graphql).
 */
const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema.graphql',
  documents: 'codegen/operations/**/*.graphql',
  generates: {
    'codegen/generated/graphql.ts': {
      plugins: ['typescript-operations'],
      config: {
        enumsAsTypes: true,
        scalars: {
          DateTime: 'string',
          ID: 'string',
          SafeInt: 'number',
          FenAmount: 'number',
          PointsAmount: 'number',
          PointsChange: 'number',
        },
        avoidOptionals: { field: true },
        skipTypename: true,
      },
    },
  },
};

export default config;
