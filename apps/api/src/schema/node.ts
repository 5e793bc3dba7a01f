import { annotations, apiTokens, importBatches, jobs, labels, modelVersions } from '@loupe/db';
import { eq } from 'drizzle-orm';
import { canSeeApiToken } from '../auth/manage-api-tokens';
import { canSeeUser, requireCapability } from '../auth/roles';
import type { GraphQLContext } from './context';
import { fromGlobalId, type NodeType } from './global-id';
import { modelVersionColumns } from './model-version';
import { loadReaderStudyNode } from './reader-study';

type Tagged = { __typename: string };

async function loadNode(type: NodeType, id: string, ctx: GraphQLContext): Promise<object | undefined> {
  switch (type) {
    case 'Dataset':
      return ctx.loaders.dataset.load(id);
    case 'Study':
      return ctx.loaders.study.load(id);
    case 'Image':
      return ctx.loaders.image.load(id);
    case 'Annotation': {
      const [annotation] = await ctx.app.database.db.select().from(annotations).where(eq(annotations.id, id));
      return annotation;
    }
    case 'Category':
      return ctx.loaders.category.load(id);
    case 'CategoryAlias':
      return ctx.loaders.aliasRule.load(id);
    case 'User':
      return canSeeUser(ctx.viewer, id) ? ctx.loaders.user.load(id) : undefined;
    case 'ApiToken': {
      const [token] = await ctx.app.database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
      return token && ctx.viewer && canSeeApiToken(ctx.viewer, token) ? token : undefined;
    }
    case 'Label': {
      const [label] = await ctx.app.database.db.select().from(labels).where(eq(labels.id, id));
      return label;
    }
    case 'ModelVersion': {
      const [version] = await ctx.app.database.db
        .select(modelVersionColumns)
        .from(modelVersions)
        .where(eq(modelVersions.id, id));
      return version;
    }
    case 'ReaderStudy':
    case 'ReaderStudyImage':
    case 'ReaderAssignment':
      return loadReaderStudyNode(type, id, ctx);
    case 'Job': {
      const [job] = await ctx.app.database.db.select().from(jobs).where(eq(jobs.id, id));
      return job;
    }
    case 'ImportBatch': {
      const [batch] = await ctx.app.database.db.select().from(importBatches).where(eq(importBatches.id, id));
      return batch;
    }
  }
}

/** A label id names one label event: `node` answers with its `LabelEvent`, the type that shows every event. */
const TYPENAME_OF: Partial<Record<NodeType, string>> = { Label: 'LabelEvent' };

export const nodeResolvers = {
  Query: {
    node: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      const { type, id } = fromGlobalId(args.id);
      // A reader reaches their own assignments and nothing else (see loadReaderStudyNode).
      if (type !== 'ReaderAssignment') requireCapability(ctx.viewer, 'read');
      const row = await loadNode(type, id, ctx);
      return row ? { ...row, __typename: TYPENAME_OF[type] ?? type } : null;
    },
  },
  Node: {
    __resolveType: (node: Tagged) => node.__typename,
  },
};
