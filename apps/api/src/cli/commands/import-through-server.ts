import { AppError } from '../../errors';
import type { ImportFolderOptions, ImportProgress, ImportReport } from '../../operations/import-folder';

/** Hands an import to the running app that owns the embedded database, following its progress. */
export async function importThroughServer(
  server: { url: string; token: string },
  options: ImportFolderOptions,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportReport> {
  const { onProgress: _ignored, ...body } = options;
  const response = await fetch(`${server.url}/admin/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(body),
  }).catch((error: Error) => {
    throw new AppError(
      'DATA_DIR_LOCKED',
      `The running app at ${server.url} did not answer: ${error.message}`,
    );
  });
  if (!response.ok || !response.body) {
    throw new AppError(
      'IMPORT_FAILED',
      `The running app refused the import (HTTP ${response.status}): ${await response.text()}`,
    );
  }
  try {
    return await readReport(response.body, onProgress);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'IMPORT_FAILED',
      `The connection to the running app broke during the import: ${(error as Error).message}. Files already imported stay; run the import again to finish.`,
    );
  }
}

async function readReport(
  body: ReadableStream<Uint8Array>,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportReport> {
  let buffered = '';
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    buffered += decoder.decode(chunk as Uint8Array, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const message = JSON.parse(buffered.slice(0, newline)) as {
        progress?: ImportProgress;
        report?: ImportReport;
        error?: { code: string; message: string };
      };
      buffered = buffered.slice(newline + 1);
      if (message.progress) onProgress(message.progress);
      if (message.report) return message.report;
      if (message.error) throw new AppError('IMPORT_FAILED', message.error.message);
      newline = buffered.indexOf('\n');
    }
  }
  throw new AppError('IMPORT_FAILED', 'The running app ended the import without a report.');
}
