/**
 * First-load JavaScript per route of the production build, as Chromium receives it: each route opened in a
 * fresh browser context (empty cache), summing the script resources it loads before it settles. Starts its
 * own stack (API on a fresh data folder with the demo dataset, the built web app).
 * Run: `npx tsx bench/first-load-js.ts` in e2e (part of `npm run bench`). Prints a table, writes JSON to
 * bench/results/first-load-js.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { graphqlData, signInCookie } from '../support/api';
import { adminEmail, readAdminPassword } from '../support/sign-in';
import { startStack } from '../support/stack';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Row = { route: string; path: string; scripts: number; transferredKiB: number; decodedKiB: number };

async function main() {
  const stack = await startStack();
  process.env.LOUPE_E2E_API_URL = stack.apiUrl;
  process.env.LOUPE_E2E_DATA_DIR = stack.dataDir;
  const browser = await chromium.launch({
    executablePath: process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  try {
    const session = await signInCookie(adminEmail, readAdminPassword());
    const data = await graphqlData<{
      datasets: {
        id: string;
        studies: { edges: { node: { id: string } }[] };
        images: { edges: { node: { id: string } }[] };
      }[];
    }>(
      '{ datasets { id studies(first: 1) { edges { node { id } } } images(first: 1) { edges { node { id } } } } }',
      {},
      session,
    );
    const dataset = data.datasets[0]!;
    const d = encodeURIComponent(dataset.id);
    const routes: [string, string][] = [
      ['/sign-in', '/sign-in'],
      ['/', '/'],
      ['/datasets/[id]', `/datasets/${d}`],
      ['/datasets/[id]/images', `/datasets/${d}/images`],
      ['/datasets/[id]/queue', `/datasets/${d}/queue`],
      [
        '/datasets/[id]/label/[imageId]',
        `/datasets/${d}/label/${encodeURIComponent(dataset.images.edges[0]!.node.id)}`,
      ],
      ['/datasets/[id]/categories', `/datasets/${d}/categories`],
      ['/datasets/[id]/models', `/datasets/${d}/models`],
      ['/datasets/[id]/jobs', `/datasets/${d}/jobs`],
      ['/studies/[id]', `/studies/${encodeURIComponent(dataset.studies.edges[0]!.node.id)}`],
    ];
    const cookieValue = session.cookie.split('=').slice(1).join('=');
    const rows: Row[] = [];
    for (const [route, path] of routes) {
      const context = await browser.newContext();
      if (route !== '/sign-in')
        await context.addCookies([
          { name: 'loupe_session', value: cookieValue, domain: new URL(stack.webUrl).hostname, path: '/' },
        ]);
      const page = await context.newPage();
      await page.goto(`${stack.webUrl}${path}`, { waitUntil: 'networkidle' });
      const scripts = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter(
            (entry) =>
              (entry as PerformanceResourceTiming).initiatorType === 'script' || entry.name.endsWith('.js'),
          )
          .map((entry) => ({
            transferred: (entry as PerformanceResourceTiming).encodedBodySize,
            decoded: (entry as PerformanceResourceTiming).decodedBodySize,
          })),
      );
      rows.push({
        route,
        path,
        scripts: scripts.length,
        transferredKiB: Math.round(scripts.reduce((sum, s) => sum + s.transferred, 0) / 102.4) / 10,
        decodedKiB: Math.round(scripts.reduce((sum, s) => sum + s.decoded, 0) / 102.4) / 10,
      });
      await context.close();
    }
    console.table(rows.map(({ path: _path, ...row }) => row));
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(
      new URL('./results/first-load-js.json', import.meta.url),
      `${JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2)}\n`,
    );
  } finally {
    await browser.close();
    await stack.stop();
  }
}

await main();
