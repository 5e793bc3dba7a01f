import { datasets, modelVersions } from '@loupe/db';
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { notFound } from '../errors';

export type ModelVersionRow = typeof modelVersions.$inferSelect;

/**
 * Marks one model version as its dataset's promoted one and clears the mark on every other version of that
 * dataset, in one transaction. The dataset row is locked first, so two promotions of one dataset run one after
 * the other and exactly one version stays promoted.
 */
export async function promoteModelVersion(
  ctx: AppContext,
  options: { modelVersionId: string },
): Promise<ModelVersionRow> {
  return ctx.database.db.transaction(async (tx) => {
    const [version] = await tx
      .select({ datasetId: modelVersions.datasetId })
      .from(modelVersions)
      .where(eq(modelVersions.id, options.modelVersionId));
    if (!version) throw notFound('The model version');
    await tx
      .select({ id: datasets.id })
      .from(datasets)
      .where(eq(datasets.id, version.datasetId))
      .for('no key update');
    await tx
      .update(modelVersions)
      .set({ isPromoted: false })
      .where(
        and(
          eq(modelVersions.datasetId, version.datasetId),
          eq(modelVersions.isPromoted, true),
          ne(modelVersions.id, options.modelVersionId),
        ),
      );
    const [promoted] = await tx
      .update(modelVersions)
      .set({ isPromoted: true })
      .where(eq(modelVersions.id, options.modelVersionId))
      .returning();
    return promoted!;
  });
}
