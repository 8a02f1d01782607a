import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulators } from 'salesforce-emulator';
import { createSalesforceApi } from '../src/salesforce/client';
import { SalesforceError } from '../src/salesforce/errors';
import { createSalesforceConnection, LoginGuard } from '../src/salesforce/connection';
import { control, startTestEmulator, stats } from './support/emulator';
import { demoCredentials } from './support/gateway';
import { memorySessionStore } from '../src/shared-state/session';

let em: RunningEmulators;
beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());
beforeEach(() => control(em.url, 'POST', 'reset'));

describe('the shared Salesforce connection', () => {
  it.each(['password', 'client_credentials', 'jwt'] as const)('logs in with the %s flow and pins the API version', async (flow) => {
    const connection = createSalesforceConnection({ session: memorySessionStore(), apiVersion: '62.0', credentials: demoCredentials(em.url, flow) });
    await connection.login();
    const sf = createSalesforceApi(connection);
    const result = await sf.query<{ Name: string }>("SELECT Name FROM Contact WHERE LastName = 'Lovelace'");
    expect(result.records.map((r) => r.Name)).toEqual(['Ada Lovelace']);
    const { requests } = await control<{ requests: { path: string }[] }>(em.url, 'GET', 'requests');
    expect(requests.at(-1)!.path).toBe('/services/data/v62.0/query');
    expect(connection.logins).toBe(1);
  });

  it('re-logs in exactly once when the session expires under 50 concurrent calls', async () => {
    const connection = createSalesforceConnection({ session: memorySessionStore(), apiVersion: '62.0', credentials: demoCredentials(em.url) });
    await connection.login();
    const sf = createSalesforceApi(connection);
    await control(em.url, 'POST', 'sessions/expire');
    const before = (await stats(em.url)).logins;
    const results = await Promise.all(Array.from({ length: 50 }, () => sf.query('SELECT Id FROM Account LIMIT 1')));
    expect(results.every((r) => r.totalSize === 1)).toBe(true);
    expect((await stats(em.url)).logins - before).toBe(1);
  });

  it('stops re-logging in when every token is refused, and fails with an auth error', async () => {
    const connection = createSalesforceConnection({
      session: memorySessionStore(),
      apiVersion: '62.0',
      credentials: demoCredentials(em.url),
      guard: new LoginGuard({ burst: 3, refillMs: 60_000 }),
    });
    await connection.login();
    const sf = createSalesforceApi(connection);
    await control(em.url, 'PUT', 'faults', { rejectTokens: true });
    const before = (await stats(em.url)).logins;
    for (let i = 0; i < 5; i++) {
      const e = await sf.query('SELECT Id FROM Account LIMIT 1').then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(SalesforceError);
      expect((e as SalesforceError).kind).toBe('auth');
    }
    // The first login was spent at start-up; the guard allows two more, then refuses.
    expect((await stats(em.url)).logins - before).toBe(2);
  });

  it('reports a refused login without echoing credentials', async () => {
    const credentials = demoCredentials(em.url, 'password', { password: 'canary-password-123' });
    const connection = createSalesforceConnection({ session: memorySessionStore(), apiVersion: '62.0', credentials });
    const e = (await connection.login().catch((err: unknown) => err)) as Error;
    expect(e.message).toMatch(
      /^Salesforce refused the login \(invalid_grant\): the user or its credentials were refused: check SALESFORCE_USERNAME and SALESFORCE_PASSWORD/,
    );
    expect(JSON.stringify({ ...e, message: e.message, stack: e.stack })).not.toContain('canary-password-123');
  });
});
