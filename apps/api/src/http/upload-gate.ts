import type { NextFunction, Request, RequestHandler, Response } from 'express';
import graphqlUploadExpress from 'graphql-upload/graphqlUploadExpress.mjs';
import type { AppContext } from '../app-context';
import { findRequestViewer } from '../auth/request-viewer';
import { roleCan } from '../auth/roles';
import { MAX_UPLOAD_FILES } from '../operations/import-uploads';
import { BODY_LIMITS } from './body-limits';

const refuse = (res: Response, status: number, error: string, message: string) =>
  void res.status(status).json({ error, message });

/**
 * GraphQL multipart requests (file uploads) are checked before a byte of their body is read: a declared
 * length within BODY_LIMITS.upload, the preflight header Apollo's CSRF prevention asks of them (a plain
 * cross-site form cannot send it), and a caller that may import. Other requests pass untouched.
 */
function checkUpload(app: AppContext): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data')) return next();
    const length = Number(req.headers['content-length']);
    if (!req.headers['content-length'] || !Number.isSafeInteger(length))
      return refuse(res, 411, 'LENGTH_REQUIRED', 'An upload must declare its Content-Length.');
    if (length > BODY_LIMITS.upload)
      return refuse(
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than the limit of ${BODY_LIMITS.upload} bytes; send the files in several requests.`,
      );
    if (!req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name'])
      return refuse(
        res,
        400,
        'BAD_REQUEST',
        'An upload must carry the header Apollo-Require-Preflight: true (protection against cross-site requests).',
      );
    try {
      const viewer = await findRequestViewer(app, req);
      if (!viewer)
        return refuse(res, 401, 'UNAUTHENTICATED', 'Sign in or send an API token (Authorization: Bearer …).');
      if (!roleCan(viewer.role, 'curate'))
        return refuse(res, 403, 'FORBIDDEN', `A ${viewer.role} may not import images.`);
    } catch (error) {
      return next(error);
    }
    next();
  };
}

/** The middleware for `/graphql` that reads file uploads (see `importFiles`), each file capped in size. */
export function uploadMiddleware(app: AppContext): RequestHandler[] {
  return [
    checkUpload(app),
    // One more file than the import takes: the manifest.
    graphqlUploadExpress({ maxFileSize: app.settings.maxUploadBytes, maxFiles: MAX_UPLOAD_FILES + 1 }),
  ];
}
