/**
 * Security, the edge holds: each finding of the review reproduced over HTTP, and shown
 * to fail now. Items that depend on the production configuration run on it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { RunningEmulators } from 'salesforce-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { createHttpServer } from '../src/http/server';
import { TRUSTED_DOCUMENTS } from '../src/http/trusted-documents';
import { testConfig, type ConfigOptions } from './support/config';
import { control, startTestEmulator } from './support/emulator';
import { startTestGateway, type GraphQLErrorBody, type TestGateway } from './support/gateway';
import { MACHINE_REDIS, testPrefix } from './support/redis';

const LOOKUP = `query CallerLookup($phone: String!) { customersByPhone(phone: $phone) { outcome bestMatch { customer { name } } } }`;
const ADA = '+14155550134';

async function withGateway<T>(options: Parameters<typeof startTestGateway>[0], run: (gw: TestGateway) => Promise<T>): Promise<T> {
  const gw = await startTestGateway(options);
  try {
    return await run(gw);
  } finally {
    await gw.close();
  }
}

describe('1. a caller’s own deadline never counts against Salesforce’s health', () => {
  it('1 ms deadlines from frontend keys do not open the outage breaker for the agent', async () => {
    await withGateway({ settings: { outageFailures: 3, outageProbeMs: 60_000 } }, async (gw) => {
      // Salesforce is slow but healthy: 1.2 s an answer, inside the gateway's 2.5 s budget and
      // beyond the attacker's floored 0.5 s deadline.
      await control(gw.emulators.url, 'PUT', 'faults', { latencyMs: 1_200 });
      const attacks = await Promise.all(
        Array.from({ length: 8 }, () => gw.graphql(LOOKUP, { phone: ADA }, { authorization: 'Bearer demo-frontend-key', 'x-request-timeout-ms': '1' })),
      );
      for (const a of attacks) expect(a.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
      expect(gw.sf.health().outageCircuit).toBe('closed');
      // The agent, with the gateway's own deadline, is answered.
      const agent = await gw.graphql(LOOKUP, { phone: ADA });
      expect(agent.errors).toBeUndefined();
      expect(agent.data).toMatchObject({ customersByPhone: { outcome: 'UNIQUE_MATCH' } });
    });
  });

  it('a deadline below the floor is raised to it: a 150 ms answer comes back to a 1 ms ask', async () => {
    await withGateway({}, async (gw) => {
      await control(gw.emulators.url, 'PUT', 'faults', { latencyMs: 150 });
      const res = await gw.graphql(LOOKUP, { phone: ADA }, { 'x-request-timeout-ms': '1' });
      expect(res.errors).toBeUndefined();
      expect(res.data).toMatchObject({ customersByPhone: { outcome: 'UNIQUE_MATCH' } });
    });
  });

  it('the gateway’s own deadline still counts: a hanging Salesforce opens the breaker', async () => {
    await withGateway({ settings: { outageFailures: 2, outageProbeMs: 60_000, requestDeadlineMs: 300 } }, async (gw) => {
      await control(gw.emulators.url, 'PUT', 'faults', { latencyMs: 2_000 });
      for (let i = 0; i < 3; i++) await gw.graphql(LOOKUP, { phone: ADA });
      expect(gw.sf.health().outageCircuit).toBe('open');
    });
  });
});

/** Strong keys, as production requires them. */
const KEYS = {
  agent: `agent-${randomBytes(24).toString('base64url')}`,
  frontend: `front-${randomBytes(24).toString('base64url')}`,
  designer: `design-${randomBytes(24).toString('base64url')}`,
};
const API_KEYS = [
  { name: 'agent-1', role: 'agent' as const, key: KEYS.agent },
  { name: 'frontend-1', role: 'frontend' as const, key: KEYS.frontend },
  { name: 'designer-1', role: 'designer' as const, key: KEYS.designer },
];

interface Replica {
  app: App;
  url: string;
  post(
    body: unknown,
    headers?: Record<string, string>,
    path?: string,
  ): Promise<{ status: number; body: { data?: unknown; errors?: GraphQLErrorBody[] }; headers: Headers }>;
}

