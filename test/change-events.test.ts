/**
 * Fresh by events, answering through outages: the gateway subscribed to the
 * emulator's Change Data Capture over the Pub/Sub API, tried over HTTP as a person editing records
 * straight through Salesforce's REST API would, and through Salesforce outages.
 */
import net from 'node:net';
import type { Connection } from 'jsforce';
import { pino } from 'pino';
import { startPubSub, type RunningEmulators } from 'salesforce-emulator';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { testConfig, type ConfigOptions } from './support/config';
import { control } from './support/emulator';
import { testPrefix } from './support/redis';
import { changeEventsOrg, until } from './support/change-events';

const org = changeEventsOrg();
let em: RunningEmulators;
let conn: Connection;
beforeAll(() => {
  ({ em } = org);
});
const cleanups = { push: (c: () => Promise<void>) => org.afterTest(c) };

/** A gateway subscribed to the emulator's change events; the short TTL is 1 s, the events TTL an hour. */
async function gateway(options: ConfigOptions = {}, prefix?: string): Promise<App> {
  const app = await org.gateway(options, prefix ?? false);
  conn ??= app.connection.conn;
  return app;
}

const CONTEXT = `query Context($id: ID!) { customer(id: $id) { name cases(first: 10, status: OPEN) { edges { node { id subject status } } } } }`;

async function read(app: App, id: string) {
  const res = await app.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
    body: JSON.stringify({ query: CONTEXT, variables: { id } }),
  });
  return (await res.json()) as {
    data?: { customer: { name: string; cases: { edges: { node: { id: string; subject: string; status: string } }[] } } | null };
    errors?: { extensions?: { code?: string } }[];
    extensions?: { responseCache?: { hit?: boolean }; stale?: boolean; asOf?: string };
  };
}

const calls = async () => (await control<{ apiRequests: number }>(em.url, 'GET', 'stats')).apiRequests;

describe('fresh by events', () => {
  beforeEach(() => control(em.url, 'POST', 'reset'));

  it('shows a rename, a closed case and a new case made straight through Salesforce within 3 s', async () => {
    const app = await gateway();
    const ada = em.salesforce.fixtures.contacts.ada;
    const first = await read(app, ada);
    expect((await read(app, ada)).extensions?.responseCache?.hit).toBe(true);
    const open = first.data!.customer!.cases.edges.map((e) => e.node.id);
    const toClose = open[0]!;
    // Another integration, or a person in the console: the gateway is not told.
    await conn.sobject('Contact').update({ Id: ada, FirstName: 'Augusta Ada' });
    await conn.sobject('Case').update({ Id: toClose, Status: 'Closed' });
    const created = (await conn.sobject('Case').create({ Subject: 'Opened by another integration', Status: 'New', Origin: 'Web', ContactId: ada })) as {
      id: string;
    };
    const started = Date.now();
    await until(
      async () => {
        const c = (await read(app, ada)).data!.customer!;
        const ids = c.cases.edges.map((e) => e.node.id);
        return c.name === 'Augusta Ada Lovelace' && !ids.includes(toClose) && ids.includes(created.id);
      },
      3_000,
      'the changes to show',
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    const metrics = await (await app.yoga.fetch('http://gateway.test/metrics')).text();
    expect(metrics).toMatch(/gateway_change_events_total\{object="Contact",change_type="UPDATE"\} [1-9]/);
    expect(metrics).toMatch(/gateway_cache_invalidations_total\{source="event"\} [1-9]/);
    expect(metrics).toMatch(/gateway_change_events_state\{state="connected"\} 1/);
  });

  it('with nothing changed, repeated reads cost no Salesforce call, well past the short TTL', async () => {
    const app = await gateway();
    const ada = em.salesforce.fixtures.contacts.ada;
    await read(app, ada);
    const before = await calls();
    const started = Date.now();
    // Three times the short TTL (1 s): only the events TTL keeps these answers.
    while (Date.now() - started < 3_000) {
      expect((await read(app, ada)).extensions?.responseCache?.hit).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await calls()) - before).toBe(0);
  });

  it('with the stream broken, falls back to the short TTL and /ready says so, then recovers', async () => {
    // A Pub/Sub server of its own, so that breaking it touches no other test's streams.
    const own = await startPubSub(em.salesforce, { keepaliveMs: 200 });
    cleanups.push(() => own.close());
    const app = await gateway({ changeEvents: { endpoint: own.endpoint, verifyTls: false } });
    const ada = em.salesforce.fixtures.contacts.ada;
    own.setFaults({ broken: true });
    await until(() => !app.changeEvents!.healthy(), 3_000, 'the subscription to be unhealthy');
    const ready = (await (await app.yoga.fetch('http://gateway.test/ready', { headers: { authorization: 'Bearer demo-agent-key' } })).json()) as {
      changeEvents: { healthy: boolean; cacheTtl: string };
    };
    expect(ready.changeEvents).toMatchObject({ healthy: false, cacheTtl: 'short (no change events)' });
    await read(app, ada);
    const before = await calls();
    // Past the short TTL, the answer is read again.
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await read(app, ada)).extensions?.responseCache?.hit).toBe(false);
    expect((await calls()) - before).toBeGreaterThan(0);
    own.setFaults({});
    await until(() => app.changeEvents!.healthy(), 5_000, 'the subscription to reconnect');
  });

  it('two replicas on one Redis: a change reaches both', async () => {
    const { prefix, cleanup } = testPrefix();
    cleanups.push(cleanup);
    const a = await gateway({}, prefix);
    const b = await gateway({}, prefix);
    const grace = em.salesforce.fixtures.contacts.grace;
    await read(a, grace);
    expect((await read(b, grace)).extensions?.responseCache?.hit).toBe(true);
    await conn.sobject('Contact').update({ Id: grace, LastName: 'Murray Hopper' });
    for (const app of [a, b]) {
      await until(async () => (await read(app, grace)).data!.customer!.name === 'Grace Murray Hopper', 3_000, 'the rename on each replica');
    }
  });

  it('a gateway stopped while changes were made serves none of the old answers after it restarts', async () => {
    const { prefix, cleanup } = testPrefix();
    cleanups.push(cleanup);
    const first = await gateway({}, prefix);
    const alan = em.salesforce.fixtures.contacts.alan;
    await read(first, alan);
    // Stopped: the replay id it got to stays in Redis, with the cached answer.
    await first.close();
    org.closedByTest(first);
    await conn.sobject('Contact').update({ Id: alan, LastName: 'Turing (restarted)' });
    const second = await gateway({}, prefix);
    await until(async () => (await read(second, alan)).data!.customer!.name === 'Alan Turing (restarted)', 3_000, 'the missed change after the restart');
  });
});

