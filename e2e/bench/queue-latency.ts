/**
 * Review-queue latency: from the key press that labels an image to the next image shown (loaded and
 * painted), in Chromium, over 100 labels. Starts its own stack with a demo dataset large enough to keep
 * the queue full, signs in an annotator, and labels with Enter (the model's first guess). Prints p50/p95
 * and writes the samples as JSON under bench/results/.
 *
 *   npm run bench -w @loupe/e2e   (LOUPE_BENCH_LABELS, LOUPE_BENCH_DEMO_IMAGES: sizes; LOUPE_BENCH_THINK_MS: pause per image)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, request } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { demoImageCount, startStack } from '../support/stack';

const labels = Number(process.env.LOUPE_BENCH_LABELS ?? 100);
const demoImages = Number(process.env.LOUPE_BENCH_DEMO_IMAGES ?? 260);
const strategy = process.env.LOUPE_BENCH_STRATEGY ?? 'LEAST_CONFIDENT';
/** Pause between an image shown and the next key press (0: as fast as the keys go, the worst case). */
const thinkMs = Number(process.env.LOUPE_BENCH_THINK_MS ?? 0);
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

/** Where one sample's time went, for finding the slow ones' cause (the clock is `samples`). */
type SampleDetail = {
  /** Key press → the new image element in the page. */
  renderMs: number;
  /** Its bytes were loaded already when it appeared (else: waited for the load event). */
  completeAtRender: boolean;
  /** The image's request: whether it ended before the key press, and how long it took. */
  fetchedBeforeKey: boolean | null;
  fetchMs: number | null;
  /** Of that: waiting for a connection, then for the server's first byte. */
  fetchQueuedMs: number | null;
  fetchServerMs: number | null;
  /** The "queue is empty" screen showed between the key press and the new image. */
  emptyShown: boolean;
  /** Images waiting, as the screen said at the key press. */
  waitingAtKey: number | null;
  /** Main-thread tasks over 50 ms in the page during the sample, in ms. */
  longTaskMs: number;
  /** GraphQL requests that ended during the sample. */
  graphqlDuring: number;
};

type LatencyWindow = Window & {
  loupeBench: { start: number; samples: number[]; details: SampleDetail[]; imageId: string };
};

const IN_PAGE_PROBE = `(() => {
  const bench = { start: 0, samples: [], details: [], imageId: '', emptyShown: false, waitingAtKey: null, longTasks: [] };
  window.loupeBench = bench;
  const current = () => document.querySelector('[data-testid="labeler-image"]');
  bench.imageId = current()?.dataset.imageId ?? '';
  performance.setResourceTimingBufferSize(100000);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask' });
  } catch {}
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    bench.start = performance.now();
    bench.emptyShown = false;
    const waiting = document.querySelector('[data-testid="queue-waiting"]');
    bench.waitingAtKey = waiting ? Number(waiting.textContent) : null;
  }, { capture: true });
  const finish = (image) => {
    const start = bench.start;
    const renderMs = performance.now() - start;
    const completeAtRender = image.complete && image.naturalWidth > 0;
    const emptyShown = bench.emptyShown;
    const waitingAtKey = bench.waitingAtKey;
    const done = () => requestAnimationFrame(() => {
      const end = performance.now();
      bench.samples.push(end - start);
      const fetches = performance.getEntriesByName(image.src);
      const fetch = fetches[fetches.length - 1];
      const graphqlDuring = performance.getEntriesByType('resource').filter(
        (entry) => entry.name.endsWith('/graphql') && entry.responseEnd >= start && entry.responseEnd <= end,
      ).length;
      const longTaskMs = bench.longTasks
        .filter(([at, duration]) => at + duration >= start && at <= end)
        .reduce((sum, [at, duration]) => sum + Math.min(end, at + duration) - Math.max(start, at), 0);
      bench.details.push({
        renderMs,
        completeAtRender,
        fetchedBeforeKey: fetch ? fetch.responseEnd <= start : null,
        fetchMs: fetch ? fetch.responseEnd - fetch.startTime : null,
        fetchQueuedMs: fetch ? fetch.requestStart - fetch.startTime : null,
        fetchServerMs: fetch ? fetch.responseStart - fetch.requestStart : null,
        emptyShown,
        waitingAtKey,
        longTaskMs,
        graphqlDuring,
      });
    });
    if (completeAtRender) done();
    else image.addEventListener('load', done, { once: true });
  };
  new MutationObserver(() => {
    if (bench.start !== 0 && document.querySelector('[data-testid="labeler-done"]')) bench.emptyShown = true;
    const image = current();
    const id = image?.dataset.imageId ?? '';
    if (!image || id === bench.imageId || bench.start === 0) return;
    bench.imageId = id;
    finish(image);
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
})()`;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

async function graphql<T>(
  api: Awaited<ReturnType<typeof request.newContext>>,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const response = await api.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data as T;
}