/** Two replicas built for production (trusted documents only, real keys, failure throttling) on one Redis, on real ports. */
async function productionReplicas(emulatorUrl: string, options: ConfigOptions = {}): Promise<{ replicas: [Replica, Replica]; close(): Promise<void> }> {
  const { prefix, cleanup } = testPrefix();
  const config = testConfig(emulatorUrl, {
    ...options,
    env: 'production',
    security: { apiKeys: API_KEYS, demoKeys: false, trustedDocumentsOnly: true, authFailuresPerMinute: 10, ...options.security },
    sharedState: { redisUrl: MACHINE_REDIS, keyPrefix: prefix },
  });
  const replicas: Replica[] = [];
  const servers: Server[] = [];
  for (let i = 0; i < 2; i++) {
    const app = await createApp(config, { logger: pino({ level: 'silent' }), allowHttpInstanceUrl: true });
    const server = createHttpServer(app.yoga, { ...config.server, checkIntervalMs: 1_000 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    replicas.push({
      app,
      url,
      async post(body, headers = {}, path = '/graphql') {
        const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json().catch(() => ({}))) as never, headers: res.headers };
      },
    });
  }
  return {
    replicas: replicas as [Replica, Replica],
    async close() {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise((resolve) => s.close(resolve));
      }
      for (const r of replicas) await r.app.close();
      await cleanup();
    },
  };
}

