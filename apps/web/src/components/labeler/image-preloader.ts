type Loading = { element: HTMLImageElement; state: 'loading' | 'ready' | 'failed' };

/**
 * Loads and decodes the next images of the labeler ahead of time and keeps the decoded elements alive, so
 * the <img> that shows one later finds its pixels ready: moving on paints at once. The labeler asks
 * `isReady` to prefer, among the images leased to it, one that can be shown without waiting.
 *
 * At most `atOnce` images load at a time, nearest first: the browser opens only a few connections to the
 * server, and the queue's and the labels' requests need some of them too.
 */
export class ImagePreloader {
  private readonly images = new Map<string, Loading>();
  private wanted: readonly string[] = [];

  constructor(private readonly atOnce = 4) {}

  /**
   * The images to have ready, nearest first, and those to keep besides (the one on screen). Any other is
   * let go; loads start as earlier ones finish.
   */
  want(urls: readonly string[], keep: readonly string[] = []): void {
    this.wanted = urls;
    const kept = new Set([...urls, ...keep]);
    for (const url of this.images.keys()) if (!kept.has(url)) this.images.delete(url);
    this.startMore();
  }

  /** Whether the image's bytes are loaded and decoded. */
  isReady(url: string): boolean {
    return this.images.get(url)?.state === 'ready';
  }

  private startMore(): void {
    let loading = [...this.images.values()].filter((entry) => entry.state === 'loading').length;
    for (const url of this.wanted) {
      if (loading >= this.atOnce) return;
      if (this.images.has(url)) continue;
      this.start(url);
      loading += 1;
    }
  }

  private start(url: string): void {
    const element = new Image();
    element.decoding = 'async';
    element.src = url;
    const entry: Loading = { element, state: 'loading' };
    this.images.set(url, entry);
    element.decode().then(
      () => {
        entry.state = 'ready';
        this.startMore();
      },
      () => {
        // Not tried again while wanted; shown, the <img> reports its own failure.
        entry.state = 'failed';
        this.startMore();
      },
    );
  }
}
