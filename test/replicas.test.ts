/**
 * Two gateway replicas, one Redis and the emulator, over HTTP: one
 * login for both, one case and one SMS per key whichever replica gets the calls, a write through
 * one seen by the other's next cached read, rate limits summed across replicas, and a Redis outage
 * that keeps reads and refuses writes rather than doubling them.
 */
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulators } from 'salesforce-emulator';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { control, startTestEmulator } from './support/emulator';
import { testConfig, type ConfigOptions } from './support/config';
import { MACHINE_REDIS, privateRedis, testPrefix } from './support/redis';

let em: RunningEmulators;
beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());

const logger = pino({ level: 'silent' });
const opened: App[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await control(em.url, 'POST', 'reset');
});

/** Two replicas sharing the machine's Redis under a prefix of this test's own. */
async function replicas(options: ConfigOptions = {}, url = MACHINE_REDIS): Promise<[App, App]> {
  const { prefix, cleanup } = testPrefix(url);
  cleanups.push(cleanup);
  const config = testConfig(em.url, { ...options, sharedState: { redisUrl: url, keyPrefix: prefix } });
  const a = await createApp(config, { logger });
  const b = await createApp(config, { logger });
  opened.push(a, b);
  return [a, b];
}

async function gql(app: App, query: string, variables: Record<string, unknown> = {}, key = 'demo-agent-key') {
  const res = await app.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  // Untyped on purpose: each test reads the few fields it asked for.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Loose = any;
  return {
    status: res.status,
    body: (await res.json()) as {
      data?: Record<string, Loose> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
      extensions?: Record<string, Loose>;
    },
  };
}

const stats = () => control<{ apiRequests: number; logins: number }>(em.url, 'GET', 'stats');
const CREATE =
  'mutation($input: CreateCaseInput!) { createCase(input: $input) { __typename ... on CreateCaseSuccess { replayed case { id } } ... on IdempotencyConflictError { reason } } }';
const SEND =
  'mutation($input: SendFollowUpInput!) { sendFollowUp(input: $input) { __typename ... on SendFollowUpSuccess { replayed } ... on IdempotencyConflictError { reason } } }';

describe('two replicas on one Redis', () => {
  it('log in once between them, even when 50 requests meet an expired session', async () => {
    const [a, b] = await replicas();
    expect((await stats()).logins).toBeGreaterThan(0);
    await control(em.url, 'POST', 'reset');
    await control(em.url, 'POST', 'sessions/expire');
    const ada = em.salesforce.fixtures.contacts.ada;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => gql(i % 2 ? a : b, `{ customer(id: "${ada}") { name } }`)));
    for (const r of results) expect(r.body.errors).toBeUndefined();
    expect((await stats()).logins).toBe(1);
  });

  it('create one case for 20 concurrent calls with one key, spread over both', async () => {
    const [a, b] = await replicas();
    const input = { customerId: em.salesforce.fixtures.contacts.ada, subject: 'Replicas', idempotencyKey: 'replica-case-1' };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => gql(i % 2 ? a : b, CREATE, { input })));
    const kinds = results.map((r) => r.body.data?.createCase?.__typename ?? r.body.errors?.[0]?.extensions?.code);
    expect(kinds.filter((k) => k === 'CreateCaseSuccess').length).toBeGreaterThan(0);
    const cases = await a.sf.withDeadline(Date.now() + 5_000).query<{ Id: string }>("SELECT Id FROM Case WHERE Subject = 'Replicas'");
    expect(cases.totalSize).toBe(1);
  });

  it('send one SMS for one key across both, when the answer to the intent write is lost', async () => {
    const [a, b] = await replicas();
    await control(em.url, 'PUT', 'faults', { dropResponseAfterCommitRate: 1 });
    const input = { customerId: em.salesforce.fixtures.contacts.ada, channel: 'SMS', body: 'Once only', idempotencyKey: 'replica-sms-1' };
    await Promise.all(Array.from({ length: 10 }, (_, i) => gql(i % 2 ? a : b, SEND, { input })));
    await control(em.url, 'DELETE', 'faults');
    // Retries after the fault, on both, still send nothing more.
    await Promise.all([gql(a, SEND, { input }), gql(b, SEND, { input })]);
    const { messages } = await control<{ messages: { channel: string; body: string }[] }>(em.url, 'GET', 'outbox');
    expect(messages.filter((m) => m.body === 'Once only')).toHaveLength(1);
  });

  it('show a case created through one replica in the other’s next cached read', async () => {
    const [a, b] = await replicas({ cache: { ttlMs: 60_000 } });
    const ada = em.salesforce.fixtures.contacts.ada;
    const context = `{ customer(id: "${ada}") { id cases(status: OPEN, first: 10) { edges { node { subject } } } } }`;
    const first = await gql(b, context);
    expect(first.body.extensions?.responseCache).toMatchObject({ hit: false });
    const again = await gql(b, context);
    expect(again.body.extensions?.responseCache).toMatchObject({ hit: true });
    const before = await stats();
    // A hit costs no Salesforce call, and the other replica shares it.
    const onA = await gql(a, context);
    expect(onA.body.extensions?.responseCache).toMatchObject({ hit: true });
    expect((await stats()).apiRequests).toBe(before.apiRequests);
    const created = await gql(a, CREATE, { input: { customerId: ada, subject: 'Seen by B', idempotencyKey: 'replica-cache-1' } });
    expect(created.body.data?.createCase?.__typename).toBe('CreateCaseSuccess');
    const after = await gql(b, context);
    expect(after.body.extensions?.responseCache).toMatchObject({ hit: false });
    expect(after.body.data?.customer.cases.edges.map((e: { node: { subject: string } }) => e.node.subject)).toContain('Seen by B');
  });

  it('never cache an error or a partial answer, and keep roles apart', async () => {
    const [a] = await replicas({ cache: { ttlMs: 60_000 } });
    const ada = em.salesforce.fixtures.contacts.ada;
    await control(em.url, 'PUT', 'faults', { errorRate: 1 });
    const failed = await gql(a, `{ customer(id: "${ada}") { name } }`);
    expect(failed.body.errors?.length).toBeGreaterThan(0);
    await control(em.url, 'DELETE', 'faults');
    const retried = await gql(a, `{ customer(id: "${ada}") { name } }`);
    expect(retried.body.data?.customer).toEqual({ name: 'Ada Lovelace' });
    expect(retried.body.extensions?.responseCache).toMatchObject({ hit: false });
    // The agent's cached answer is not the designer's.
    const designer = await gql(a, `{ customer(id: "${ada}") { name } }`, {}, 'demo-designer-key');
    expect(designer.body.extensions?.responseCache).toMatchObject({ hit: false });
  });

  it('hold a key’s rate limit for the sum of both', async () => {
    const limits = loadConfig({}).security.rateLimits;
    const [a, b] = await replicas({ security: { rateLimits: { ...limits, frontend: { perSecond: 0.2, burst: 12 } } } });
    const before = (await stats()).apiRequests;
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++)
      statuses.push((await gql(i % 2 ? a : b, `{ customersByPhone(phone: "+1415555013${i % 10}") { totalCount } }`, {}, 'demo-frontend-key')).status);
    // Priced 3 each: 4 requests fit the 12 points; the other 12 are refused, whichever replica.
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect((await stats()).apiRequests - before).toBeLessThanOrEqual(12);
  });
});

