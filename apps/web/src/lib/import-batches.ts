/**
 * The web origin forwards a request body to the API only up to `proxyClientMaxBodySize` (next.config.ts)
 * and cuts it silently beyond, so the browser sends a large import as several requests.
 */
export const BATCH_LIMITS = { maxBytes: 8 * 1024 * 1024, maxFiles: 100 } as const;

/**
 * The most file bytes one request may carry for the web origin to forward it whole: next.config.ts lets
 * 80 MB (MiB) through, less some for the multipart framing. The API's own cap per file
 * (LOUPE_MAX_UPLOAD_BYTES, 64 MiB unless set) is lower; a file above it comes back as TOO_LARGE.
 */
export const LARGEST_FORWARDED_BYTES = 79 * 1024 * 1024;

/** Whether a file, sent alone with the manifest, fits in what the web origin forwards. */
export function isForwardable(fileBytes: number, manifestBytes: number): boolean {
  return fileBytes + manifestBytes <= LARGEST_FORWARDED_BYTES;
}

export type BatchLimits = { maxBytes: number; maxFiles: number };

/**
 * Cuts files, in order, into batches of at most `maxFiles` files and `maxBytes` bytes; a file larger than
 * `maxBytes` goes alone. `reservedBytes` (the manifest, sent with every batch) counts against each batch.
 */
export function planBatches<TItem extends { file: { size: number } }>(
  items: readonly TItem[],
  { maxBytes, maxFiles }: BatchLimits = BATCH_LIMITS,
  reservedBytes = 0,
): TItem[][] {
  const budget = maxBytes - reservedBytes;
  const batches: TItem[][] = [];
  let current: TItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = item.file.size;
    if (current.length > 0 && (current.length >= maxFiles || bytes + size > budget)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Bytes of a batch's files. */
export function batchBytes(items: readonly { file: { size: number } }[]): number {
  return items.reduce((total, item) => total + item.file.size, 0);
}
