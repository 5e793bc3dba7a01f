import type { BackboneInfo, BackboneSpec } from '../backbone/types';
import type { BackendInfo, BackendPreference } from '../backend/init-backend';

/** Data every embedding worker starts with. */
export type EmbedWorkerData = {
  backbone: BackboneSpec | string;
  backend: BackendPreference;
  isFusedAllowed: boolean;
};

export type LoadedBackbone = BackboneInfo & { isFused: boolean };

/** An error that crossed a thread boundary: its code (when it had one) and message. */
export type WireError = { code: string; message: string };

export type WorkerReady = { type: 'ready'; backbone: LoadedBackbone; backend: BackendInfo };
export type WorkerFailed = { type: 'failed'; error: WireError };
export type EmbedRequest = { type: 'embed'; jobId: number; grey: Uint8Array; count: number };
export type EmbedReply =
  | { type: 'embedded'; jobId: number; vectors: Float32Array }
  | { type: 'embed-failed'; jobId: number; error: WireError };

export type WorkerMessage = WorkerReady | WorkerFailed | EmbedReply;

export function toWireError(error: unknown, fallbackCode = 'EMBED_FAILED'): WireError {
  const code = (error as { code?: unknown })?.code;
  return {
    code: typeof code === 'string' ? code : fallbackCode,
    message: error instanceof Error ? error.message : String(error),
  };
}
