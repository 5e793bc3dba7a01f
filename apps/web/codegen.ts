import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Result and variable types of every GraphQL document in `src`, generated from the API's committed schema
 * into `src/gql/operations.ts` (`npm run codegen -w @loupe/web`). Documents are template strings marked
 * with a GraphQL comment; `src/gql/operations.test.ts` fails when the generated file is stale.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  generates: {
    'src/gql/operations.ts': {
      plugins: ['typescript-operations'],
      config: {
        enumsAsTypes: true,
        avoidOptionals: true,
        skipTypename: true,
        nonOptionalTypename: false,
        useTypeImports: true,
        // An `Upload` variable is null in the operation; the file travels as its own part (multipart request).
        scalars: { ID: 'string', Upload: 'File' },
      },
    },
  },
};

export default config;
