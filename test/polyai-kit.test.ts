/**
 * The PolyAI kit (integrations/polyai), run for real: its Python tests call its functions with a
 * stand-in `conv` against this gateway on a real port, with trusted documents enforced, as
 * production runs it. Then Salesforce is checked: every retried function wrote once.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRUSTED_DOCUMENTS } from '../src/http/trusted-documents';
import { control } from './support/emulator';
import { pino } from 'pino';
import { createApp, type App } from '../src/app';
import { testConfig } from './support/config';
import { startTestGateway, type TestGateway } from './support/gateway';
import type { OrgFile } from '../src/env/org-file';

const KIT = new URL('../integrations/polyai/', import.meta.url);
const CONV_ID = 'CAkit0000000000000000000000000001';

let gw: TestGateway;
let server: Server;
let url: string;
/** A second gateway over the same org with its cache on (0.3 s) and last known answers kept: the stale lookup. */
let staleApp: App;
let staleServer: Server;
let staleUrl: string;
/** A gateway over the strict org with its example org file: the kit's custom fields. */
let strict: TestGateway;
let strictServer: Server;
let strictUrl: string;
beforeAll(async () => {
  gw = await startTestGateway({ security: { trustedDocumentsOnly: true } });
  server = createServer(gw.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  staleApp = await createApp(testConfig(gw.emulators.url, { security: { trustedDocumentsOnly: true }, cache: { ttlMs: 300, staleTtlMs: 60_000 } }), {
    logger: pino({ level: 'silent' }),
  });
  staleServer = createServer(staleApp.yoga);
  await new Promise<void>((resolve) => staleServer.listen(0, '127.0.0.1', resolve));
  staleUrl = `http://127.0.0.1:${(staleServer.address() as AddressInfo).port}`;
  strict = await startTestGateway({
    emulator: { profile: 'strict' },
    org: JSON.parse(readFileSync(new URL('../docs/your-org/strict.json', import.meta.url), 'utf8')) as OrgFile,
    security: { trustedDocumentsOnly: true },
  });
  strictServer = createServer(strict.yoga);
  await new Promise<void>((resolve) => strictServer.listen(0, '127.0.0.1', resolve));
  strictUrl = `http://127.0.0.1:${(strictServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => staleServer.close(() => resolve()));
  await new Promise<void>((resolve) => strictServer.close(() => resolve()));
  await strict.close();
  await staleApp.close();
  await gw.close();
});

/** What the kit's tests get from the environment, as the Secrets Vault would give a function. */
const kitEnv = (conv: string) => [
  `SALESFORCE_GATEWAY_URL=${url}`,
  'SALESFORCE_GATEWAY_API_KEY=demo-agent-key',
  `KIT_CONV_ID=${conv}`,
  `KIT_STALE_GATEWAY_URL=${staleUrl}`,
  `KIT_EMULATOR_URL=${gw.emulators.url}`,
  `KIT_STRICT_GATEWAY_URL=${strictUrl}`,
];

describe('the PolyAI kit', () => {
  it('names the trusted documents by the hashes of the gateway’s manifest', () => {
    const source = readFileSync(new URL('salesforce_gateway.py', KIT), 'utf8');
    const named = [...source.matchAll(/^ {4}"(\w+)": "([0-9a-f]{64})",$/gm)];
    expect(named.length).toBe(6);
    for (const [, name, hash] of named) expect(TRUSTED_DOCUMENTS.get(hash!), name).toMatch(new RegExp(`^(query|mutation) ${name}\\b`));
  });

  it('runs a whole call in Python against the gateway, and a retried function writes nothing twice', async () => {
    // `env` adds to the inherited environment, so python3 is found on the PATH as usual.
    const run = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        'env',
        [...kitEnv(CONV_ID), 'python3', '-m', 'unittest', '-v', 'test_salesforce_gateway'],
        { cwd: KIT, timeout: 120_000 },
        (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
      );
    });
    expect(run.output).toMatch(/Ran 11 tests/);
    expect(run.output).not.toMatch(/skipped/);
    expect(run.code, run.output).toBe(0);

    // Upstream, the retried functions of the whole call wrote once each.
    const count = async (q: string) => (await gw.connection.conn.query(q)).totalSize;
    for (const purpose of ['create_case', 'log_call', 'consent:SMS:in', 'follow_up:SMS:case']) {
      const object = purpose === 'create_case' ? 'Case' : 'Task';
      expect(await count(`SELECT COUNT() FROM ${object} WHERE Gateway_Request_Key__c = 'demo-agent:${CONV_ID}:${purpose}'`), purpose).toBe(1);
    }
    expect(await count(`SELECT COUNT() FROM Task WHERE Gateway_Request_Key__c LIKE 'demo-agent:${CONV_ID}:add_to_case:%'`)).toBe(1);
    const outbox = await control<{ messages: { body: string }[] }>(gw.emulators.url, 'GET', 'outbox');
    expect(outbox.messages.filter((m) => m.body.startsWith('Your case number is'))).toHaveLength(1);
  });

  it('passes again in reverse order against the state the first run left (independent of order and state)', async () => {
    const source = readFileSync(new URL('test_salesforce_gateway.py', KIT), 'utf8');
    const names = [...source.matchAll(/^ {4}def (test_\w+)\(self\)/gm)].map((m) => `test_salesforce_gateway.KitTest.${m[1]}`).reverse();
    expect(names.length).toBe(11);
    const run = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        'env',
        // Another conversation: the same one with other details would be (rightly) DIFFERENT_INPUT.
        [...kitEnv(`${CONV_ID}-2`), 'python3', '-m', 'unittest', '-v', ...names],
        { cwd: KIT, timeout: 120_000 },
        (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
      );
    });
    expect(run.output).toMatch(/Ran 11 tests/);
    expect(run.code, run.output).toBe(0);
    // Each conversation's retried functions wrote once.
    for (const conv of [CONV_ID, `${CONV_ID}-2`]) {
      expect((await gw.connection.conn.query(`SELECT COUNT() FROM Case WHERE Gateway_Request_Key__c = 'demo-agent:${conv}:create_case'`)).totalSize, conv).toBe(
        1,
      );
    }
  });
});
