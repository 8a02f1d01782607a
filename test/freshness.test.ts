/**
 * True for a day: with change events letting answers live 24 h, every cached answer is what
 * Salesforce would say now, or is marked stale. Each finding tried over HTTP as a person in the
 * console or another integration would make it, straight through the emulator's REST API, with
 * and without enriched change events (docs/operations.md, "What is fresh, and how fast").
 */
import type { Connection } from 'jsforce';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { RunningEmulators, RunningPubSub } from 'salesforce-emulator';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { testConfig, type ConfigOptions } from './support/config';
import { control } from './support/emulator';
import { MACHINE_REDIS, privateRedis, testPrefix } from './support/redis';
import { changeEventsOrg, until } from './support/change-events';

const org = changeEventsOrg();
let em: RunningEmulators;
let pubsub: RunningPubSub;
beforeAll(() => {
  ({ em, pubsub } = org);
});
const cleanups = { push: (c: () => Promise<void>) => org.afterTest(c) };
beforeEach(() => control(em.url, 'POST', 'reset'));

/** A gateway subscribed to change events: the short TTL 1 s, answers kept a day while the stream is healthy. */
const gateway = (options: ConfigOptions = {}, redis = false) =>
  org.gateway({ cache: { ttlMs: 1_000, eventsTtlMs: 86_400_000, staleTtlMs: 86_400_000 }, ...options }, redis);

interface Answer {
  status: number;
  etag: string | null;
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { responseCache?: { hit?: boolean }; stale?: boolean };
}

async function gql(app: App, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await app.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = res.status === 304 ? {} : ((await res.json()) as Omit<Answer, 'status' | 'etag'>);
  return { status: res.status, etag: res.headers.get('etag'), ...body };
}

const LOOKUP = `query Lookup($phone: String!) { customersByPhone(phone: $phone) { outcome matches { customer { id name } } } }`;
const OPEN_CASES = `query Open($id: ID!) { customer(id: $id) { name cases(status: OPEN, first: 10) { edges { node { id status } } } } }`;
const CALLS = `query Calls($id: ID!) { customer(id: $id) { calls(first: 5) { edges { node { salesforceId summary } } } } }`;
const COMMENTS = `query Comments($id: ID!) { case(id: $id) { comments(first: 10) { edges { node { id body } } } } }`;

const calls = async () => (await control<{ apiRequests: number }>(em.url, 'GET', 'stats')).apiRequests;
/** Events the emulator published that the gateway has taken in. */
const caughtUp = (app: App) => until(() => app.changeEvents!.health().events >= pubsub.published() - baseline, 3_000, 'the events to arrive');
let baseline = 0;
beforeEach(() => {
  baseline = pubsub.published();
});

/** Enrichment of Case and Task events with their parents, as an administrator adds it (docs/operations.md). */
async function enrich(conn: Connection) {
  for (const [entity, fields] of [
    ['CaseChangeEvent', ['ContactId', 'AccountId']],
    ['TaskChangeEvent', ['WhoId', 'WhatId']],
    ['ContactChangeEvent', ['AccountId']],
  ] as const) {
    await conn.request({
      method: 'POST',
      url: '/services/data/v62.0/tooling/sobjects/PlatformEventChannelMember',
      body: JSON.stringify({
        FullName: `ChangeEvents_${entity}`,
        Metadata: { eventChannel: 'ChangeEvents', selectedEntity: entity, enrichedFields: fields.map((name) => ({ name })) },
      }),
      headers: { 'Content-Type': 'application/json' },
    });
  }
}

