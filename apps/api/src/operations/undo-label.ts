import { images, labels } from '@loupe/db';
import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { AppError, notFound } from '../errors';
import { publishChange } from '../events/publish-change';
import { requestRetrainQuietly, type SavedLabel } from './save-label';

/** Undo is a new event restoring the label that stood before the newest one; nothing is deleted. */
export async function undoLabel(
  ctx: AppContext,
  options: { imageId: string; authorId: string },
): Promise<SavedLabel> {
  const { db } = ctx.database;
  const [image] = await db
    .select({ datasetId: images.datasetId })
    .from(images)
    .where(eq(images.id, options.imageId));
  if (!image) throw notFound('The image');
  const history = await db
    .select()
    .from(labels)
    .where(eq(labels.imageId, options.imageId))
    .orderBy(desc(labels.seq))
    .limit(2);
  const [latest, before] = history;
  if (!latest) throw new AppError('CONFLICT', 'This image has no label to undo.');
  const [label] = await db
    .insert(labels)
    .values({
      imageId: options.imageId,
      categoryId: before?.categoryId ?? null,
      source: 'ANNOTATOR',
      authorId: options.authorId,
      undoOfId: latest.id,
    })
    .returning();
  await publishChange(ctx, { type: 'labelChanged', datasetId: image.datasetId, imageIds: [options.imageId] });
  await requestRetrainQuietly(ctx, image.datasetId, 'label undone', options.authorId);
  return label!;
}