const documentId = (name: string) => `sha256:${[...TRUSTED_DOCUMENTS].find(([, doc]) => new RegExp(`^(query|mutation) ${name}\\b`).test(doc))![0]}`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('on the production configuration, two replicas on one Redis', () => {
  let em: RunningEmulators;
  let prod: Awaited<ReturnType<typeof productionReplicas>>;
  beforeAll(async () => {
    em = await startTestEmulator();
  });
  afterAll(() => em.close());
  // Fresh replicas (and a fresh Redis prefix) for each test: failure counters do not carry over.
  beforeEach(async () => {
    prod = await productionReplicas(em.url);
  });
  afterEach(() => prod.close());

  it('2. 2,000 random operationNames leave the /metrics series unchanged', async () => {
    const [a] = prod.replicas;
    const metrics = async () => (await fetch(`${a.url}/metrics`)).text();
    const series = (text: string) =>
      text
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.replace(/ [^ ]+$/, ''));
    const lookup = { documentId: documentId('CallerLookup'), variables: { phone: ADA } };
    const random = () => `op${randomBytes(30).toString('hex')}`;
    // One of each kind first, so that every series the attack could touch exists.
    const kinds = [
      () => a.post({ ...lookup, operationName: random() }, bearer(KEYS.agent)),
      () => a.post({ query: `query ${random()} { caseOptions { priorities { value } } }` }, bearer(KEYS.designer)),
      () => a.post({ query: `query ${random()} { nope }` }, bearer(KEYS.designer)),
      () => a.post({ ...lookup, operationName: 'x'.repeat(1_000) }, bearer(KEYS.agent)),
    ];
    for (const kind of kinds) await kind();
    const before = await metrics();
    for (let i = 0; i < 500; i++) await Promise.all(kinds.map((k) => k()));
    const after = await metrics();
    expect(series(after)).toEqual(series(before));
    expect(after.length).toBeLessThan(before.length + 2_000);
    expect(after).not.toMatch(/operationName="op[0-9a-f]/);
    expect(after).toMatch(/operationName="other"/);
  });

  it('3. ten wrong keys from one address lock no valid key out, on either replica', async () => {
    const [a, b] = prod.replicas;
    const lookup = { documentId: documentId('CallerLookup'), variables: { phone: ADA } };
    for (let i = 0; i < 12; i++) {
      const r = await (i % 2 ? a : b).post(lookup, bearer(`wrong-${randomBytes(16).toString('hex')}`));
      expect(r.status).toBe(i < 10 ? 401 : 429);
      expect(r.body.errors?.[0]?.extensions?.code).toBe(i < 10 ? 'UNAUTHENTICATED' : 'RATE_LIMITED');
    }
    for (const replica of [a, b]) {
      const ok = await replica.post(lookup, bearer(KEYS.agent));
      expect(ok.status).toBe(200);
      expect(ok.body.data).toMatchObject({ customersByPhone: { outcome: 'UNIQUE_MATCH' } });
    }
    // No key at all from this address is still throttled, since the address failed too often.
    expect((await a.post(lookup)).status).toBe(429);
  });

  it('3b. X-Forwarded-For is believed only from a trusted proxy; one wrong key is throttled by its fingerprint from any address', async () => {
    const [a] = prod.replicas;
    const lookup = { documentId: documentId('CallerLookup'), variables: { phone: ADA } };
    // No trusted proxy: the header is the client's own say, and every request is one address.
    for (let i = 0; i < 10; i++)
      expect((await a.post(lookup, { ...bearer(`wrong-${i}-${randomBytes(8).toString('hex')}`), 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401);
    expect((await a.post(lookup, { ...bearer('wrong-again-0123456789'), 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);

    // Behind a trusted proxy (this host), each forwarded address counts on its own ...
    const proxied = await productionReplicas(em.url, { security: { trustedProxies: ['127.0.0.1', '::1'] } });
    try {
      const [p] = proxied.replicas;
      for (let i = 0; i < 12; i++)
        expect((await p.post(lookup, { ...bearer(`wrong-${i}-${randomBytes(8).toString('hex')}`), 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401);
      // ... and one wrong key tried from many addresses is throttled by its fingerprint.
      const stolen = `stolen-${randomBytes(16).toString('hex')}`;
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await p.post(lookup, { ...bearer(stolen), 'x-forwarded-for': `192.0.2.${i}, 127.0.0.1` })).status);
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      expect((await p.post(lookup, { ...bearer(KEYS.agent), 'x-forwarded-for': '192.0.2.1' })).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('4. every URL Yoga would serve GraphQL on meets the edge: /graphql/ needs a key, /x?a=/graphql is not served', async () => {
    const [a] = prod.replicas;
    const lookup = { documentId: documentId('CallerLookup'), variables: { phone: ADA } };
    for (const path of ['/graphql/', '/graphql', '/graphql?x=1', '/graphql/?a=b']) {
      const r = await a.post(lookup, {}, path);
      expect(r.status, path).toBe(401);
      expect(r.body.errors?.[0]?.extensions?.code, path).toBe('UNAUTHENTICATED');
      expect((await a.post(lookup, bearer(KEYS.agent), path)).status, path).toBe(200);
    }
    for (const path of ['/x?a=/graphql', '/x?a=/graphql/', '/anything/graphql', '/graphql/graphql', '/x?/ready']) {
      const r = await a.post(lookup, bearer(KEYS.agent), path);
      expect(r.status, path).toBe(404);
      expect(r.body.errors?.[0]?.extensions?.code, path).toBe('NOT_FOUND');
    }
  });

  it('4c. GET / points to /graphql', async () => {
    const [a] = prod.replicas;
    const res = await fetch(`${a.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphql');
  });

  it('4b. operationName and documentId are bounded; an unknown documentId of any shape is TRUSTED_DOCUMENT_NOT_FOUND', async () => {
    const [a] = prod.replicas;
    const long = await a.post({ documentId: documentId('CallerLookup'), variables: { phone: ADA }, operationName: 'x'.repeat(100_000) }, bearer(KEYS.agent));
    expect(long.status).toBe(400);
    expect(long.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(long.body).length).toBeLessThan(500);
    for (const id of ['__proto__', 'constructor', 'toString', 'sha256:__proto__', 'x'.repeat(10_000), 42, { a: 1 }, ['x'], true]) {
      const r = await a.post({ documentId: id, variables: { phone: ADA } }, bearer(KEYS.agent));
      expect(r.body.errors?.[0]?.extensions?.code, JSON.stringify(id).slice(0, 40)).toBe('TRUSTED_DOCUMENT_NOT_FOUND');
      expect(JSON.stringify(r.body).length).toBeLessThan(500);
    }
  });
});

describe('the response cache holds no oracle, nothing incomplete and nothing stale', () => {
  let em: RunningEmulators;
  beforeAll(async () => {
    em = await startTestEmulator();
  });
  afterAll(() => em.close());
  beforeEach(() => control(em.url, 'POST', 'reset'));

  it('5. an unauthenticated If-None-Match gets the same answer whether or not the number was looked up', async () => {
    const prod = await productionReplicas(em.url, { cache: { ttlMs: 60_000 } });
    try {
      const [a, b] = prod.replicas;
      const id = documentId('CallerLookup');
      const document = TRUSTED_DOCUMENTS.get(id.slice(7))!;
      // What anyone could compute from the published document: the old, unkeyed ETag.
      const guess = (phone: string, role: string) =>
        createHash('sha256')
          .update([document, 'CallerLookup', JSON.stringify({ phone }), role].join('|'))
          .digest('hex');
      const looked = await a.post({ documentId: id, variables: { phone: ADA } }, bearer(KEYS.agent));
      expect(looked.status).toBe(200);
      const etag = looked.headers.get('etag');
      expect(etag).toMatch(/^[0-9a-f]{64}$/);
      expect(etag).not.toBe(guess(ADA, 'agent'));
      const probe = async (replica: Replica, tag: string, key?: string) => {
        const res = await fetch(`${replica.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'if-none-match': tag, ...(key ? bearer(key) : {}) },
          body: JSON.stringify({ documentId: id, variables: { phone: ADA } }),
        });
        return `${res.status} ${await res.text()}`;
      };
      const NOBODY = '+14155550111';
      for (const replica of [a, b]) {
        // No key: 401 alike, whatever the tag, looked up or not, guessed or real.
        expect(await probe(replica, guess(ADA, 'agent'))).toBe(await probe(replica, guess(NOBODY, 'agent')));
        expect(await probe(replica, etag!)).toBe(await probe(replica, guess(NOBODY, 'agent')));
        expect((await probe(replica, etag!)).startsWith('401')).toBe(true);
        // A frontend key guessing the agent's tag learns nothing either: it is answered in full.
        expect((await probe(replica, guess(ADA, 'agent'), KEYS.frontend)).startsWith('200 {')).toBe(true);
      }
      // The client that got the tag may use it.
      expect((await probe(b, etag!, KEYS.agent)).startsWith('304')).toBe(true);
    } finally {
      await prod.close();
    }
  });

  it('a hit answers the bytes of the miss before it, its cache extension apart, kept in this process or in Redis', async () => {
    const CONTEXT = `query Context($phone: String!) { customersByPhone(phone: $phone) { outcome bestMatch { customer {
      id name account { name } consent { sms email call } cases(status: OPEN, first: 5) { edges { node { caseNumber subject } } } } } } }`;
    for (const redis of [false, true]) {
      const { prefix, cleanup } = testPrefix();
      const shared = redis ? { sharedState: { redisUrl: MACHINE_REDIS, keyPrefix: prefix } } : {};
      const app = await createApp(testConfig(em.url, { cache: { ttlMs: 60_000 }, ...shared }), { logger: pino({ level: 'silent' }) });
      try {
        const text = async () => {
          const res = await app.yoga.fetch('http://gateway.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...bearer('demo-agent-key') },
            body: JSON.stringify({ query: CONTEXT, variables: { phone: ADA } }),
          });
          return res.text();
        };
        const miss = JSON.parse(await text()) as { data: unknown; extensions: Record<string, unknown> };
        expect(miss.extensions.responseCache).toMatchObject({ hit: false, didCache: true });
        const expected = JSON.stringify({ data: miss.data, extensions: { ...miss.extensions, responseCache: { hit: true } } });
        // Twice: the first hit serialises the stored data, the second reuses it.
        expect(await text()).toBe(expected);
        expect(await text()).toBe(expected);
      } finally {
        await app.close();
        await cleanup();
      }
    }
  });

  it('6. a caller only the search finds is never cached as NO_MATCH while the search fails or is cut short', async () => {
    await withGateway({ cache: { ttlMs: 60_000 } }, async (gw) => {
      const KATHERINE = '+14155550142'; // stored as "415-555-0142 ext. 12": only SOSL finds her
      await control(gw.emulators.url, 'PUT', 'faults', { errorRate: 1, errorStatementContains: 'FIND' });
      const during = await gw.graphql(LOOKUP, { phone: KATHERINE });
      expect(during.data).toMatchObject({ customersByPhone: { outcome: 'NO_MATCH' } });
      await control(gw.emulators.url, 'PUT', 'faults', { latencyMs: 3_000, latencyStatementContains: 'FIND' });
      const slow = await gw.graphql(LOOKUP, { phone: KATHERINE }, { 'x-request-timeout-ms': '800' });
      expect(slow.data).toMatchObject({ customersByPhone: { outcome: 'NO_MATCH' } });
      await control(gw.emulators.url, 'DELETE', 'faults');
      const after = (await gw.graphql(LOOKUP, { phone: KATHERINE })) as { data?: unknown; extensions?: { responseCache?: { hit?: boolean } } };
      expect(after.data).toMatchObject({ customersByPhone: { outcome: 'UNIQUE_MATCH', bestMatch: { customer: { name: 'Katherine Johnson' } } } });
      expect(after.extensions?.responseCache?.hit).toBe(false);
      // A complete answer is cached as before.
      const again = (await gw.graphql(LOOKUP, { phone: KATHERINE })) as { extensions?: { responseCache?: { hit?: boolean } } };
      expect(again.extensions?.responseCache?.hit).toBe(true);
    });
  });

  it('7. a read in flight while a write lands does not store its old answer, on either replica', async () => {
    const { prefix, cleanup } = testPrefix();
    const config = testConfig(em.url, { cache: { ttlMs: 60_000 }, sharedState: { redisUrl: MACHINE_REDIS, keyPrefix: prefix } });
    const a = await createApp(config, { logger: pino({ level: 'silent' }) });
    const b = await createApp(config, { logger: pino({ level: 'silent' }) });
    try {
      const gql = async (app: App, query: string, variables: Record<string, unknown> = {}) => {
        const res = await app.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...bearer('demo-agent-key') },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as { data?: { customer?: { cases: { edges: unknown[] } } }; extensions?: { responseCache?: { hit?: boolean } } };
      };
      const ada = em.salesforce.fixtures.contacts.ada;
      // The customer and their cases are read at once; the search beside them is slow, so the
      // answer is stored only after the write below has landed.
      const READ = `query Slow($id: ID!) { customer(id: $id) { name cases(first: 50, status: ALL) { edges { cursor } } } searchCustomers(text: "Hopper") { edges { cursor } } }`;
      // Counted by another document, so that the slow read below is a miss.
      const first = await gql(b, `query Count($id: ID!) { customer(id: $id) { cases(first: 50, status: ALL) { edges { cursor } } } }`, { id: ada });
      expect(first, JSON.stringify(first)).toHaveProperty('data.customer');
      const before = first.data!.customer!.cases.edges.length;
      await control(em.url, 'POST', 'reset');
      await control(em.url, 'PUT', 'faults', { latencyMs: 1_000, latencyStatementContains: 'FIND' });
      const read = gql(a, READ, { id: ada });
      // Bounded by events: the emulator has answered the customer's statement (its old cases).
      const answered = async () =>
        (await control<{ requests: { statement?: string }[] }>(em.url, 'GET', 'requests')).requests.some((r) => r.statement?.includes('FROM Cases'));
      for (let i = 0; i < 200 && !(await answered()); i++) await new Promise((r) => setTimeout(r, 10));
      const created = await b.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer('demo-agent-key') },
        body: JSON.stringify({
          query: 'mutation($input: CreateCaseInput!) { createCase(input: $input) { __typename } }',
          variables: { input: { customerId: ada, subject: 'While a read was in flight', idempotencyKey: `edge-7-${prefix}` } },
        }),
      });
      expect(JSON.stringify(await created.json())).toContain('CreateCaseSuccess');
      const stale = await read;
      expect(stale.extensions?.responseCache?.hit).toBe(false);
      expect(stale.data!.customer!.cases.edges, JSON.stringify(stale)).toHaveLength(before);
      await control(em.url, 'DELETE', 'faults');
      for (const app of [a, b]) {
        const fresh = await gql(app, READ, { id: ada });
        expect(fresh.data!.customer!.cases.edges).toHaveLength(before + 1);
      }
    } finally {
      await a.close();
      await b.close();
      await cleanup();
    }
  });
});

describe('8. errors and logs carry no values; every refusal has a code; every line names its operation', () => {
  const lines: Record<string, unknown>[] = [];
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      cache: { ttlMs: 60_000 },
      logger: pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) }),
      security: { authFailuresPerMinute: 2 },
    });
  });
  afterAll(() => gw.close());

  const SECRET = 'leak4155550134@example.com';
  it('refuses ill-typed variables and literals by path, never quoting the value', async () => {
    const attempts: [string, Record<string, unknown> | undefined][] = [
      ['query($phone: String!) { customersByPhone(phone: $phone) { outcome } }', { phone: { a: SECRET } }],
      ['query($phone: String!) { customersByPhone(phone: $phone) { outcome } }', { phone: 4155550134 }],
      ['query($phone: String!) { customersByPhone(phone: $phone) { outcome } }', { phone: [SECRET] }],
      ['{ customersByPhone(phone: 4155550134) { outcome } }', undefined],
      [`{ customersByPhone(phone: { a: "${SECRET}" }) { outcome } }`, undefined],
      [`{ customer(id: 4155550134) { name } }`, undefined],
      [`{ searchCustomers(text: "x", first: "${SECRET}") { edges { cursor } } }`, undefined],
      [`{ customer(id: "003") { cases(status: LEAK4155550134) { edges { cursor } } } }`, undefined],
      [
        'mutation($input: CreateCaseInput!) { createCase(input: $input) { __typename } }',
        { input: { customerId: SECRET, subject: 1e21, idempotencyKey: { x: SECRET }, [SECRET]: 1 } },
      ],
      [
        'mutation($input: SendFollowUpInput!) { sendFollowUp(input: $input) { __typename } }',
        { input: { customerId: 'x', channel: SECRET, idempotencyKey: 'k', body: 'b' } },
      ],
    ];
    for (const [query, variables] of attempts) {
      const res = await gw.graphql(query, variables);
      expect(res.errors?.length, query).toBeGreaterThan(0);
      const text = JSON.stringify(res);
      expect(text, query).not.toMatch(/4155550134|leak|LEAK/i);
      for (const e of res.errors ?? []) expect(e.extensions?.code, e.message).toMatch(/^[A-Z_]+$/);
    }
  });

  it('logs a refusal by the SMS provider with the number masked', async () => {
    await control(gw.emulators.url, 'PUT', 'sms/faults', { refuse: ['+14155550134'] });
    const send = 'mutation($input: SendFollowUpInput!) { sendFollowUp(input: $input) { __typename } }';
    const res = await gw.graphql(send, {
      input: {
        customerId: gw.emulators.salesforce.fixtures.contacts.ada,
        channel: 'SMS',
        body: 'Hello',
        idempotencyKey: `mask-${randomBytes(4).toString('hex')}`,
      },
    });
    expect(JSON.stringify(res)).toContain('DeliveryError');
    const refused = lines.find((l) => l.msg === 'provider refused the follow-up');
    expect(refused).toBeDefined();
    expect(JSON.stringify(refused)).not.toMatch(/4155550134|555.?0134/);
    expect(String(refused!.reason)).toMatch(/is not a valid mobile number/);
  });

  it('answers armor’s refusals, edge refusals and cache hits with codes and operations in the log', async () => {
    const deep = `{ ${'customer(id: "003") { account { name } } '.repeat(1)}${Array.from({ length: 25 }, (_, i) => `a${i}: caseOptions { origins { value } }`).join(' ')} }`;
    const aliases = await gw.graphql(deep);
    expect(aliases.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const tokens = await gw.graphql(`{ ${'caseOptions { origins { value } } '.repeat(400)} }`);
    expect(tokens.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(JSON.stringify(tokens)).not.toMatch(/Syntax Error/);
    // Edge refusals: 401, then 429 for the address, each with its code in the log.
    lines.length = 0;
    await gw.graphql('{ caseOptions { origins { value } } }', undefined, { authorization: 'Bearer wrong-key-0123456789' });
    await gw.graphql('{ caseOptions { origins { value } } }', undefined, { authorization: 'Bearer wrong-key-0123456789' });
    const throttled = await gw.graphql('{ caseOptions { origins { value } } }', undefined, { authorization: 'Bearer wrong-key-0123456789' });
    expect(throttled.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const edge = lines.filter((l) => l.msg === 'graphql operation');
    expect(edge.map((l) => [l.status, l.errorCodes])).toEqual([
      [401, ['UNAUTHENTICATED']],
      [401, ['UNAUTHENTICATED']],
      [429, ['RATE_LIMITED']],
    ]);
    // A cache hit logs the operation it answered.
    lines.length = 0;
    const named = `query PicklistsForTheLog { caseOptions { origins { value } } }`;
    await gw.graphql(named);
    const hit = (await gw.graphql(named)) as { extensions?: { responseCache?: { hit?: boolean } } };
    expect(hit.extensions?.responseCache?.hit).toBe(true);
    const logged = lines.filter((l) => l.msg === 'graphql operation');
    expect(logged.map((l) => l.operation)).toEqual(['PicklistsForTheLog', 'PicklistsForTheLog']);
  });
});

describe('10. idempotency keys are case-sensitive end to end', () => {
  it('`RT-K` after `rt-K` is a key of its own: created once each, and each replays its own', async () => {
    await withGateway({}, async (gw) => {
      const CREATE =
        'mutation($input: CreateCaseInput!) { createCase(input: $input) { __typename ... on CreateCaseSuccess { replayed case { id subject } } ... on IdempotencyConflictError { reason } } }';
      const ada = gw.emulators.salesforce.fixtures.contacts.ada;
      const create = (idempotencyKey: string, subject: string) => gw.graphql(CREATE, { input: { customerId: ada, subject, idempotencyKey } });
      const lower = await create('rt-K', 'Lower case key');
      const upper = await create('RT-K', 'Upper case key');
      expect(lower.data).toMatchObject({ createCase: { __typename: 'CreateCaseSuccess', replayed: false, case: { subject: 'Lower case key' } } });
      expect(upper.data).toMatchObject({ createCase: { __typename: 'CreateCaseSuccess', replayed: false, case: { subject: 'Upper case key' } } });
      const again = await create('RT-K', 'Upper case key');
      expect(again.data).toMatchObject({ createCase: { __typename: 'CreateCaseSuccess', replayed: true, case: { subject: 'Upper case key' } } });
      const againLower = await create('rt-K', 'Lower case key');
      expect(againLower.data).toMatchObject({ createCase: { __typename: 'CreateCaseSuccess', replayed: true, case: { subject: 'Lower case key' } } });
      const rows = await gw.connection.conn.query<{ Subject: string }>(
        "SELECT Subject FROM Case WHERE Gateway_Request_Key__c IN ('demo-agent:rt-K', 'demo-agent:RT-K')",
      );
      expect(rows.records.map((r) => r.Subject).sort()).toEqual(['Lower case key', 'Upper case key']);
    });
  });
});

describe('9. the daily budget governor, shared by the replicas', () => {
  let em: RunningEmulators;
  beforeAll(async () => {
    em = await startTestEmulator();
  });
  afterAll(() => em.close());
  beforeEach(() => control(em.url, 'POST', 'reset'));

  it('refuses a frontend key past its share of the day, on both replicas, while the agent still answers', async () => {
    // A 1,000-call day; the frontend role may spend 1% of it (10 calls).
    await control(em.url, 'PUT', 'limits', { dailyApiLimit: 1_000, apiRequests: 0 });
    const prod = await productionReplicas(em.url, { budget: { reserveFrom: 0.8, shares: { agent: 1, designer: 0.05, frontend: 0.01 } } });
    try {
      const [a, b] = prod.replicas;
      const lookup = { documentId: documentId('CallerLookup'), variables: { phone: ADA } };
      let answered = 0;
      let refused: Awaited<ReturnType<Replica['post']>> | null = null;
      for (let i = 0; i < 20 && !refused; i++) {
        const r = await a.post(lookup, bearer(KEYS.frontend));
        if (r.status === 200) answered++;
        else refused = r;
      }
      // Two calls a lookup: five lookups spend the ten calls.
      expect(answered).toBe(5);
      expect(refused?.status).toBe(429);
      expect(refused?.body.errors?.[0]?.extensions).toMatchObject({ code: 'BUDGET_EXHAUSTED', retryable: true, reason: 'ROLE_SHARE' });
      const retryAfter = Number(refused?.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3_600);
      expect(refused?.body.errors?.[0]?.extensions?.retryAfter).toBe(retryAfter);
      const before = (await control<{ apiRequests: number }>(em.url, 'GET', 'stats')).apiRequests;
      expect((await b.post(lookup, bearer(KEYS.frontend))).body.errors?.[0]?.extensions?.code).toBe('BUDGET_EXHAUSTED');
      // Refused before any Salesforce call.
      expect((await control<{ apiRequests: number }>(em.url, 'GET', 'stats')).apiRequests).toBe(before);
      for (const replica of [a, b]) {
        const agent = await replica.post(lookup, bearer(KEYS.agent));
        expect(agent.status).toBe(200);
        expect(agent.body.data).toMatchObject({ customersByPhone: { outcome: 'UNIQUE_MATCH' } });
      }
    } finally {
      await prod.close();
    }
  });

  it('past 80% of the org’s day keeps the rest for the agent: frontends and designers refused, /ready and /metrics say so', async () => {
    await control(em.url, 'PUT', 'limits', { dailyApiLimit: 1_000, apiRequests: 850 });
    const prod = await productionReplicas(em.url);
    try {
      const [a, b] = prod.replicas;
      const lookup = { documentId: documentId('CallerLookup'), variables: { phone: ADA } };
      // The first answer tells the gateway where the org's day stands (Sforce-Limit-Info).
      expect((await a.post(lookup, bearer(KEYS.agent))).status).toBe(200);
      for (const key of [KEYS.frontend, KEYS.designer]) {
        const r = await a.post(lookup, bearer(key));
        expect(r.status).toBe(429);
        expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BUDGET_EXHAUSTED', reason: 'ORG_RESERVE', retryable: true });
      }
      expect((await b.post({ query: '{ caseOptions { origins { value } } }' }, bearer(KEYS.designer))).body.errors?.[0]?.extensions?.code).toBe(
        'BUDGET_EXHAUSTED',
      );
      expect((await b.post(lookup, bearer(KEYS.agent))).status).toBe(200);
      const ready = (await (await fetch(`${a.url}/ready`, { headers: bearer(KEYS.agent) })).json()) as {
        budget: { refusing: string[]; org: { used: number; limit: number } };
      };
      expect(ready.budget.refusing).toEqual(['designer', 'frontend']);
      expect(ready.budget.org).toMatchObject({ limit: 1_000 });
      expect(ready.budget.org.used).toBeGreaterThanOrEqual(851);
      const metrics = await (await fetch(`${a.url}/metrics`)).text();
      expect(metrics).toMatch(/gateway_budget_refusals_total\{role="frontend",reason="ORG_RESERVE"\} 1/);
      expect(metrics).toMatch(/gateway_budget_refusing\{role="designer"\} 1/);
      expect(metrics).toMatch(/gateway_budget_calls\{role="agent",measure="used"\} [1-9]/);
    } finally {
      await prod.close();
    }
  });
});
