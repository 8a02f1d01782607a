/**
 * One hostile key, or an anonymous client, against the running gateway: the
 * org's API budget and the process hold. Salesforce calls are counted by the emulator.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SMS, twilioSignature } from 'salesforce-emulator';
import { createApp, type App } from '../src/app';
import { loadConfig, ConfigError } from '../src/config';
import { createHttpServer } from '../src/http/server';
import { control } from './support/emulator';
import { FRONTEND_KEY, testConfig, useTestGateway } from './support/gateway';

const gw = useTestGateway();

/** POSTs to /graphql in process; returns the status and the body. */
async function post(query: string, variables: Record<string, unknown> = {}, key = 'demo-agent-key') {
  const res = await gw.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] },
  };
}

const apiRequests = async () => (await gw.calls()).apiRequests;
const NESTED =
  'name account { name } cases(first: $n) { edges { node { followUps(first: $n) { edges { node { case { followUps(first: $n) { edges { node { body } } } } } } } } } }';

describe('the upstream budget of a request', () => {
  it('refuses the 158-call query (20 aliases, first as a variable) before any Salesforce call', async () => {
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `p${i}: customersByPhone(phone: "+1415555${String(i).padStart(4, '0')}", first: $n) { matches { customer { ${NESTED} } } }`,
    ).join(' ');
    const query = `query Hostile($n: Int!) { ${aliases} searchCustomers(text: "gmail", first: $n) { edges { node { ${NESTED} } } } }`;
    const { status, body } = await post(query, { n: 50 }, FRONTEND_KEY);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', budget: 12 });
    expect(body.errors?.[0]?.message).toMatch(/budget is 12 per request/);
    expect(status).toBe(200);
    expect(await apiRequests()).toBe(0);
  });

  it('prices an omitted first at its default, and every alias on its own', async () => {
    // No first anywhere: defaults of 5 (lookup) and 10 (lists) make 4 lookups of 5 × 10 × 10 cases far too many.
    const omitted = `{ ${Array.from({ length: 4 }, (_, i) => `p${i}: customersByPhone(phone: "+1415555013${i}") { matches { customer { cases { edges { node { followUps { edges { node { case { followUps { edges { node { body } } } } } } } } } } } } }`).join(' ')} }`;
    const refused = await post(omitted, {}, FRONTEND_KEY);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Four plain lookups: 3 calls each is 12, within the budget; five are not.
    const lookups = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `p${i}: customersByPhone(phone: "+1415555013${i}") { totalCount }`).join(' ')} }`;
    expect((await post(lookups(4), {}, FRONTEND_KEY)).body.errors).toBeUndefined();
    expect((await post(lookups(5), {}, FRONTEND_KEY)).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await apiRequests()).toBeLessThanOrEqual(12);
  });

  it('stops a request that slips past the price (retries) at the runtime budget', async () => {
    // A generous retry budget, and 60% of calls failing with 503: retries multiply the calls that
    // the price could not see, and the runtime budget stops them at 12.
    const app = await createApp(testConfig(gw.emulators.url, { settings: { retriesPerRequest: 50 } }), { logger: pino({ level: 'silent' }) });
    try {
      await control(gw.emulators.url, 'PUT', 'faults', { errorRate: 0.6, seed: 3 });
      const before = await apiRequests();
      const query = `{ ${Array.from({ length: 4 }, (_, i) => `p${i}: customersByPhone(phone: "+1415555013${i}") { totalCount }`).join(' ')} }`;
      const res = await app.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      await control(gw.emulators.url, 'DELETE', 'faults');
      expect((await apiRequests()) - before).toBeLessThanOrEqual(12);
      expect((body.errors ?? []).map((e) => e.extensions?.code)).toContain('UPSTREAM_LIMIT');
    } finally {
      await app.close();
    }
  });
});

describe('rate limits by cost', () => {
  it('lets a frontend key spend no more Salesforce calls than its rate allows', async () => {
    // 12 calls per minute for frontends in this gateway; the run is bounded by count, not time.
    const strict = await createApp(
      testConfig(gw.emulators.url, { security: { rateLimits: { ...loadConfig({}).security.rateLimits, frontend: { perSecond: 0.2, burst: 12 } } } }),
      { logger: pino({ level: 'silent' }) },
    );
    try {
      const before = await apiRequests();
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) {
        const res = await strict.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${FRONTEND_KEY}` },
          body: JSON.stringify({ query: `{ customersByPhone(phone: "+1415555013${i % 10}") { totalCount } }` }),
        });
        statuses.push(res.status);
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      // Each lookup is priced 3: at most 12 calls' worth went through.
      expect((await apiRequests()) - before).toBeLessThanOrEqual(12);
    } finally {
      await strict.close();
    }
  });
});

