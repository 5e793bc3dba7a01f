import { BlobNotFoundError, cropBoxes, images } from '@loupe/db';
import { eq, or } from 'drizzle-orm';
import type { Request, Response, Router } from 'express';
import express from 'express';
import { LRUCache } from 'lru-cache';
import sharp from 'sharp';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/api-tokens';
import { findRequestViewer } from '../auth/request-viewer';
import { roleCan } from '../auth/roles';
import { readerImageView } from '../operations/reader-items';
import { THUMBNAIL_SIZES } from '../schema/image';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MIME = { PNG: 'image/png', JPEG: 'image/jpeg', DICOM: 'image/png' } as const;

type ImageRow = typeof images.$inferSelect;

/**
 * What the image routes remember between requests, so that a labeler loading the next images does not queue
 * behind the database while a retrain writes (in the embedded database every query takes turns). Image rows
 * never change once imported; a signed-in caller is remembered for a few seconds, and forgotten at once when
 * a session ends or a token is revoked in this process.
 */
type RouteMemory = { viewers: LRUCache<string, Viewer>; images: LRUCache<string, ImageRow> };

const VIEWER_SECONDS = 5;
const memories = new WeakMap<AppContext, RouteMemory>();

function memoryOf(app: AppContext): RouteMemory {
  let memory = memories.get(app);
  if (!memory) {
    memory = {
      viewers: new LRUCache({ max: 1_000, ttl: VIEWER_SECONDS * 1000 }),
      images: new LRUCache({ max: 20_000 }),
    };
    memories.set(app, memory);
  }
  return memory;
}

/** Forgets the callers the image routes remember: after a sign-out, a revoked token or a changed user. */
export function forgetImageRouteViewers(app: AppContext): void {
  memories.get(app)?.viewers.clear();
}

async function rememberedViewer(app: AppContext, req: Request): Promise<Viewer | undefined> {
  const key = `${req.headers.authorization ?? ''}\n${req.headers.cookie ?? ''}`;
  const { viewers } = memoryOf(app);
  const known = viewers.get(key);
  if (known) return known;
  const viewer = await findRequestViewer(app, req);
  if (viewer) viewers.set(key, viewer);
  return viewer;
}

async function rememberedImage(app: AppContext, id: string): Promise<ImageRow | undefined> {
  const { images: known } = memoryOf(app);
  const remembered = known.get(id);
  if (remembered) return remembered;
  const [image] = await app.database.db.select().from(images).where(eq(images.id, id));
  if (image) known.set(id, image);
  return image;
}

/** Image bytes over HTTP: the stored original, and PNG thumbnails cropped to the crop box, with ETags. */
export function imageRoutes(app: AppContext): Router {
  const router = express.Router();
  router.get('/images/:id/original', (req, res) => serve(app, req, res, 'original'));
  router.get('/images/:id/thumbnail', (req, res) => serve(app, req, res, 'thumbnail'));
  return router;
}

async function serve(app: AppContext, req: Request, res: Response, kind: 'original' | 'thumbnail') {
  const id = String(req.params.id);
  const size = Number(req.query.size ?? 256);
  const useCrop = req.query.crop !== '0';
  const viewer = await rememberedViewer(app, req);
  if (!viewer)
    return void res.status(401).json({ error: 'UNAUTHENTICATED', message: 'Sign in or send an API token.' });
  const forbidden = () =>
    void res.status(403).json({ error: 'FORBIDDEN', message: `A ${viewer.role} may not read this image.` });
  // A READER fetches only the images of their OPEN reader studies, and of a crop-only study the crop alone.
  const isReader = !roleCan(viewer.role, 'read');
  if (isReader && viewer.role !== 'READER') return forbidden();
  if (!UUID.test(id))
    return isReader
      ? forbidden()
      : void res.status(404).json({ error: 'NOT_FOUND', message: 'No such image.' });
  if (kind === 'thumbnail' && !(THUMBNAIL_SIZES as readonly number[]).includes(size)) {
    return void res
      .status(400)
      .json({ error: 'BAD_INPUT', message: `size must be one of ${THUMBNAIL_SIZES.join(', ')}` });
  }
  try {
    const readerView = isReader ? await readerImageView(app.database.db, viewer.userId, id) : null;
    if (isReader && (!readerView || (readerView === 'CROP' && (kind !== 'thumbnail' || !useCrop))))
      return forbidden();
    const image = await rememberedImage(app, id);
    if (!image) return void res.status(404).json({ error: 'NOT_FOUND', message: 'No such image.' });
    const crop = kind === 'thumbnail' && useCrop ? await findCrop(app, image.id, image.studyId) : undefined;
    const fits = crop && crop.x + crop.width <= image.width && crop.y + crop.height <= image.height;
    if (readerView === 'CROP' && !fits) return forbidden();
    const etag = `"${image.sha256.slice(0, 32)}-${kind}-${size}-${crop ? `${crop.x},${crop.y},${crop.width},${crop.height}` : 'full'}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    if (req.headers['if-none-match'] === etag) return void res.status(304).end();
    const bytes = await app.blobs.getNow(image.sha256);
    if (kind === 'original') {
      res.type(MIME[image.format]).send(bytes);
      return;
    }
    let pipeline = sharp(bytes, { failOn: 'none' });
    if (crop && fits) {
      pipeline = pipeline.extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height });
    }
    const png = await pipeline.resize(size, size, { fit: 'inside' }).toColourspace('srgb').png().toBuffer();
    res.type('image/png').send(png);
  } catch (error) {
    if (error instanceof BlobNotFoundError)
      return void res.status(404).json({ error: 'NOT_FOUND', message: 'Image bytes missing.' });
    app.logger.error({ err: error, imageId: id }, 'serving an image failed');
    res.status(500).json({ error: 'INTERNAL', message: 'Could not render the image.' });
  }
}

async function findCrop(app: AppContext, imageId: string, studyId: string) {
  const rows = await app.database.db
    .select()
    .from(cropBoxes)
    .where(or(eq(cropBoxes.imageId, imageId), eq(cropBoxes.studyId, studyId)));
  return rows.find((row) => row.imageId === imageId) ?? rows.find((row) => row.studyId === studyId);
}
