/** Test helpers for the emulator: start it on port 0 and log jsforce in with the demo org. */
import { createSign } from 'node:crypto';
import jsforce, { type Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DEMO_CREDENTIALS, control, startEmulators, type EmulatorOptions, type RunningEmulators, type SeedFixtures } from '../src/index';

export { control, stats } from '../src/index';

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

export interface JwtClaims {
  clientId: string;
  username: string;
  audience: string;
  privateKey: string;
}

/** An RS256 JWT bearer assertion as a client signs it (iss, sub, aud, exp 3 minutes ahead). */
export function signAssertion(c: JwtClaims, nowMs: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: c.clientId, sub: c.username, aud: c.audience, exp: Math.floor(nowMs / 1000) + 180 })}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(c.privateKey, 'base64url')}`;
}
