/** Test helpers for the emulator: start it on port 0 and log jsforce in with the demo org. */
import jsforce, { type Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { SeedFixtures } from '../../src/emulator/salesforce/seed';
import { DEMO_CREDENTIALS, startEmulators, type EmulatorOptions, type RunningEmulators } from '../../src/emulator/index';

export const API_VERSION = '62.0';

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  return startEmulators({ port: 0, host: '127.0.0.1', ...options });
}

/** A jsforce connection logged in with the password grant, as the PolyAI setup doc prescribes. */
export async function passwordLogin(url: string): Promise<Connection> {
  const conn = new jsforce.Connection({
    oauth2: { clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret, loginUrl: url },
    version: API_VERSION,
  });
  await conn.login(DEMO_CREDENTIALS.username, DEMO_CREDENTIALS.password + DEMO_CREDENTIALS.securityToken);
  return conn;
}

/** The control API, as a test or benchmark would call it. */
export async function control<T = unknown>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/__emulator/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Stats {
  apiRequests: number;
  logins: number;
  byKind: Record<string, number>;
  smsRequests: number;
}

export const stats = (url: string) => control<Stats>(url, 'GET', 'stats');

/** Runs `fn` and expects it to reject; returns the error. */
export async function rejection(fn: () => Promise<unknown>): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await fn();
  } catch (e) {
    return e as Error & { errorCode?: string };
  }
  throw new Error('expected a rejection');
}

export interface TestOrg {
  em: RunningEmulators;
  conn: Connection;
  ids: SeedFixtures;
}

/**
 * One emulator per test file, a jsforce connection logged in to it, the fixture Ids, and a reset
 * before each test. Read the fields inside tests (they are filled in by beforeAll).
 */
export function useTestOrg(options: EmulatorOptions = {}): TestOrg {
  const org = {} as TestOrg;
  beforeAll(async () => {
    org.em = await startTestEmulator(options);
    org.conn = await passwordLogin(org.em.url);
    org.ids = await control(org.em.url, 'GET', 'fixtures');
  });
  afterAll(() => org.em.close());
  beforeEach(() => control(org.em.url, 'POST', 'reset'));
  return org;
}
