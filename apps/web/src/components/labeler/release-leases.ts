import { browserGraphQLEndpoint } from '../../lib/browser-api';
import { releaseQueueItemMutation } from '../../queries/labeler-queries';

/**
 * Gives leased images back to the review queue. Sent with `keepalive`, so the requests still go out while
 * the page is being left; nobody waits for the answers (a lease nobody releases simply expires).
 */
export function releaseLeases(imageIds: Iterable<string>): void {
  for (const imageId of imageIds) {
    void fetch(browserGraphQLEndpoint, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: releaseQueueItemMutation.query, variables: { imageId } }),
    }).catch(() => {
      // The lease runs out on its own.
    });
  }
}

/** Starts loading and decoding an image's bytes, so showing it later is instant. */
export function preloadImage(cache: Map<string, HTMLImageElement>, url: string): void {
  if (cache.has(url)) return;
  const image = new Image();
  image.decoding = 'async';
  image.src = url;
  cache.set(url, image);
  image.decode().catch(() => {
    // Shown later, the <img> reports its own failure.
    cache.delete(url);
  });
}