describe('writes in bulk', () => {
  it('refuses 20 aliased sendFollowUps, and sends nothing', async () => {
    const mutation = `mutation { ${Array.from({ length: 20 }, (_, i) => `s${i}: sendFollowUp(input: { customerId: "${gw.ids.contacts.ada}", channel: SMS, body: "Hi", idempotencyKey: "bulk-${i}" }) { __typename }`).join(' ')} }`;
    const { body } = await post(mutation);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/At most 1 mutation field per request/);
    expect(await apiRequests()).toBe(0);
    expect((await control<{ messages: unknown[] }>(gw.emulators.url, 'GET', 'outbox')).messages).toEqual([]);
  });

  it('refuses the fourth SMS to one customer within the hour, as data, and sends nothing', async () => {
    const send = (i: number) =>
      post(
        `mutation { sendFollowUp(input: { customerId: "${gw.ids.contacts.ada}", channel: SMS, body: "Update ${i}", idempotencyKey: "hourly-${i}" }) { __typename ... on ValidationError { fieldErrors { field code message } } } }`,
      );
    for (let i = 1; i <= 3; i++) expect((await send(i)).body.data?.sendFollowUp).toEqual({ __typename: 'SendFollowUpSuccess' });
    const fourth = await send(4);
    expect(fourth.body.data?.sendFollowUp).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'customerId', code: 'NOT_ALLOWED' }] });
    expect((await control<{ messages: unknown[] }>(gw.emulators.url, 'GET', 'outbox')).messages).toHaveLength(3);
  });
});

describe('bad input is the client’s error', () => {
  it('answers an oversized createCase with unknown fields as BAD_USER_INPUT (400), logging paths, never the values', async () => {
    const lines: string[] = [];
    const logged = await createApp(testConfig(gw.emulators.url), { logger: pino({ level: 'trace' }, { write: (l: string) => lines.push(l) }) });
    // Start-up reads the org's describe; the request itself must cost nothing.
    const before = await apiRequests();
    try {
      const canary = 'CANARY-DESCRIPTION-';
      const input: Record<string, unknown> = {
        subject: 'Big',
        description: canary + 'x'.repeat(500_000),
        idempotencyKey: 'big-1',
        customerId: gw.ids.contacts.ada,
      };
      for (let i = 0; i < 60; i++) input[`unknown${i}`] = `${canary}${i}`;
      const res = await logged.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({ query: 'mutation Big($input: CreateCaseInput!) { createCase(input: $input) { __typename } }', variables: { input } }),
      });
      expect(res.status).toBe(400);
      const text = await res.text();
      const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.length).toBeGreaterThan(0);
      for (const e of body.errors) expect(e.extensions.code).toBe('BAD_USER_INPUT');
      expect(text).not.toContain(canary);
      expect(lines.join('\n')).not.toContain(canary);
      expect(lines.join('\n')).toContain('$input');
      expect((await apiRequests()) - before).toBe(0);
    } finally {
      await logged.close();
    }
  });

  it('answers a forged cursor with BAD_USER_INPUT and no Salesforce call', async () => {
    const forged = [
      Buffer.from(JSON.stringify(['k', '+099999-01-01T00:00:00.000Z', '5005g0000000001AAA'])).toString('base64url'),
      Buffer.from(JSON.stringify(['k', '2026-01-01T00:00:00.000Z', "x' OR Id != '"])).toString('base64url'),
      Buffer.from(JSON.stringify(['o', 5000])).toString('base64url'),
      'not-a-cursor',
    ];
    for (const after of forged) {
      const { body } = await post(`query($after: String) { customer(id: "${gw.ids.contacts.ada}") { cases(after: $after) { edges { cursor } } } }`, { after });
      expect(body.errors?.map((e) => e.extensions?.code)).toContain('BAD_USER_INPUT');
    }
    // Only the customer look-up itself reached Salesforce, never a cases query.
    const statements = await gw.statements();
    expect(statements.filter((s) => /FROM Cases/.test(s.statement ?? ''))).toEqual([]);
  });
});

