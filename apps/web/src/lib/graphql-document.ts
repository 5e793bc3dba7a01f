/**
 * A GraphQL document tagged with the types of its result and variables, so a request helper can infer
 * both. The types come from `src/gql/operations.ts`, which codegen writes from `apps/api/schema.graphql`
 * and the documents marked with a GraphQL comment.
 */
export type GraphQLDocument<TData, TVariables> = {
  readonly query: string;
  /** Phantom fields: never set at run time, they only carry the types. */
  readonly __data?: TData;
  readonly __variables?: TVariables;
};

export type NoVariables = Record<string, never>;

/** An operation and the fragments it spreads (each its own marked template string, so codegen sees it). */
export function graphqlDocument<TData, TVariables = NoVariables>(
  operation: string,
  ...fragments: string[]
): GraphQLDocument<TData, TVariables> {
  return { query: [operation, ...fragments].join('\n').replace(/\s+/g, ' ').trim() };
}
