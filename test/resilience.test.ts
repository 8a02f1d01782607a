import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LoginGuard } from '../src/salesforce/connection';
import { graphql } from './__generated__';
import { control } from './support/emulator';
import { startTestGateway, useTestGateway } from './support/gateway';

const unthrottled = {
  agent: { perSecond: 10_000, burst: 10_000 },
  designer: { perSecond: 10_000, burst: 10_000 },
  frontend: { perSecond: 10_000, burst: 10_000 },
};
const gw = useTestGateway({
  api: { limitProbeMs: 500, authCooldownMs: 500 },
  guard: new LoginGuard({ burst: 3, refillMs: 60_000 }),
  // 1,000 requests in a second: far over the demo rate; rate limits have their own tests.
  security: { rateLimits: unthrottled },
  // These tests time the deadline itself with short ones; the floor has its own test (edge.test.ts).
  settings: { clientDeadlineFloorMs: 0 },
});

const Context = graphql(`
  query ResilienceContext($phone: String!) {
    customersByPhone(phone: $phone) {
      outcome
      bestMatch {
        customer {
          name
          cases(first: 5) { edges { node { caseNumber followUps(first: 3) { edges { node { status } } } } } }
        }
      }
    }
  }
`);

const Customer = graphql(`
  query ResilienceCustomer($id: ID!) {
    customer(id: $id) { name }
  }
`);

const Create = graphql(`
  mutation ResilienceCreate($input: CreateCaseInput!) {
    createCase(input: $input) {
      __typename
      ... on CreateCaseSuccess { replayed case { id } }
    }
  }
`);

const faults = (f: Record<string, unknown>) => control(gw.emulators.url, 'PUT', 'faults', f);