describe('the HTTP server', () => {
  let app: App;
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    app = await createApp(testConfig(gw.emulators.url), { logger: pino({ level: 'silent' }) });
    server = createHttpServer(app.yoga, { ...loadConfig({}).server, requestTimeoutMs: 500, headersTimeoutMs: 400, checkIntervalMs: 100 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  /** Sends raw bytes and collects everything the server answers until it closes the socket. */
  function raw(bytes: string, keepOpen = false): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      socket.write(bytes);
      if (!keepOpen) socket.end();
    });
  }

  it('answers a malformed Host with 400 and no stack trace, on any route', async () => {
    for (const path of ['/health', '/graphql', '/ready']) {
      const answer = await raw(`GET ${path} HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).not.toMatch(/\bat \w|Error:|stack/);
    }
  });

  it('refuses a 2 MB webhook body with 413 before reading it, without the heap growing', async () => {
    const body = 'MessageStatus=delivered&x='.padEnd(2 * 1024 * 1024, 'x');
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/sms/status?followUp=00T5g0000000001AAA`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(DEMO_SMS.authToken, 'http://x', {}) },
        body,
      });
      expect(res.status).toBe(413);
    }
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
    // A streamed body with no declared length must declare one.
    const chunked = await raw(
      'POST /webhooks/sms/status HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\nabcd\r\n0\r\n\r\n',
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 411/);
  });

  it('refuses a /graphql body over 1 MiB with 413', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(res.status).toBe(413);
    // The server is the only bound (Yoga's own streaming limit is off): a body must declare its length.
    const chunked = await raw(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer demo-agent-key\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\n{"a\r\n0\r\n\r\n',
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 411/);
  });

  it('cuts off a slow partial request at the server’s request timeout', async () => {
    // Headers and one byte of a 100-byte body, then nothing: the server answers 408 and closes.
    const answer = await raw(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer demo-agent-key\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      true,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('configuration in production', () => {
  const org = {
    NODE_ENV: 'production',
    SALESFORCE_CLIENT_ID: 'cid',
    SALESFORCE_CLIENT_SECRET: 'secret',
    SALESFORCE_USERNAME: 'api@example.com',
    SALESFORCE_PASSWORD: 'pw',
    SALESFORCE_TOKEN_URL: 'https://login.salesforce.com/services/oauth2/token',
    GATEWAY_API_KEYS: 'voice-agent:agent:Vh3q9ZrT1Lw8Xt2PmKc7Ys4Bn6Du0Ea5',
  };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
    return [];
  };

  it('accepts a strong key and https URLs', () => {
    expect(problems(org)).toEqual([]);
  });

  it('refuses an http token URL or SMS provider, naming the variable', () => {
    expect(problems({ ...org, SALESFORCE_TOKEN_URL: 'http://login.salesforce.com/services/oauth2/token' })).toEqual([
      'SALESFORCE_TOKEN_URL: must be an https URL in production',
    ]);
    expect(problems({ ...org, SMS_PROVIDER_URL: 'http://sms.example.com', SMS_ACCOUNT_SID: 'AC1', SMS_AUTH_TOKEN: 't', SMS_FROM: '+15005550006' })).toEqual([
      'SMS_PROVIDER_URL: must be an https URL in production',
    ]);
  });

  it('refuses low-entropy keys, naming the key and never showing it', () => {
    for (const key of ['aaaaaaaaaaaaaaaa', 'agent-key-0123456789', 'abababababababababababababababab']) {
      const found = problems({ ...org, GATEWAY_API_KEYS: `weak:agent:${key}` });
      expect(found).toEqual([expect.stringMatching(/^GATEWAY_API_KEYS: the key of weak is too easy to guess/)]);
      expect(found.join('')).not.toContain(key);
    }
  });
});
