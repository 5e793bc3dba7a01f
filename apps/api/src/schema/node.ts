import type { GraphQLContext } from './context';
import { fromGlobalId, type NodeType } from './global-id';

type Tagged = { __typename: NodeType };

async function loadNode(type: NodeType, id: string, ctx: GraphQLContext): Promise<object | undefined> {
  switch (type) {
    case 'Dataset':
      return ctx.loaders.dataset.load(id);
    case 'Study':
      return ctx.loaders.study.load(id);
    case 'Image':
      return ctx.loaders.image.load(id);
    case 'Category':
      return ctx.loaders.category.load(id);
    case 'Label':
    case 'ModelVersion':
    case 'Job':
      return undefined;
  }
}

export const nodeResolvers = {
  Query: {
    node: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      const { type, id } = fromGlobalId(args.id);
      const row = await loadNode(type, id, ctx);
      return row ? { ...row, __typename: type } : null;
    },
  },
  Node: {
    __resolveType: (node: Tagged) => node.__typename,
  },
};