describe('fault tests', () => {
  it('1. with 30% of upstream calls answering 503, every read query still succeeds', async () => {
    await faults({ errorRate: 0.3, errorCode: 'SERVER_UNAVAILABLE', seed: 42 });
    for (let i = 0; i < 25; i++) {
      const { data, errors } = await gw.execute(Context, { phone: '+14155550134' });
      expect(errors, `run ${i}`).toBeUndefined();
      expect(data?.customersByPhone?.bestMatch?.customer.name).toBe('Ada Lovelace');
    }
    const stats = await gw.calls();
    // Retries happened: more upstream calls than the 2 per operation without faults (the context
    // is read with the caller in one round trip).
    expect(stats.apiRequests).toBeGreaterThan(25 * 2);
  });

  it('1b. honours Retry-After when it fits in the deadline, and fails fast when it does not', async () => {
    await faults({ failNext: 1, retryAfterSeconds: 1 });
    let started = performance.now();
    const waited = await gw.execute(Customer, { id: gw.ids.contacts.ada });
    expect(waited.data?.customer?.name).toBe('Ada Lovelace');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
    expect((await gw.calls()).apiRequests).toBe(2);
    await faults({ failNext: 1, retryAfterSeconds: 5 });
    started = performance.now();
    const refused = await gw.execute(Customer, { id: gw.ids.contacts.ada });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('2. 50 concurrent requests on an expired session all succeed, with exactly one login', async () => {
    await control(gw.emulators.url, 'POST', 'sessions/expire');
    const results = await Promise.all(Array.from({ length: 50 }, () => gw.execute(Customer, { id: gw.ids.contacts.ada })));
    expect(results.every((r) => r.errors === undefined && r.data?.customer?.name === 'Ada Lovelace')).toBe(true);
    expect((await control<{ logins: number }>(gw.emulators.url, 'GET', 'stats')).logins).toBe(1);
  });

  it('3. when every token is refused, requests fail fast with UPSTREAM_AUTH and logins stay bounded', async () => {
    const local = await startTestGateway({ api: { authCooldownMs: 60_000 }, guard: new LoginGuard({ burst: 3, refillMs: 60_000 }) });
    try {
      await control(local.emulators.url, 'PUT', 'faults', { rejectTokens: true });
      const started = performance.now();
      const results = [];
      for (let i = 0; i < 20; i++) results.push(await local.execute(Customer, { id: local.emulators.salesforce.fixtures.contacts.ada }));
      const elapsed = performance.now() - started;
      for (const r of results) expect(r.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_AUTH', retryable: false });
      const stats = await control<{ logins: number; apiRequests: number }>(local.emulators.url, 'GET', 'stats');
      // One login at start-up, before the fault; the guard allows at most two more in a minute.
      expect(stats.logins - 1).toBeLessThanOrEqual(2);
      // After the first refusal the auth circuit is open: no more calls reach Salesforce.
      expect(stats.apiRequests).toBeLessThanOrEqual(3);
      expect(elapsed).toBeLessThan(5_000);
    } finally {
      await local.close();
    }
  });

  it('4. a createCase whose answer is dropped after commit, then retried, exists exactly once', async () => {
    await faults({ dropResponseAfterCommitRate: 1 });
    const input = { customerId: gw.ids.contacts.ada, subject: 'Dropped then retried', idempotencyKey: 'fault-4' };
    const first = await gw.execute(Create, { input });
    await control(gw.emulators.url, 'DELETE', 'faults');
    const retry = await gw.execute(Create, { input });
    expect(retry.data?.createCase).toMatchObject({ __typename: 'CreateCaseSuccess' });
    if (first.data?.createCase?.__typename === 'CreateCaseSuccess') {
      expect((first.data.createCase as { case: { id: string } }).case.id).toBe((retry.data!.createCase as { case: { id: string } }).case.id);
    }
    expect((await gw.connection.conn.query("SELECT COUNT() FROM Case WHERE Gateway_Request_Key__c = 'demo-agent:fault-4'")).totalSize).toBe(1);
  });

  it('5. with upstream latency above the deadline, the answer comes within deadline + 100 ms with UPSTREAM_TIMEOUT', async () => {
    await faults({ latencyMs: 2_000 });
    const started = performance.now();
    const res = await gw.graphql(`{ customer(id: "${gw.ids.contacts.ada}") { name } searchCustomers(text: "Lovelace") { edges { cursor } } }`, undefined, {
      'x-request-timeout-ms': '300',
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(400);
    expect(res.data).toEqual({ customer: null, searchCustomers: null });
    expect(res.errors?.map((e) => e.extensions)).toEqual([
      { code: 'UPSTREAM_TIMEOUT', retryable: true },
      { code: 'UPSTREAM_TIMEOUT', retryable: true },
    ]);
  });

  it('5b. what resolved before the deadline stands; only the late part is UPSTREAM_TIMEOUT', async () => {
    await faults({ latencyMs: 2_000, latencyStatementContains: 'FROM Tasks' });
    const started = performance.now();
    const res = await gw.graphql(`{ customer(id: "${gw.ids.contacts.ada}") { name followUps(first: 3) { edges { node { id } } } } }`, undefined, {
      'x-request-timeout-ms': '400',
    });
    expect(performance.now() - started).toBeLessThan(500);
    expect(res.data).toEqual({ customer: { name: 'Ada Lovelace', followUps: null } });
    expect(res.errors).toEqual([expect.objectContaining({ path: ['customer', 'followUps'], extensions: { code: 'UPSTREAM_TIMEOUT', retryable: true } })]);
  });

  it('6. after REQUEST_LIMIT_EXCEEDED opens the circuit, at most one upstream call per probe interval', async () => {
    await faults({ errorRate: 1, errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    const first = await gw.execute(Customer, { id: gw.ids.contacts.ada });
    expect(first.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_LIMIT', retryable: true });
    const before = (await gw.calls()).apiRequests;
    const started = performance.now();
    let answered = 0;
    while (performance.now() - started < 1_200) {
      const r = await gw.execute(Customer, { id: gw.ids.contacts.ada });
      expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_LIMIT');
      answered++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const probes = (await gw.calls()).apiRequests - before;
    expect(answered).toBeGreaterThan(20);
    // 1.2 s with a 500 ms probe interval: at most 3 probes.
    expect(probes).toBeLessThanOrEqual(3);
    // Once the org has budget again, a probe closes the circuit.
    await control(gw.emulators.url, 'DELETE', 'faults');
    await new Promise((resolve) => setTimeout(resolve, 550));
    expect((await gw.execute(Customer, { id: gw.ids.contacts.ada })).data?.customer?.name).toBe('Ada Lovelace');
    expect((await gw.execute(Customer, { id: gw.ids.contacts.ada })).errors).toBeUndefined();
  });

  it('7. 1,000 requests against a hanging upstream leave no open sockets or memory behind', async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    const sockets = () => new Promise<number>((resolve) => gw.emulators.server.getConnections((_e, n) => resolve(n)));
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const socketsBefore = await sockets();
    await faults({ latencyMs: 1_000 });
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(
        Array.from({ length: 100 }, () => gw.graphql(`{ customer(id: "${gw.ids.contacts.ada}") { name } }`, undefined, { 'x-request-timeout-ms': '50' })),
      );
      for (const r of results) expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    }
    await control(gw.emulators.url, 'DELETE', 'faults');
    // The emulator finishes its sleeps; aborted sockets are gone, idle keep-alive ones time out.
    const deadline = Date.now() + 8_000;
    let open = await sockets();
    while (open > socketsBefore + 5 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      open = await sockets();
    }
    expect(open).toBeLessThanOrEqual(socketsBefore + 5);
    gc();
    const growth = process.memoryUsage().heapUsed - heapBefore;
    expect(growth).toBeLessThan(30 * 1024 * 1024);
  });
});

describe('operators', () => {
  it('/ready makes one Salesforce call (reused for 30 s) and reports API usage and the circuits', async () => {
    // A gateway and emulator of its own: calls the test above left sleeping in the shared emulator
    // (latency faults) finish, and are counted, whenever they finish.
    const own = await startTestGateway();
    onTestFinished(() => own.close());
    const calls = async () => (await control<{ apiRequests: number }>(own.emulators.url, 'GET', 'stats')).apiRequests;
    await own.execute(Customer, { id: own.emulators.salesforce.fixtures.contacts.ada });
    // The detail (usage, circuits) is for operators with a key.
    const res = await own.yoga.fetch('http://gateway.test/ready', { headers: { authorization: 'Bearer demo-designer-key' } });
    expect(res.status).toBe(200);
    const apiRequests = await calls();
    expect(await res.json()).toEqual({
      status: 'ready',
      salesforce: {
        apiUsage: { used: apiRequests, limit: 100_000 },
        dailyApiRequests: { used: apiRequests, limit: 100_000 },
        limitCircuit: 'closed',
        authCircuit: 'closed',
        outageCircuit: 'closed',
      },
      sharedState: { kind: 'memory', available: true },
      budget: expect.objectContaining({ reserveFrom: 0.8, refusing: [] }),
      changeEvents: { state: 'off', healthy: false, cacheTtl: 'short' },
      metadata: expect.objectContaining({ failing: [] }),
    });
    // Probes every few seconds do not spend the org's API budget; without a key, no detail.
    const anonymous = await own.yoga.fetch('http://gateway.test/ready');
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: 'ready' });
    expect(await calls()).toBe(apiRequests);
  });

  it('/ready answers 503 when Salesforce is down', async () => {
    const fresh = await startTestGateway();
    await control(fresh.emulators.url, 'PUT', 'faults', { errorRate: 1 });
    try {
      const res = await fresh.yoga.fetch('http://gateway.test/ready');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable' });
      // A failed check is reused too: a probe storm against a dead org makes no more calls.
      const after = (await control<{ apiRequests: number }>(fresh.emulators.url, 'GET', 'stats')).apiRequests;
      for (let i = 0; i < 5; i++) expect((await fresh.yoga.fetch('http://gateway.test/ready')).status).toBe(503);
      expect((await control<{ apiRequests: number }>(fresh.emulators.url, 'GET', 'stats')).apiRequests).toBe(after);
    } finally {
      await fresh.close();
    }
  });

  it('logs each operation with its request id and the API usage', async () => {
    const lines: string[] = [];
    const { pino } = await import('pino');
    const logged = await startTestGateway({ logger: pino({ level: 'info' }, { write: (l: string) => lines.push(l) }) });
    try {
      await logged.graphql(`query Named { customer(id: "${logged.emulators.salesforce.fixtures.contacts.ada}") { name } }`, undefined, {
        'x-request-id': 'req-123',
      });
      const entry = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'graphql operation');
      // Salesforce's own count, as its Sforce-Limit-Info header gave it: start-up's describes
      // (Contact, Case, Task) and this read.
      const used = (await control<{ apiRequests: number }>(logged.emulators.url, 'GET', 'stats')).apiRequests;
      expect(entry).toMatchObject({ requestId: 'req-123', operation: 'Named', errors: 0, salesforceCalls: 1, apiUsage: { used, limit: 100_000 } });
      expect(used).toBe(4);
    } finally {
      await logged.close();
    }
  });
});

describe('outage budget', () => {
  it('bounds the calls of a request, then fails fast with 0 calls until a probe succeeds', async () => {
    // A probe interval well above the time 100 in-process requests take, even on a busy machine.
    const outage = await startTestGateway({ settings: { outageFailures: 3, outageProbeMs: 2_000, retriesPerRequest: 3 } });
    try {
      const stats = () => control<{ apiRequests: number }>(outage.emulators.url, 'GET', 'stats');
      const atStart = (await stats()).apiRequests;
      await control(outage.emulators.url, 'PUT', 'faults', { errorRate: 1 });
      const lookup = `{ customersByPhone(phone: "+14155550134") { outcome } }`;
      // The first lookup: its two arms and the request's retry budget of 3, no more.
      const first = await outage.graphql(lookup);
      expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
      expect((await stats()).apiRequests - atStart).toBeLessThanOrEqual(5);
      // A second failing lookup opens the breaker (3 failed calls in a row).
      await outage.graphql(lookup);
      const open = (await stats()).apiRequests;
      for (let i = 0; i < 100; i++) {
        const r = await outage.graphql(lookup);
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
      }
      // 100 requests while open: at most the probes of the interval got through.
      expect((await stats()).apiRequests - open).toBeLessThanOrEqual(2);
      // Salesforce recovers: within a probe interval or two, reads succeed again.
      await control(outage.emulators.url, 'DELETE', 'faults');
      let recovered = false;
      for (let i = 0; i < 60 && !recovered; i++) {
        recovered = (await outage.graphql(lookup)).errors === undefined;
        if (!recovered) await new Promise((r) => setTimeout(r, 100));
      }
      expect(recovered).toBe(true);
    } finally {
      await outage.close();
    }
  });
});
