/**
 * `npm run emulator` as a person runs it: one process serving the REST API and, on
 * EMULATOR_PUBSUB_PORT (default 4011), the Pub/Sub API that change-event subscribers connect to.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import PubSubApiClient from 'salesforce-pubsub-api-client';
import { describe, expect, it } from 'vitest';
import { passwordLogin } from './support';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('npm run emulator', () => {
  it('serves change events on its Pub/Sub port beside the REST API, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { EMULATOR_PORT: '0', EMULATOR_PUBSUB_PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout! });
      let url = '';
      let endpoint = '';
      for await (const line of lines) {
        url ||= /listening on (http\S+)/.exec(line)?.[1] ?? '';
        endpoint ||= /Pub\/Sub API: (\S+)/.exec(line)?.[1] ?? '';
        if (url && endpoint) break;
      }
      expect(endpoint).toMatch(/^localhost:\d+$/);
      const conn = await passwordLogin(url);
      const client = new PubSubApiClient(
        {
          authType: 'user-supplied',
          accessToken: conn.accessToken!,
          instanceUrl: url.replace('http:', 'https:'),
          organizationId: ((await conn.identity()) as { organization_id: string }).organization_id,
          pubSubEndpoint: endpoint,
          rejectUnauthorizedSsl: false,
        },
        { debug() {}, info() {}, warn() {}, error() {} },
      );
      await client.connect();
      // Written first and replayed from the earliest event: no race with the subscription.
      await conn.sobject('Account').create({ Name: 'Through npm run emulator' });
      const event = new Promise<{ ChangeEventHeader: { changeType: string } }>((resolve) =>
        client.subscribeFromEarliestEvent(
          '/data/AccountChangeEvent',
          (_i: unknown, type: string, data?: { payload: { ChangeEventHeader: { changeType: string } } }) => {
            if (type === 'event') resolve(data!.payload);
          },
          1,
        ),
      );
      expect((await event).ChangeEventHeader.changeType).toBe('CREATE');
      client.close();
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
