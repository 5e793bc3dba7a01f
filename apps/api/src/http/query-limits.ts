import type { ApolloServerPlugin } from '@apollo/server';
import { type ASTVisitor, GraphQLError, type GraphQLSchema, type ValidationContext, visit } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** The limits every operation must stay within; each breach is its own error code. */
export const QUERY_LIMITS = { depth: 12, complexity: 20_000, aliases: 30, tokens: 5_000 } as const;

/** Fewer than this many aliased fields per operation (alias flooding turns one request into thousands). */
export function aliasLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (!node.alias) return;
        aliases += 1;
        if (aliases === max + 1) {
          context.reportError(
            new GraphQLError(`The operation uses more than ${max} aliases.`, {
              nodes: [node],
              extensions: { code: 'TOO_MANY_ALIASES' },
            }),
          );
        }
      },
    };
  };
}

/** Nesting deeper than this is refused (image → study → dataset → studies → … loops). */
export const depthRule = (max: number) => depthLimit(max);

/** A list field costs its page size times what each item costs. */
export const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first =
    typeof args.first === 'number' ? args.first : typeof args.count === 'number' ? args.count : undefined;
  return first === undefined ? undefined : 1 + first * Math.max(1, childComplexity);
};

/** Rejects an operation whose estimated cost (page sizes multiplied through) is over the limit, before it runs. */
export function complexityPlugin<T extends object>(
  schema: GraphQLSchema,
  max: number,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              operationName: request.operationName,
              query: document,
              variables: request.variables ?? {},
              estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Variables that do not fit their types: the answer graphql-js would give when running the operation.
            if ((error as Error).name !== 'GraphQLError') throw error;
            throw new GraphQLError((error as Error).message, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          if (complexity > max) {
            throw new GraphQLError(
              `The operation is too expensive (cost ${complexity}, limit ${max}); ask for smaller pages.`,
              {
                extensions: {
                  code: 'QUERY_TOO_COMPLEX',
                  cost: complexity,
                  limit: max,
                  http: { status: 400 },
                },
              },
            );
          }
        },
      };
    },
  };
}

/** Whether a variable value holds the NUL character anywhere (PostgreSQL text cannot store it). */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/** Refuses an operation whose strings (in the document or its variables) hold the NUL character, before it runs. */
export function nulCharacterPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let inDocument = false;
          visit(document, {
            StringValue(node) {
              if (node.value.includes('\u0000')) inDocument = true;
            },
          });
          if (inDocument || holdsNul(request.variables)) {
            throw new GraphQLError('Text may not hold the NUL character (U+0000).', {
              extensions: { code: 'BAD_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