describe.each([
  ['without enrichment', false],
  ['with enriched parents', true],
])('every change anyone makes drops what it touches (%s)', (_name, enriched) => {
  let conn: Connection;
  let app: App;
  beforeEach(async () => {
    app = await gateway();
    conn = app.connection.conn;
    if (enriched) await enrich(conn);
  });

  it('a number given to an existing contact is found at once, though NO_MATCH was cached', async () => {
    const phone = '+14155550777';
    expect((await gql(app, LOOKUP, { phone })).data).toMatchObject({ customersByPhone: { outcome: 'NO_MATCH' } });
    expect((await gql(app, LOOKUP, { phone })).extensions?.responseCache?.hit).toBe(true);
    const grace = em.salesforce.fixtures.contacts.grace;
    await conn.sobject('Contact').update({ Id: grace, HomePhone: '(415) 555-0777' });
    await caughtUp(app);
    const found = await gql(app, LOOKUP, { phone });
    expect(found.extensions?.responseCache?.hit).toBe(false);
    expect(found.data).toMatchObject({ customersByPhone: { outcome: 'UNIQUE_MATCH', matches: [{ customer: { id: grace } }] } });
  });

  it('a case reopened by a person (only Status changes) shows in the open cases at once', async () => {
    const { ada } = em.salesforce.fixtures.contacts;
    const closed = em.salesforce.fixtures.cases.adaClosed;
    const ids = async () =>
      ((await gql(app, OPEN_CASES, { id: ada })).data as { customer: { cases: { edges: { node: { id: string } }[] } } }).customer.cases.edges.map(
        (e) => e.node.id,
      );
    expect(await ids()).not.toContain(closed);
    // Another customer's open cases, cached too: with enrichment the reopen does not touch them.
    const grace = em.salesforce.fixtures.contacts.grace;
    await gql(app, OPEN_CASES, { id: grace });
    await conn.sobject('Case').update({ Id: closed, Status: 'Working' });
    await caughtUp(app);
    expect(await ids()).toContain(closed);
    const other = await gql(app, OPEN_CASES, { id: grace });
    // Without enrichment the gateway cannot know whose case it was: every list of cases goes.
    expect(other.extensions?.responseCache?.hit).toBe(enriched);
  });

  it('two calls logged for two customers in one transaction both show', async () => {
    const { ada, grace } = em.salesforce.fixtures.contacts;
    for (const id of [ada, grace]) await gql(app, CALLS, { id });
    const made = (await conn.request({
      method: 'POST',
      url: '/services/data/v62.0/composite/sobjects',
      body: JSON.stringify({
        allOrNone: true,
        records: [ada, grace].map((who) => ({
          attributes: { type: 'Task' },
          WhoId: who,
          Subject: 'Call from the console',
          TaskSubtype: 'Call',
          Status: 'Completed',
        })),
      }),
      headers: { 'Content-Type': 'application/json' },
    })) as { id: string }[];
    await caughtUp(app);
    for (const [i, id] of [ada, grace].entries()) {
      const shown = ((await gql(app, CALLS, { id })).data as { customer: { calls: { edges: { node: { salesforceId: string } }[] } } }).customer.calls.edges.map(
        (e) => e.node.salesforceId,
      );
      expect(shown).toContain(made[i]!.id);
    }
  });

  it('a deleted customer goes and a restored one comes back', async () => {
    const alan = (em.salesforce.fixtures.contacts as Record<string, string>).alan!;
    const CUSTOMER = `query C($id: ID!) { customer(id: $id) { id name } }`;
    expect((await gql(app, CUSTOMER, { id: alan })).data).toMatchObject({ customer: { id: alan } });
    await conn.sobject('Contact').destroy(alan);
    await caughtUp(app);
    expect((await gql(app, CUSTOMER, { id: alan })).data).toEqual({ customer: null });
    await control(em.url, 'POST', 'undelete', { ids: [alan] });
    await caughtUp(app);
    expect((await gql(app, CUSTOMER, { id: alan })).data).toMatchObject({ customer: { id: alan } });
  });
});