describe('stopping', () => {
  it('a gateway stopped while its subscription is still connecting exits cleanly (no stray stream error)', async () => {
    // A Pub/Sub server of its own, closed (ending its streams with OK) before the relay below.
    const own = await startPubSub(em.salesforce, { keepaliveMs: 200 });
    cleanups.push(() => own.close());
    // A TCP relay that holds the gateway's connection until told: the subscribe call waits on a
    // channel that is not ready yet, as at a SIGTERM just after start.
    const relay = net.createServer();
    let release: (() => void) | null = null;
    const connected = new Promise<void>((seen) =>
      relay.on('connection', (inbound) => {
        release = () => {
          const outbound = net.connect(own.port, '127.0.0.1');
          inbound.pipe(outbound).pipe(inbound);
          for (const s of [inbound, outbound]) s.on('error', () => undefined).on('close', () => (inbound.destroy(), outbound.destroy()));
        };
        seen();
      }),
    );
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => relay.close(() => r())));
    const stray: unknown[] = [];
    const onStray = (e: unknown) => void stray.push(e);
    process.on('uncaughtException', onStray);
    cleanups.push(async () => void process.off('uncaughtException', onStray));

    const endpoint = `127.0.0.1:${(relay.address() as net.AddressInfo).port}`;
    const app = await createApp(testConfig(em.url, { changeEvents: { endpoint, verifyTls: false } }), { logger: pino({ level: 'silent' }) });
    await connected;
    const closing = app.close();
    // The channel can become ready only after the stop has begun.
    await new Promise((r) => setImmediate(r));
    release!();
    await closing;
    expect(app.changeEvents!.health().state).toBe('stopped');
    // Had stop() closed the client, the closed channel would fail the queued call at once, from
    // an emitter with no listener: it would be here by the next turns of the event loop.
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(stray).toEqual([]);
  });
});

describe('stale if Salesforce fails', () => {
  beforeEach(() => control(em.url, 'POST', 'reset'));

  it('answers a known caller at once, marked stale, when Salesforce fails; an unknown one gets UPSTREAM_UNAVAILABLE; then fresh again', async () => {
    const app = await gateway();
    const ada = em.salesforce.fixtures.contacts.ada;
    expect((await read(app, ada)).data!.customer!.name).toBe('Ada Lovelace');
    // A change drops the cached answer (the event is counted before anything reads again); then
    // Salesforce fails every call.
    const seen = app.changeEvents!.health().events;
    await conn.sobject('Contact').update({ Id: ada, FirstName: 'Augusta Ada' });
    await until(() => app.changeEvents!.health().events > seen, 3_000, 'the change event');
    await control(em.url, 'PUT', 'faults', { errorRate: 1 });
    const started = performance.now();
    const stale = await read(app, ada);
    expect(performance.now() - started).toBeLessThan(500);
    expect(stale.errors).toBeUndefined();
    expect(stale.data!.customer!.name).toBe('Ada Lovelace');
    expect(stale.extensions).toMatchObject({ stale: true, asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    const unknown = await read(app, em.salesforce.fixtures.contacts.joan);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    await control(em.url, 'DELETE', 'faults');
    const fresh = await read(app, ada);
    expect(fresh.errors).toBeUndefined();
    expect(fresh.extensions?.stale).toBeUndefined();
    expect(fresh.data!.customer!.name).toBe('Augusta Ada Lovelace');
  });
});
