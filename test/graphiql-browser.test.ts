/**
 * GraphiQL in headless Chromium (Debian's, driven by playwright-core: no browser download): the
 * Run button sends each example as GraphiQL itself makes the request, with the demo key, and a
 * reload finds the examples' tab again, with no empty tab beside it.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_EXAMPLES } from '../src/http/graphiql-examples';
import { exampleName, expectResult } from './support/graphiql';
import { startTestGateway, type TestGateway } from './support/gateway';

const CHROMIUM = '/usr/bin/chromium';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

// Chromium comes from Debian: .ci/run installs it and refuses to go on without it; a clone
// without it reports this as skipped.
describe.skipIf(!existsSync(CHROMIUM))('GraphiQL in headless Chromium', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Yoga is a Node request listener of its own.
    server = createServer(gw.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs every example and finds a result in each answer', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const run = page.locator('.graphiql-execute-button');
      await run.waitFor();
      for (const [i, example] of GRAPHIQL_EXAMPLES.entries()) {
        const name = exampleName(example.query);
        const answered = page.waitForResponse(
          (r) =>
            // Subscriptions go as a GET with the operation in the URL (Server-Sent Events).
            r.url().startsWith(url) &&
            (r.request().method() === 'POST'
              ? (r.request().postData() ?? '').includes(`"operationName":"${name}"`)
              : r.url().includes(`operationName=${name}`)),
        );
        // With several operations in the editor, Run lists them; pick this one.
        await run.click();
        await page.getByRole('menuitem', { name, exact: true }).click();
        const response = await answered;
        expect(response.request().headers().authorization).toBe('Bearer demo-agent-key');
        expect(response.status(), name).toBe(200);
        if (example.subscription) {
          // Its events stream into the result pane: the first one is enough (the agents' feed
          // needs something done, the lookup of example 1).
          const field = example.query.includes('agentActivity') ? 'agentActivity' : 'customerUpdated';
          if (field === 'agentActivity') await gw.graphql('{ customersByPhone(phone: "+14155550134") { outcome } }');
          const pane = page.locator('.result-window');
          await expect.poll(async () => (await pane.textContent()) ?? '', { timeout: 10_000, interval: 100 }).toContain(field);
          if (field === 'customerUpdated') expect(await pane.textContent()).toContain('Lovelace');
          // While it streams, the Run button stops it.
          await run.click();
          continue;
        }
        expectResult((await response.json()) as never, example.mutation, `example ${i + 1} (${name})`);
      }
      // A reload opens the same one tab of examples (GraphiQL would add an empty one for a page
      // whose query and headers match no stored tab).
      await page.reload({ waitUntil: 'load' });
      await run.waitFor();
      const tabs = await page.locator('.graphiql-tab').allTextContents();
      expect(tabs.length).toBe(1);
      // Titled by an operation run in it: the examples' tab.
      const names = GRAPHIQL_EXAMPLES.map((e) => exampleName(e.query));
      expect(names.some((n) => tabs[0]!.includes(n))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