describe('what change events cannot keep fresh', () => {
  it('answers holding case comments (no change events) live the short TTL, even while the stream is healthy', async () => {
    const app = await gateway();
    const caseId = em.salesforce.fixtures.cases.adaOpen1;
    const first = await gql(app, COMMENTS, { id: caseId });
    expect(first.errors).toBeUndefined();
    expect((await gql(app, COMMENTS, { id: caseId })).extensions?.responseCache?.hit).toBe(true);
    await app.connection.conn.sobject('CaseComment').create({ ParentId: caseId, CommentBody: 'Added in the console' });
    // No event comes; the short TTL (1 s) ends it.
    await until(
      async () => JSON.stringify((await gql(app, COMMENTS, { id: caseId })).data).includes('Added in the console'),
      3_000,
      'the comment to show after the short TTL',
    );
  });

  it('a gap event drops everything of its object', async () => {
    const app = await gateway();
    const { ada } = em.salesforce.fixtures.contacts;
    await gql(app, OPEN_CASES, { id: ada });
    pubsub.setFaults({ gap: 'GAP_UPDATE' });
    await app.connection.conn.sobject('Case').update({ Id: em.salesforce.fixtures.cases.adaClosed, Status: 'New' });
    await caughtUp(app);
    pubsub.setFaults({});
    const after = await gql(app, OPEN_CASES, { id: ada });
    expect(after.extensions?.responseCache?.hit).toBe(false);
    expect(JSON.stringify(after.data)).toContain(em.salesforce.fixtures.cases.adaClosed);
  });

  it('a broken stream never serves answers from before it as fresh past the short TTL; with Salesforce down they come marked stale', async () => {
    const app = await gateway({}, true);
    const { ada } = em.salesforce.fixtures.contacts;
    const CUSTOMER = `query C($id: ID!) { customer(id: $id) { name } }`;
    await gql(app, CUSTOMER, { id: ada });
    pubsub.setFaults({ broken: true });
    await until(() => !app.changeEvents!.healthy(), 3_000, 'the stream to be lost');
    await app.connection.conn.sobject('Contact').update({ Id: ada, FirstName: 'Augusta' });
    // Within the short TTL of when it was stored the old answer may stand; after it, never as fresh.
    await until(
      async () => ((await gql(app, CUSTOMER, { id: ada })).data as { customer: { name: string } }).customer.name.startsWith('Augusta'),
      3_000,
      'the rename',
    );
    // Now Salesforce fails too: once the answer just read has lived its short TTL (1 s), the last
    // known answer comes marked stale, and is never served as a fresh hit.
    await control(em.url, 'PUT', 'faults', { errorRate: 1, errorCode: 'SERVER_UNAVAILABLE' });
    let down: Answer | null = null;
    await until(
      async () => {
        down = await gql(app, CUSTOMER, { id: ada });
        return down.extensions?.stale === true;
      },
      3_000,
      'the stale answer',
    );
    expect(down!.extensions?.responseCache?.hit).not.toBe(true);
    expect(down!.extensions?.stale).toBe(true);
  });
});

