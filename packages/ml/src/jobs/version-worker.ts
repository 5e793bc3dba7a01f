import { parentPort } from 'node:worker_threads';
import { computePredictions, computeVersion } from './version-compute';
import type { VersionReply, VersionRequest } from './version-computer';

/** The thread that trains heads and predicts: one request at a time, in arrival order. */
const port = parentPort!;
let queue = Promise.resolve();

port.on('message', (request: VersionRequest) => {
  queue = queue.then(() => handle(request));
});

async function handle(request: VersionRequest): Promise<void> {
  const reply = (message: VersionReply) => port.postMessage(message);
  try {
    if (request.type === 'version') {
      const result = await computeVersion(request.input, {
        onProgress: (progress, message) => reply({ type: 'progress', id: request.id, progress, message }),
        ...(request.isStreamingChunks
          ? { onCopyChunk: (text: string) => reply({ type: 'chunk', id: request.id, text }) }
          : {}),
      });
      reply({ type: 'done', id: request.id, result });
    } else {
      reply({ type: 'done', id: request.id, result: await computePredictions(request.input) });
    }
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    const code = (error as { code?: unknown })?.code;
    const details = (error as { details?: unknown })?.details;
    reply({
      type: 'failed',
      id: request.id,
      error: { name, message, code: typeof code === 'string' ? code : undefined, details },
    });
  }
}
