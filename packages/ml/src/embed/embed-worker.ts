import { parentPort, workerData } from 'node:worker_threads';
import { loadBackbone } from '../backbone/load-backbone';
import type { Backbone } from '../backbone/types';
import { initBackend } from '../backend/init-backend';
import { runBatch } from './run-batch';
import {
  type EmbedReply,
  type EmbedRequest,
  type EmbedWorkerData,
  toWireError,
  type WorkerMessage,
} from './worker-protocol';

/** Worker thread: owns one TF.js backend and one backbone, embeds one batch at a time. */
async function main(port: NonNullable<typeof parentPort>, data: EmbedWorkerData): Promise<void> {
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  let backbone: Backbone;
  try {
    const backend = await initBackend(data.backend, { log: () => {} });
    backbone = await loadBackbone(data.backbone, { isFusedAllowed: data.isFusedAllowed });
    const { spec: _spec, predict: _predict, dispose: _dispose, ...info } = backbone;
    post({ type: 'ready', backbone: info, backend });
  } catch (error) {
    post({ type: 'failed', error: toWireError(error, 'BACKBONE_LOAD_FAILED') });
    return;
  }
  port.on('message', (request: EmbedRequest) => {
    let reply: EmbedReply;
    try {
      const vectors = runBatch(backbone, request.grey, request.count);
      reply = { type: 'embedded', jobId: request.jobId, vectors };
      post(reply, [vectors.buffer as ArrayBuffer]);
    } catch (error) {
      post({ type: 'embed-failed', jobId: request.jobId, error: toWireError(error) });
    }
  });
}

if (parentPort) void main(parentPort, workerData as EmbedWorkerData);