describe('a bounded footprint', () => {
  it('refuses variables the operation does not declare, before any Salesforce call, and stores nothing for them', async () => {
    const app = await gateway({}, true);
    const before = await calls();
    for (let i = 0; i < 20; i++) {
      const r = await gql(app, `query C($id: ID!) { customer(id: $id) { name } }`, { id: em.salesforce.fixtures.contacts.ada, junk: i });
      expect(r.status).toBe(400);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toContain('$junk');
    }
    expect(await calls()).toBe(before);
    expect(await app.sharedState.responses.size()).toMatchObject({ answers: 0, known: 0 });
  });

  it('keeps at most CACHE_MAX_ENTRIES answers and last known answers in Redis, with their tag sets', async () => {
    const { prefix, cleanup } = testPrefix();
    cleanups.push(cleanup);
    const app = await gateway({
      sharedState: { redisUrl: MACHINE_REDIS, keyPrefix: prefix },
      cache: { ttlMs: 60_000, eventsTtlMs: 86_400_000, staleTtlMs: 86_400_000, maxEntries: 20 },
    });
    for (let i = 0; i < 60; i++) await gql(app, LOOKUP, { phone: `+1415555${String(1000 + i)}` });
    const redis = new Redis(MACHINE_REDIS);
    try {
      const count = async (pattern: string) => {
        let n = 0;
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}${pattern}`, 'COUNT', 1_000);
          n += keys.length;
          cursor = next;
        } while (cursor !== '0');
        return n;
      };
      expect(await count('answer:*')).toBeLessThanOrEqual(20);
      expect(await count('atags:*')).toBeLessThanOrEqual(20);
      expect(await count('known:*')).toBeLessThanOrEqual(20);
      // Phone tags: one per number kept (and the any-phone tag), not one per number ever asked.
      expect(await count('tag:p:*')).toBeLessThanOrEqual(20);
      expect(await redis.scard(`${prefix}tag:p`)).toBeLessThanOrEqual(20);
    } finally {
      redis.disconnect();
    }
  });

  it('refuses to start on a Redis that may evict claims, budget counters or the session', async () => {
    const lru = await privateRedis(['--maxmemory-policy', 'allkeys-lru']);
    cleanups.push(lru.stop);
    const config = testConfig(em.url, { sharedState: { redisUrl: lru.url, keyPrefix: 'sfgw:' } });
    await expect(createApp(config, { logger: pino({ level: 'silent' }) })).rejects.toThrow(/maxmemory-policy is allkeys-lru.*noeviction/);
  });
});

describe('ETags', () => {
  it('answers 304 only to the request whose own current answer carries the ETag', async () => {
    const app = await gateway();
    const { ada, grace } = em.salesforce.fixtures.contacts;
    const CUSTOMER = `query C($id: ID!) { customer(id: $id) { name } }`;
    await gql(app, CUSTOMER, { id: ada });
    const own = await gql(app, CUSTOMER, { id: ada });
    expect(own.etag).toMatch(/^[0-9a-f]{64}$/);
    await gql(app, CUSTOMER, { id: grace });
    expect((await gql(app, CUSTOMER, { id: ada }, { 'if-none-match': own.etag! })).status).toBe(304);
    // Another customer, another role: their own answers in full.
    const other = await gql(app, CUSTOMER, { id: grace }, { 'if-none-match': own.etag! });
    expect(other.status).toBe(200);
    expect(other.data).toMatchObject({ customer: { name: 'Grace Hopper' } });
    expect((await gql(app, CUSTOMER, { id: ada }, { 'if-none-match': own.etag!, authorization: 'Bearer demo-designer-key' })).status).toBe(200);
    // Once the answer changed, its old ETag gets the new answer.
    await app.connection.conn.sobject('Contact').update({ Id: ada, FirstName: 'Augusta' });
    await caughtUp(app);
    const changed = await gql(app, CUSTOMER, { id: ada }, { 'if-none-match': own.etag! });
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(own.etag);
  });
});

describe('role shares of the day', () => {
  it('survive a Redis that lost its keys (restarted without persistence)', async () => {
    const redis = await privateRedis();
    cleanups.push(redis.stop);
    await control(em.url, 'PUT', 'limits', { dailyApiLimit: 1_000, apiRequests: 0 });
    const app = await gateway({
      sharedState: { redisUrl: redis.url, keyPrefix: 'sfgw:' },
      budget: { reserveFrom: 0.8, shares: { agent: 1, designer: 0.05, frontend: 0.01 } },
      cache: { ttlMs: 0, eventsTtlMs: 0, staleTtlMs: 0 },
    });
    const frontend = { authorization: 'Bearer demo-frontend-key' };
    let refused: Answer | null = null;
    for (let i = 0; i < 20 && !refused; i++) {
      const r = await gql(app, LOOKUP, { phone: '+14155550134' }, frontend);
      if (r.status !== 200) refused = r;
    }
    expect(refused?.errors?.[0]?.extensions?.code).toBe('BUDGET_EXHAUSTED');
    const client = new Redis(redis.url);
    await client.flushall();
    client.disconnect();
    // Past the governor's refresh (1 s) it reads the shares again: never back to zero.
    const flushed = Date.now();
    await until(
      async () => {
        const r = await gql(app, LOOKUP, { phone: '+14155550134' }, frontend);
        expect(r.errors?.[0]?.extensions?.code).toBe('BUDGET_EXHAUSTED');
        return Date.now() - flushed > 1_500;
      },
      5_000,
      'the governor to read the shares again',
    );
    // What this process counted went back to Redis: a replica started now sees it too.
    const other = await gateway({
      sharedState: { redisUrl: redis.url, keyPrefix: 'sfgw:' },
      budget: { reserveFrom: 0.8, shares: { agent: 1, designer: 0.05, frontend: 0.01 } },
      cache: { ttlMs: 0, eventsTtlMs: 0, staleTtlMs: 0 },
    });
    expect((await gql(other, LOOKUP, { phone: '+14155550134' }, frontend)).errors?.[0]?.extensions?.code).toBe('BUDGET_EXHAUSTED');
  });
});