async function main(): Promise<void> {
  console.log(`Starting a stack with ${demoImages} demo images (the tests use ${demoImageCount})…`);
  const stack = await startStack({ demoImages });
  const browser = await chromium.launch(playwrightConfig.projects?.[0]?.use?.launchOptions ?? {});
  try {
    const { readFileSync } = await import('node:fs');
    const adminPassword = readFileSync(`${stack.dataDir}/admin-password`, 'utf8').trim();
    const api = await request.newContext({ baseURL: stack.apiUrl });
    await graphql(api, 'mutation($p: String!) { signIn(email: "admin@localhost", password: $p) { role } }', {
      p: adminPassword,
    });
    const email = `bench-${Date.now()}@example.test`;
    const password = `bench-${Math.random().toString(36).slice(2)}-pw`;
    await graphql(
      api,
      'mutation($e: String!, $p: String!) { createUser(email: $e, name: "Bench Annotator", password: $p, role: ANNOTATOR) { id } }',
      { e: email, p: password },
    );
    const { datasets } = await graphql<{
      datasets: { id: string; latestModelVersion: { version: number } | null }[];
    }>(api, '{ datasets { id latestModelVersion { version } } }');
    const datasetId = datasets[0]!.id;
    // The queue needs the first model version: the worker trains it after embedding the import.
    const deadline = Date.now() + 600_000;
    for (;;) {
      const data = await graphql<{ dataset: { latestModelVersion: { version: number } | null } }>(
        api,
        'query($id: ID!) { dataset(id: $id) { latestModelVersion { version } } }',
        { id: datasetId },
      );
      if (data.dataset.latestModelVersion) break;
      if (Date.now() > deadline) throw new Error('No model version after 10 minutes.');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    await api.dispose();

    const context = await browser.newContext({
      baseURL: stack.webUrl,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
    await page.goto(`/datasets/${encodeURIComponent(datasetId)}/queue?strategy=${strategy}`);
    await page.getByTestId('start-labeling').click();
    await page.getByTestId('labeler-image').waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('[data-testid="labeler-image"]');
      return image?.complete && image.naturalWidth > 0;
    });

    // In the page: the key press starts the clock; the next image, loaded and through one more frame, stops
    // it. A string, not a function: tsx would wrap the function's inner names in a helper the page lacks.
    await page.evaluate(IN_PAGE_PROBE);

    const startedAt = Date.now();
    for (let index = 0; index < labels; index += 1) {
      const before = await page.evaluate(
        () => (window as unknown as LatencyWindow).loupeBench.samples.length,
      );
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (count) => (window as unknown as LatencyWindow).loupeBench.samples.length > count,
        before,
        { timeout: 30_000 },
      );
      if (thinkMs > 0) await page.waitForTimeout(thinkMs);
    }
    const { samples, details } = await page.evaluate(() => {
      const { samples, details } = (window as unknown as LatencyWindow).loupeBench;
      return { samples, details };
    });
    const result = {
      benchmark: 'queue-latency',
      description: 'key press (Enter: confirm the first guess) → next image loaded and painted, Chromium',
      strategy,
      thinkMs,
      labels: samples.length,
      demoImages,
      p50Ms: Number(percentile(samples, 50).toFixed(1)),
      p95Ms: Number(percentile(samples, 95).toFixed(1)),
      maxMs: Number(Math.max(...samples).toFixed(1)),
      meanMs: Number((samples.reduce((sum, value) => sum + value, 0) / samples.length).toFixed(1)),
      /** Wall time of the whole run of labels, key presses and waits included. */
      elapsedMs: Date.now() - startedAt,
      samplesMs: samples.map((value) => Number(value.toFixed(1))),
      details: details.map((detail) => ({
        ...detail,
        renderMs: Number(detail.renderMs.toFixed(1)),
        fetchMs: detail.fetchMs === null ? null : Number(detail.fetchMs.toFixed(1)),
        fetchQueuedMs: detail.fetchQueuedMs === null ? null : Number(detail.fetchQueuedMs.toFixed(1)),
        fetchServerMs: detail.fetchServerMs === null ? null : Number(detail.fetchServerMs.toFixed(1)),
        longTaskMs: Number(detail.longTaskMs.toFixed(1)),
      })),
      at: new Date().toISOString(),
    };
    mkdirSync(resultsDir, { recursive: true });
    const file = `${resultsDir}queue-latency-think${thinkMs}-${result.at.replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `Key press → next image, ${samples.length} labels, ${thinkMs} ms between them: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms (max ${result.maxMs} ms), ${result.elapsedMs} ms in all`,
    );
    const slowest = result.details
      .map((detail, index) => ({ ms: result.samplesMs[index]!, ...detail }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8);
    console.log('Slowest samples:');
    for (const sample of slowest) console.log(`  ${JSON.stringify(sample)}`);
    console.log(`Written to ${file}`);
    await context.close();
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
