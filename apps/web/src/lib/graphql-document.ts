/**
 * A GraphQL document tagged with the types of its result and variables, so a request helper can infer
 * both. Written by hand for now; generated from `apps/api/schema.graphql` once codegen is wired in.
 */
export type GraphQLDocument<TData, TVariables> = {
  readonly query: string;
  /** Phantom fields: never set at run time, they only carry the types. */
  readonly __data?: TData;
  readonly __variables?: TVariables;
};

export type NoVariables = Record<string, never>;

export function graphqlDocument<TData, TVariables = NoVariables>(
  query: string,
): GraphQLDocument<TData, TVariables> {
  return { query: query.replace(/\s+/g, ' ').trim() };
}