describe('when Redis stops mid-run', () => {
  it('keeps reads, refuses writes retryably, and doubles nothing', async () => {
    const redis = await privateRedis();
    try {
      const [a, b] = await replicas({}, redis.url);
      const ada = em.salesforce.fixtures.contacts.ada;
      const input = { customerId: ada, subject: 'Before the outage', idempotencyKey: 'outage-1' };
      expect((await gql(a, CREATE, { input })).body.data?.createCase?.__typename).toBe('CreateCaseSuccess');
      await redis.stop();
      // Reads go on, a caller identified too: its activity cannot reach Redis, and is let go.
      for (const app of [a, b]) expect((await gql(app, `{ customer(id: "${ada}") { name } }`)).body.data?.customer).toEqual({ name: 'Ada Lovelace' });
      const lookup = await gql(a, `{ customersByPhone(phone: "+14155550134") { outcome bestMatch { customer { id name } } } }`);
      expect(lookup.body.data?.customersByPhone).toMatchObject({ outcome: 'UNIQUE_MATCH' });
      // A publish that failed would surface as an unhandled rejection, which fails the run.
      await new Promise((r) => setTimeout(r, 200));
      // Writes are refused, retryably, and write nothing.
      const refused = await gql(b, CREATE, { input: { ...input, subject: 'During the outage', idempotencyKey: 'outage-2' } });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'STATE_UNAVAILABLE', retryable: true });
      const replay = await gql(b, CREATE, { input });
      expect(replay.body.errors?.[0]?.extensions).toMatchObject({ code: 'STATE_UNAVAILABLE', retryable: true });
      const cases = await a.sf
        .withDeadline(Date.now() + 5_000)
        .query<{ Subject: string }>("SELECT Subject FROM Case WHERE Subject IN ('Before the outage', 'During the outage')");
      expect(cases.records.map((r) => r.Subject)).toEqual(['Before the outage']);
      // /ready says so.
      const ready = await a.yoga.fetch('http://gateway.test/ready', { headers: { authorization: 'Bearer demo-designer-key' } });
      expect(await ready.json()).toMatchObject({ status: 'degraded', sharedState: { kind: 'redis', available: false } });
    } finally {
      await redis.stop();
    }
  });
});
