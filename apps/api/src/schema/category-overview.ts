import { categories, currentLabels, type Database } from '@loupe/db';
import DataLoader from 'dataloader';
import { and, asc, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { requireCapability } from '../auth/roles';
import type { GraphQLContext } from './context';

type CategoryRow = typeof categories.$inferSelect;

export const categoryOverviewTypeDefs = /* GraphQL */ `
  extend type Category {
    "Images whose current label is this category (0 once it was merged away: its labels moved to the target)."
    labelCount: Int!
    "Whether the category is archived: out of the picker and the next model, its labels kept."
    archived: Boolean!
    "The category this one was merged into; null while it is in use."
    mergedInto: Category
  }

  extend type Dataset {
    "Categories merged into another one, by name."
    mergedCategories: [Category!]!
  }
`;

/** The number of images whose current label is each category, in one statement over `current_labels`. */
export async function countCurrentLabels(
  db: Database,
  categoryIds: readonly string[],
): Promise<Map<string, number>> {
  if (categoryIds.length === 0) return new Map();
  const rows = await db
    .select({ categoryId: currentLabels.categoryId, n: count() })
    .from(currentLabels)
    .where(inArray(currentLabels.categoryId, [...categoryIds]))
    .groupBy(currentLabels.categoryId);
  return new Map(rows.map((row) => [row.categoryId!, row.n]));
}

function createCategoryOverviewLoaders(db: Database) {
  return {
    labelCount: new DataLoader<string, number>(async (categoryIds) => {
      const counts = await countCurrentLabels(db, categoryIds);
      return categoryIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}

type CategoryOverviewLoaders = ReturnType<typeof createCategoryOverviewLoaders>;

const perRequest = new WeakMap<object, CategoryOverviewLoaders>();

/** This request's loaders (made on first use, so a mutation's result counts what it wrote). */
function categoryOverviewLoaders(ctx: GraphQLContext): CategoryOverviewLoaders {
  let loaders = perRequest.get(ctx.loaders);
  if (!loaders) {
    loaders = createCategoryOverviewLoaders(ctx.app.database.db);
    perRequest.set(ctx.loaders, loaders);
  }
  return loaders;
}

export const categoryOverviewResolvers = {
  Category: {
    labelCount: (category: CategoryRow, _: unknown, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      return categoryOverviewLoaders(ctx).labelCount.load(category.id);
    },
    archived: (category: CategoryRow) => category.archivedAt !== null,
    mergedInto: (category: CategoryRow, _: unknown, ctx: GraphQLContext) =>
      category.mergedIntoId ? ctx.loaders.category.load(category.mergedIntoId) : null,
  },
  Dataset: {
    mergedCategories: (dataset: { id: string }, _: unknown, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      return ctx.app.database.db
        .select()
        .from(categories)
        .where(and(eq(categories.datasetId, dataset.id), isNotNull(categories.mergedIntoId)))
        .orderBy(asc(categories.name), asc(categories.id));
    },
  },
};
