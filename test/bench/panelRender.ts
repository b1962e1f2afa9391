/**
 * A panel update as the user sees it: the simulation (in process, as the server runs it) plus the
 * webview bundle rendering the result in headless Chromium, measured until the webview reports
 * `rendered`. Needs Debian's Chromium; the bench skips this case without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPanelHtml } from '../../client/src/panel/html';
import { simulate } from '../../server/src/placement';
import { median, request } from './simulate';

const chromium = process.env.ECS_LENS_CHROMIUM ?? '/usr/bin/chromium';
const origin = 'http://ecs-lens.bench';

export async function benchPanelRender(repoRoot: string): Promise<{ name: string; medianMs: number }[]> {
  if (!existsSync(chromium)) return [];
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({
    executablePath: chromium,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const script = readFileSync(join(repoRoot, 'dist', 'webview.js'), 'utf8');
    const html = buildPanelHtml({
      cspSource: origin,
      scriptUri: `${origin}/webview.js`,
      nonce: 'benchbenchbenchbenchbenchbench12',
    });
    await page.route(`${origin}/**`, (route) => {
      const url = route.request().url();
      void route.fulfill(
        url.endsWith('.js')
          ? { contentType: 'text/javascript', body: script }
          : { contentType: 'text/html', body: html },
      );
    });
    // The webview's side of VS Code: acquireVsCodeApi, and a record of what it posts.
    await page.addInitScript(() => {
      const w = window as unknown as { posted: unknown[]; acquireVsCodeApi: () => unknown };
      w.posted = [];
      let state: unknown;
      w.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => w.posted.push({ ...(m as object), at: performance.now() }),
        getState: () => state,
        setState: (s: unknown) => {
          state = s;
        },
      });
    });
    await page.goto(`${origin}/panel.html`);
    await page.waitForFunction(() =>
      (window as unknown as { posted: Array<{ type: string }> }).posted.some((m) => m.type === 'ready'),
    );
    await page.evaluate(() =>
      window.postMessage(
        {
          type: 'init',
          sources: { taskDefinition: { uri: 'file:///bench-task-def.json', label: 'bench-task-def.json' } },
          clusters: [],
          inputs: {
            cluster: {
              kind: 'quick',
              instanceType: 'm5.xlarge',
              count: 50,
              availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
            },
          },
        },
        '*',
      ),
    );

    const samples: number[] = [];
    let placed = 0;
    for (let id = 1; id <= 12; id++) {
      const t0 = performance.now();
      const result = simulate(request(50, 100));
      const simulated = performance.now() - t0;
      placed = result.placements.length;
      // Timed inside the page, from the message's arrival to the webview's `rendered`, so the
      // test harness's own round trips do not count.
      const sentAt = await page.evaluate(
        ({ id, result }) => {
          const at = performance.now();
          window.postMessage(
            {
              type: 'result',
              id,
              result,
              inputs: {
                cluster: { kind: 'quick', instanceType: 'm5.xlarge', count: 50, availabilityZones: ['us-east-1a'] },
              },
            },
            '*',
          );
          return at;
        },
        { id, result },
      );
      const renderedAt = await page.waitForFunction(
        (id) =>
          (window as unknown as { posted: Array<{ type: string; id?: number; at: number }> }).posted.find(
            (m) => m.type === 'rendered' && m.id === id,
          )?.at,
        id,
      );
      if (id > 2) samples.push(simulated + ((await renderedAt.jsonValue()) as number) - sentAt); // the first two warm up the page
    }
    if (placed !== 100) throw new Error(`panel bench placed ${placed} of 100 tasks`);
    const instances = await page.locator('text=/[mc]5\\.2xlarge-us-east-1[abc]-\\d+/').count();
    if (instances < 50) throw new Error(`panel bench shows ${instances} instances, expected 50`);
    return [
      {
        name: 'panel update: simulate 100 tasks on 50 instances and render them in the webview (Chromium)',
        medianMs: median(samples),
      },
    ];
  } finally {
    await browser.close();
  }
}
