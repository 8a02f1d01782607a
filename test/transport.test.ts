/**
 * The one place that reaches below jsforce's public API (src/salesforce/transport.ts): jsforce
 * must send through the transport we hand it, so that we see each answer's status and headers.
 * If a jsforce upgrade stops honouring the option, these fail and name the reason.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulators } from 'salesforce-emulator';
import { createSalesforceConnection } from '../src/salesforce/connection';
import { CallTransport, TransportFailure } from '../src/salesforce/transport';
import { demoCredentials } from './support/credentials';
import { control, startTestEmulator } from './support/emulator';
import { memorySessionStore } from '../src/shared-state/session';

let em: RunningEmulators;
beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());

describe('the gateway transport under jsforce', () => {
  it('carries jsforce’s REST calls and keeps the status and headers of the answer', async () => {
    const connection = createSalesforceConnection({ session: memorySessionStore(), apiVersion: '62.0', credentials: demoCredentials(em.url) });
    await connection.login();
    const transport = new CallTransport(5_000);
    const limits = await connection.conn.request<{ DailyApiRequests: unknown }>('/services/data/v62.0/limits', { transport });
    expect(limits.DailyApiRequests).toBeDefined();
    transport.assertUsed();
    expect(transport.response?.status).toBe(200);
    expect(transport.response?.headers['sforce-limit-info']).toMatch(/^api-usage=\d+\/\d+$/);
  });

  it('shows Retry-After of a refused call, and jsforce still parses the error', async () => {
    const connection = createSalesforceConnection({ session: memorySessionStore(), apiVersion: '62.0', credentials: demoCredentials(em.url) });
    await connection.login();
    await control(em.url, 'PUT', 'faults', { failNext: 1, retryAfterSeconds: 7 });
    const transport = new CallTransport(5_000);
    const error = await connection.conn.request('/services/data/v62.0/limits', { transport }).then(
      () => null,
      (e: { errorCode?: string }) => e,
    );
    await control(em.url, 'DELETE', 'faults');
    expect(error?.errorCode).toBe('SERVER_UNAVAILABLE');
    expect(transport.response).toMatchObject({ status: 503, headers: { 'retry-after': '7' } });
  });

  it('tells a refused connection (nothing sent) from a timeout (may have arrived)', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const refused = await new CallTransport(1_000).httpRequest({ method: 'GET', url: `http://127.0.0.1:${closedPort}/` }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(TransportFailure);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED', mayHaveArrived: false });
    await control(em.url, 'PUT', 'faults', { latencyMs: 2_000 });
    // The token endpoint waits out the emulator's latency before it answers.
    const slow = await new CallTransport(100).httpRequest({ method: 'POST', url: `${em.url}/services/oauth2/token`, body: '' }).then(
      () => null,
      (e: unknown) => e,
    );
    await control(em.url, 'DELETE', 'faults');
    expect(slow).toMatchObject({ code: 'TIMEOUT', mayHaveArrived: true });
  });
});
