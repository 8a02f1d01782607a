/**
 * customerUpdated over GraphQL over Server-Sent Events: the customer at once, then again within
 * 3 s of a change made in Salesforce by anyone or through the gateway; subscribers of one customer
 * share each re-read (counted at the emulator); re-reads spend the role's budget share; a stream
 * that is down is said once and replaced by re-reading at the short TTL; across replicas.
 */
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { TRUSTED_DOCUMENTS } from '../src/http/trusted-documents';
import { testConfig } from './support/config';
import { control, stats } from './support/emulator';
import { changeEventsOrg, until } from './support/change-events';
import { MACHINE_REDIS, testPrefix } from './support/redis';
import { subscribe, type Stream } from './support/sse';

const org = changeEventsOrg();
const LIVE = `subscription Live($id: ID!) { customerUpdated(customerId: $id) { id name cases(first: 10, status: OPEN) { edges { node { id subject } } } } }`;
type Live = { customerUpdated: { id: string; name: string; cases: { edges: { node: { id: string; subject: string } }[] } } };
type Event = Awaited<ReturnType<Stream['next']>>;

/** Reads Salesforce answered (queries, searches, composite requests). */
const reads = async () => {
  const k = (await stats(org.em.url)).byKind;
  return (k.query ?? 0) + (k.search ?? 0) + (k.composite ?? 0);
};
const opened: Stream[] = [];
const follow = async (
  app: App,
  query: string | { documentId: string } = LIVE,
  variables: Record<string, unknown> = { id: org.em.salesforce.fixtures.contacts.ada },
  key = 'demo-frontend-key',
) => {
  const s = await subscribe(app.yoga, query, variables, key);
  opened.push(s);
  org.afterTest(() => s.close());
  return s;
};
const agent = async (app: App, query: string, variables: Record<string, unknown>) => {
  const res = await app.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
};
/** The next event whose customer passes `check` (events in between are answers from before the change). */
async function nextWhere(stream: Stream, check: (c: Live['customerUpdated']) => boolean, ms = 3_000): Promise<Event> {
  const deadline = Date.now() + ms;
  for (;;) {
    const event = await stream.next<Live>(Math.max(1, deadline - Date.now()));
    if (event.data?.customerUpdated && check(event.data.customerUpdated)) return event;
  }
}

beforeEach(() => control(org.em.url, 'POST', 'reset'));

