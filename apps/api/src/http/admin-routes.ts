import express, { type Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { findViewerByToken } from '../auth/api-tokens';
import { roleCan } from '../auth/roles';
import { AppError } from '../errors';
import { importFolder } from '../operations/import-folder';
import { BODY_LIMITS } from './body-limits';

const importRequest = z.object({
  folder: z.string().min(1),
  manifestPath: z.string().min(1).optional(),
  datasetName: z.string().min(1).optional(),
  columns: z
    .object({
      file: z.string().optional(),
      study: z.string().optional(),
      label: z.string().optional(),
      annotation: z.string().optional(),
      crop: z.string().optional(),
    })
    .optional(),
  frames: z.enum(['all', 'first', 'middle']).optional(),
});

/** The admin behind the request's token, or undefined. */
async function findAdmin(app: AppContext, header: string | undefined): Promise<string | undefined> {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  const viewer = token ? await findViewerByToken(app.database.db, token) : undefined;
  return viewer && roleCan(viewer.role, 'admin') ? viewer.userId : undefined;
}

/**
 * Admin-only routes the `loupe` command uses while the app owns the embedded database. The import streams
 * progress as newline-delimited JSON and ends with the report.
 */
export function adminRoutes(app: AppContext): Router {
  const router = express.Router();
  router.post('/admin/import', express.json({ limit: BODY_LIMITS.adminImport }), async (req, res) => {
    const adminId = await findAdmin(app, req.headers.authorization);
    if (!adminId) {
      return void res.status(401).json({ error: 'UNAUTHENTICATED', message: 'An admin token is required.' });
    }
    const parsed = importRequest.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({ error: 'BAD_INPUT', message: parsed.error.message });
    res.status(200).type('application/x-ndjson');
    try {
      const report = await importFolder(app, {
        ...parsed.data,
        authorId: adminId,
        onProgress: (progress) => res.write(`${JSON.stringify({ progress })}\n`),
      });
      res.end(`${JSON.stringify({ report })}\n`);
    } catch (error) {
      const message = error instanceof AppError ? error.userMessage : 'The import failed unexpectedly.';
      if (!(error instanceof AppError)) app.logger.error({ err: error }, 'admin import failed');
      res.end(
        `${JSON.stringify({ error: { code: error instanceof AppError ? error.code : 'INTERNAL', message } })}\n`,
      );
    }
  });
  return router;
}
