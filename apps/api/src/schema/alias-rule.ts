import { categoryAliases } from '@loupe/db';
import { asc, eq } from 'drizzle-orm';
import { requireCapability } from '../auth/roles';
import { notFound } from '../errors';
import { applyAliasRule, previewAliasRule } from '../operations/apply-alias-rule';
import { type AliasMatch, createAliasRule, deleteAliasRule } from '../operations/curate-alias-rules';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';
import { forgetLabels } from './loaders';
import { pageSize } from './pagination';

type AliasRuleRow = typeof categoryAliases.$inferSelect;

export const aliasRuleTypeDefs = /* GraphQL */ `
  "How an alias rule compares the trimmed technologist text: equal to the trimmed pattern, equal ignoring case, or containing a match of the pattern as a case-insensitive regular expression (JavaScript syntax)."
  enum AliasMatch {
    EXACT
    CASE_INSENSITIVE
    REGEX
  }

  "A rule mapping technologist text to a category. Import labels new images by the dataset's rules (exact before case-insensitive before regular expression); applyAliasRule labels images already imported."
  type CategoryAlias implements Node {
    id: ID!
    category: Category!
    pattern: String!
    match: AliasMatch!
    createdAt: String!
    "Images of the dataset whose technologist text this rule matches on its own."
    matchCount: Int!
  }

  "One technologist text and the number of images carrying it."
  type AliasTextSample {
    text: String!
    imageCount: Int!
  }

  "What a rule would match; with a category, also what applying it would change. Nothing is written."
  type AliasRulePreview {
    "Images whose technologist text the rule matches (an image has at most one text)."
    matchCount: Int!
    "Distinct matching texts."
    textCount: Int!
    "The most frequent matching texts, most frequent first."
    samples: [AliasTextSample!]!
    "With a category: matching images that would get a new label, because they have none or their label came from text or import and names another category. Null without a category."
    labelChangeCount: Int
    "With a category: matching images whose label a person set (annotator, reader or merge), which applying keeps. Null without a category."
    keptLabelCount: Int
  }

  type ApplyAliasRuleResult {
    aliasRule: CategoryAlias!
    "Label events written (source TECHNOLOGIST)."
    labelsWritten: Int!
  }

  type DeleteAliasRuleResult {
    deletedId: ID!
    "The category the rule pointed at."
    category: Category!
  }

  extend type Dataset {
    "The dataset's text → category rules, oldest first."
    aliasRules: [CategoryAlias!]!
  }

  extend type Category {
    "The rules mapping technologist text to this category, oldest first."
    aliases: [CategoryAlias!]!
  }

  extend type Query {
    "Preview a rule before creating or applying it: matching images, their most frequent texts (up to first) and, given a category, the labels it would change."
    testAliasRule(
      datasetId: ID!
      pattern: String!
      match: AliasMatch!
      categoryId: ID
      first: Int = 10
    ): AliasRulePreview!
  }

  extend type Mutation {
    "Add a rule mapping technologist text to a live category of the dataset. The next import applies it; applyAliasRule applies it to images already imported."
    createAliasRule(datasetId: ID!, categoryId: ID!, pattern: String!, match: AliasMatch!): CategoryAlias!
    "Remove a rule; the labels it wrote stay."
    deleteAliasRule(id: ID!): DeleteAliasRuleResult!
    "Label the matching images with the rule's category (source TECHNOLOGIST) where their current label is absent or came from text or import; labels a person set are never replaced. One transaction; enqueues a retrain when labels changed."
    applyAliasRule(id: ID!): ApplyAliasRuleResult!
  }
`;

type PreviewArgs = {
  datasetId: string;
  pattern: string;
  match: AliasMatch;
  categoryId?: string | null;
  first?: number;
};
type CreateArgs = { datasetId: string; categoryId: string; pattern: string; match: AliasMatch };

async function categoryOf(ctx: GraphQLContext, categoryId: string) {
  const category = await ctx.loaders.category.load(categoryId);
  if (!category) throw notFound('The category');
  return category;
}

export const aliasRuleResolvers = {
  Query: {
    testAliasRule: async (_: unknown, args: PreviewArgs, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      const preview = await previewAliasRule(ctx.app, {
        datasetId: idOf('Dataset', args.datasetId),
        pattern: args.pattern,
        match: args.match,
        categoryId: args.categoryId ? idOf('Category', args.categoryId) : undefined,
        first: pageSize(args.first, 10),
      });
      return {
        ...preview,
        samples: preview.samples.map((sample) => ({ text: sample.text, imageCount: sample.count })),
      };
    },
  },
  Mutation: {
    createAliasRule: (_: unknown, args: CreateArgs, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      return createAliasRule(ctx.app, {
        datasetId: idOf('Dataset', args.datasetId),
        categoryId: idOf('Category', args.categoryId),
        pattern: args.pattern,
        match: args.match,
        authorId: viewer.userId,
      });
    },
    deleteAliasRule: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      const rule = await deleteAliasRule(ctx.app, {
        aliasId: idOf('CategoryAlias', args.id),
        authorId: viewer.userId,
      });
      return {
        deletedId: toGlobalId('CategoryAlias', rule.id),
        category: await categoryOf(ctx, rule.categoryId),
      };
    },
    applyAliasRule: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      const result = await applyAliasRule(ctx.app, {
        aliasId: idOf('CategoryAlias', args.id),
        authorId: viewer.userId,
      });
      forgetLabels(ctx.loaders);
      return { aliasRule: result.rule, labelsWritten: result.labelsWritten };
    },
  },
  Dataset: {
    aliasRules: (dataset: { id: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.app.database.db
        .select()
        .from(categoryAliases)
        .where(eq(categoryAliases.datasetId, dataset.id))
        .orderBy(asc(categoryAliases.createdAt), asc(categoryAliases.id)),
  },
  Category: {
    aliases: (category: { id: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.categoryAliasRules.load(category.id),
  },
  CategoryAlias: {
    id: (rule: AliasRuleRow) => toGlobalId('CategoryAlias', rule.id),
    category: (rule: AliasRuleRow, _: unknown, ctx: GraphQLContext) => categoryOf(ctx, rule.categoryId),
    createdAt: (rule: AliasRuleRow) => rule.createdAt.toISOString(),
    matchCount: (rule: AliasRuleRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.aliasMatchCount.load(rule),
  },
};