describe('customerUpdated', () => {
  it('sends the customer at once, then a rename and a case opened by another integration within 3 s each', async () => {
    const app = await org.gateway();
    const ada = org.em.salesforce.fixtures.contacts.ada;
    const stream = await follow(app);
    expect(stream.status).toBe(200);
    const first = (await stream.next<Live>(3_000)).data!.customerUpdated;
    expect(first).toMatchObject({ id: ada, name: 'Ada Lovelace' });
    // Another integration, straight through Salesforce's REST API: the gateway is not told.
    const conn = app.connection.conn;
    let started = Date.now();
    await conn.sobject('Contact').update({ Id: ada, FirstName: 'Augusta Ada' });
    await nextWhere(stream, (c) => c.name === 'Augusta Ada Lovelace');
    expect(Date.now() - started).toBeLessThan(3_000);
    started = Date.now();
    const opened = await conn.sobject('Case').create({ ContactId: ada, Subject: 'Opened by the billing system', Status: 'New' });
    const withCase: Event = await nextWhere(stream, (c) => c.cases.edges.some((e) => e.node.subject === 'Opened by the billing system'));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((withCase.data as Live).customerUpdated.cases.edges.map((e) => e.node.id)).toContain((opened as { id: string }).id);
    // Operators see how long after their commit the changes were applied (the freshness objective).
    const metrics = await app.metrics.registry.metrics();
    expect(Number(/^gateway_change_event_lag_seconds_bucket\{le="3"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('sends what the agent changes through the gateway', async () => {
    const app = await org.gateway();
    const ada = org.em.salesforce.fixtures.contacts.ada;
    const stream = await follow(app);
    await stream.next<Live>(3_000);
    const created = await agent(app, 'mutation($i: CreateCaseInput!) { createCase(input: $i) { ... on CreateCaseSuccess { case { id } } } }', {
      i: { customerId: ada, subject: 'Router down', idempotencyKey: `live-${Date.now()}` },
    });
    const id = (created.data!.createCase as { case: { id: string } }).case.id;
    await nextWhere(stream, (c) => c.cases.edges.some((e) => e.node.id === id && e.node.subject === 'Router down'));
  });

  it('ten subscribers of one customer cost the Salesforce reads of one', async () => {
    const app = await org.gateway();
    const ada = org.em.salesforce.fixtures.contacts.ada;
    const conn = app.connection.conn;
    const one = await follow(app);
    await one.next(3_000);
    let before = await reads();
    await conn.sobject('Contact').update({ Id: ada, FirstName: 'Augusta' });
    await nextWhere(one, (c) => c.name === 'Augusta Lovelace');
    const forOne = (await reads()) - before;
    expect(forOne).toBeGreaterThan(0);
    // Nine more join: they get the last answer at once, at no read.
    before = await reads();
    const more = await Promise.all(Array.from({ length: 9 }, () => follow(app)));
    for (const s of more) expect((await s.next<Live>(3_000)).data!.customerUpdated.name).toBe('Augusta Lovelace');
    expect((await reads()) - before).toBe(0);
    before = await reads();
    await conn.sobject('Contact').update({ Id: ada, FirstName: 'Ada' });
    for (const s of [one, ...more]) await nextWhere(s, (c) => c.name === 'Ada Lovelace');
    expect((await reads()) - before).toBe(forOne);
    // Operators see it: ten open, one customer watched, re-reads that sent something.
    const metrics = await app.metrics.registry.metrics();
    expect(metrics).toMatch(/^gateway_subscriptions_open 10$/m);
    expect(metrics).toMatch(/^gateway_live_customers_watched 1$/m);
    expect(metrics).toMatch(/^gateway_live_reads_total\{outcome="sent"\} [1-9]/m);
  });

  it('a change to what the selection does not hold sends nothing, and costs nothing past the re-read', async () => {
    const app = await org.gateway();
    const { ada, grace } = org.em.salesforce.fixtures.contacts as Record<'ada' | 'grace', string>;
    const stream = await follow(app, 'subscription($id: ID!) { customerUpdated(customerId: $id) { name } }');
    await stream.next(3_000);
    const before = await reads();
    // Another customer: no re-read at all.
    await app.connection.conn.sobject('Contact').update({ Id: grace, FirstName: 'Grace B.' });
    // Ada's email (not selected): re-read, but the answer is the same, so nothing is sent.
    await app.connection.conn.sobject('Contact').update({ Id: ada, Email: 'ada@example.org' });
    await until(async () => (await reads()) > before, 3_000, 'the re-read of Ada');
    await app.connection.conn.sobject('Contact').update({ Id: ada, FirstName: 'Augusta' });
    expect((await stream.next<{ customerUpdated: { name: string } }>(3_000)).data!.customerUpdated.name).toBe('Augusta Lovelace');
  });

  it('re-reads at the short TTL an answer holding case comments, of which Salesforce sends no change events', async () => {
    const app = await org.gateway();
    const { adaOpen1 } = org.em.salesforce.fixtures.cases;
    const query =
      'subscription($id: ID!) { customerUpdated(customerId: $id) { cases(first: 5, status: OPEN) { edges { node { id comments(first: 5) { edges { node { body } } } } } } } }';
    const stream = await follow(app, query);
    await stream.next(3_000);
    await app.connection.conn.sobject('CaseComment').create({ ParentId: adaOpen1, CommentBody: 'Added in the console' });
    // The short TTL is 1 s here.
    const event = await stream.next(5_000);
    expect(JSON.stringify(event.data)).toContain('Added in the console');
  });

  it('a re-read that Salesforce fails is sent as its error, and read again at the short TTL once Salesforce answers', async () => {
    const app = await org.gateway();
    const ada = org.em.salesforce.fixtures.contacts.ada;
    const stream = await follow(app, 'subscription($id: ID!) { customerUpdated(customerId: $id) { name } }');
    await stream.next(3_000);
    // Reads fail; the rename (a PATCH) goes through, and its change event starts a re-read.
    await control(org.em.url, 'PUT', 'faults', { errorRate: 1, errorMethod: 'GET' });
    await app.connection.conn.sobject('Contact').update({ Id: ada, FirstName: 'Augusta' });
    const failed = await stream.next(5_000);
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    // Salesforce answers again: within the short TTL (1 s here) the watch reads again by itself.
    await control(org.em.url, 'DELETE', 'faults');
    const renamed = await stream.next<{ customerUpdated: { name: string } }>(5_000);
    expect(renamed.data!.customerUpdated.name).toBe('Augusta Lovelace');
  });

  it('refuses a bad id, ends on a customer that does not exist, and asks for a key (401)', async () => {
    const app = await org.gateway();
    const bad = await follow(app, LIVE, { id: 'not-an-id' });
    expect((await bad.next(3_000)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const missing = await follow(app, LIVE, { id: '003000000000000AAA' });
    expect((await missing.next(3_000)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    await expect(missing.next(3_000)).rejects.toThrow(/ended/);
    const anonymous = await subscribe(app.yoga, LIVE, { id: org.em.salesforce.fixtures.contacts.ada }, null);
    expect(anonymous.status).toBe(401);
    await anonymous.close();
  });

  it('holds a place among the key’s open subscriptions, with agentActivity', async () => {
    const app = await org.gateway({ server: { subscriptionsPerKey: 2 } });
    const a = await follow(app);
    await a.next(3_000);
    const b = await follow(app, 'subscription { agentActivity { kind } }', {});
    // A stream's subscription is made as its first event is asked for, just after its headers.
    await until(() => app.subscriptions.open() === 2, 3_000, 'both subscriptions to be made');
    const third = await follow(app);
    expect((await third.next(3_000)).errors?.[0]?.extensions).toMatchObject({ code: 'SUBSCRIPTION_LIMIT', retryable: true });
    await a.close();
    await until(() => app.subscriptions.open() === 1, 3_000, 'the closed subscription to free its place');
    const again = await follow(app);
    expect((await again.next<Live>(3_000)).data!.customerUpdated.name).toBe('Ada Lovelace');
    await b.close();
  });

  it('re-reads spend the role’s share of the day, and the stream says when it is spent', async () => {
    await control(org.em.url, 'PUT', 'limits', { dailyApiLimit: 1_000, apiRequests: 0 });
    const app = await org.gateway({ budget: { reserveFrom: 0.8, shares: { agent: 1, designer: 0.05, frontend: 0.005 } } });
    const ada = org.em.salesforce.fixtures.contacts.ada;
    const stream = await follow(app);
    await stream.next(3_000);
    let spent: Event | null = null;
    for (let i = 0; i < 10 && !spent; i++) {
      await app.connection.conn.sobject('Contact').update({ Id: ada, FirstName: `Ada ${i}` });
      const event = await stream.next(3_000);
      if (event.errors) spent = event;
    }
    expect(spent?.errors?.[0]?.extensions).toMatchObject({ code: 'BUDGET_EXHAUSTED', retryable: true });
    await expect(stream.next(3_000)).rejects.toThrow(/ended/);
    expect((await app.sharedState.budget.spent(Date.now()))?.frontend).toBeGreaterThanOrEqual(5);
  });

  it('says once that the stream is down, re-reads at the short TTL meanwhile, and says when it is back', async () => {
    const app = await org.gateway();
    const ada = org.em.salesforce.fixtures.contacts.ada;
    const stream = await follow(app, 'subscription($id: ID!) { customerUpdated(customerId: $id) { name } }');
    expect((await stream.next(3_000)).extensions).toBeUndefined();
    org.pubsub.setFaults({ broken: true });
    await until(() => !app.changeEvents!.healthy(), 3_000, 'the stream to be lost');
    const told = await stream.next(3_000);
    expect(told.extensions?.changeEvents).toMatchObject({ code: 'CHANGE_EVENTS_DOWN', refreshEveryMs: 1_000 });
    // Not told again; a change in Salesforce arrives by re-reading (the short TTL is 1 s here).
    await app.connection.conn.sobject('Contact').update({ Id: ada, FirstName: 'Augusta' });
    const renamed = await stream.next<{ customerUpdated: { name: string } }>(3_000);
    expect(renamed.data!.customerUpdated.name).toBe('Augusta Lovelace');
    expect(renamed.extensions).toBeUndefined();
    org.pubsub.setFaults({});
    await until(() => app.changeEvents!.healthy(), 5_000, 'the stream to be back');
    expect((await stream.next(3_000)).extensions?.changeEvents).toMatchObject({ code: 'CHANGE_EVENTS_RESTORED' });
  });

  it('completes at once when the server stops its subscriptions (SIGTERM), freeing every place', async () => {
    const app = await org.gateway();
    const stream = await follow(app);
    await stream.next(3_000);
    await app.subscriptions.end();
    await expect(stream.next(3_000)).rejects.toThrow(/ended/);
    expect(app.subscriptions.open()).toBe(0);
  });

  it('a frontend key follows by the trusted document in production', async () => {
    const config = testConfig(org.em.url, { env: 'production', security: { trustedDocumentsOnly: true } });
    const app = await createApp(config, { logger: pino({ level: 'silent' }), allowHttpInstanceUrl: true });
    org.afterTest(() => app.close());
    const id = [...TRUSTED_DOCUMENTS].find(([, d]) => d.startsWith('subscription CustomerUpdated'))![0];
    const stream = await follow(app, { documentId: `sha256:${id}` }, { customerId: org.em.salesforce.fixtures.contacts.ada });
    expect(stream.status).toBe(200);
    expect((await stream.next<{ customerUpdated: { name: string } }>(3_000)).data!.customerUpdated.name).toBe('Ada Lovelace');
  });
});

describe('across replicas', () => {
  it('a write through one replica reaches a subscriber on another within 3 s, with no stream to tell it', async () => {
    const { prefix, cleanup } = testPrefix();
    org.afterTest(cleanup);
    // No change events, and a short TTL of a minute: only the write's own word can carry it in time.
    const config = testConfig(org.em.url, { sharedState: { redisUrl: MACHINE_REDIS, keyPrefix: prefix }, cache: { ttlMs: 60_000 } });
    const options = { logger: pino({ level: 'silent' }), allowHttpInstanceUrl: true };
    const [one, two] = [await createApp(config, options), await createApp(config, options)];
    org.afterTest(async () => {
      await one.close();
      await two.close();
    });
    const ada = org.em.salesforce.fixtures.contacts.ada;
    const stream = await follow(two);
    expect((await stream.next(3_000)).extensions?.changeEvents).toMatchObject({ code: 'CHANGE_EVENTS_DOWN' });
    const started = Date.now();
    const created = await agent(one, 'mutation($i: CreateCaseInput!) { createCase(input: $i) { ... on CreateCaseSuccess { case { id } } } }', {
      i: { customerId: ada, subject: 'Across replicas', idempotencyKey: `replicas-${Date.now()}` },
    });
    const id = (created.data!.createCase as { case: { id: string } }).case.id;
    await nextWhere(stream, (c) => c.cases.edges.some((e) => e.node.id === id));
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
