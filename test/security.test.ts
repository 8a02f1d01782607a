import { describe, expect, it } from 'vitest';
import { GRAPHIQL_EXAMPLES } from '../src/http/graphiql-examples';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { graphql } from './__generated__';
import { DESIGNER_KEY, FRONTEND_KEY, startTestGateway, useTestGateway } from './support/gateway';

const gw = useTestGateway();

const CreateCase = graphql(`
  mutation SecurityCreate($input: CreateCaseInput!) {
    createCase(input: $input) { __typename ... on CreateCaseSuccess { case { id } } }
  }
`);

const post = (body: unknown, headers: Record<string, string>) =>
  gw.yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const countCases = async () => (await gw.connection.conn.query("SELECT COUNT() FROM Case WHERE Subject = 'Role test'")).totalSize;

describe('API keys', () => {
  it('answers 401 without a key, or with an unknown one, and does no work', async () => {
    for (const headers of [{}, bearer('not-a-key-0123456789'), { authorization: 'Basic bm9wZTpub3Bl' }, { authorization: 'Token demo-agent-key' }]) {
      const res = await post({ query: '{ caseOptions { origins { value } } }' }, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', retryable: false } }] });
    }
    expect((await gw.calls()).apiRequests).toBe(0);
  });

  it('accepts the key as a bearer token or as the HTTP Basic password', async () => {
    expect((await post({ query: '{ __typename }' }, bearer('demo-frontend-key'))).status).toBe(200);
    const basic = `Basic ${Buffer.from('anyone:demo-frontend-key').toString('base64')}`;
    expect(await (await post({ query: '{ __typename }' }, { authorization: basic })).json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('roles', () => {
  const input = { subject: 'Role test', idempotencyKey: 'role-1' };

  it('lets agents mutate, and refuses designers and frontends with FORBIDDEN, writing nothing', async () => {
    for (const key of [DESIGNER_KEY, FRONTEND_KEY]) {
      const { data, errors } = await gw.graphql(print(CreateCase), { input }, bearer(key));
      expect(data).toBeNull();
      // It names the role a mutation needs, so the caller knows which key would do.
      expect(errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', retryable: false, requiredRole: 'agent' });
      expect(errors?.[0]?.message).toMatch(/^Only an agent API key may run mutations; this key's role is (designer|frontend)\.$/);
    }
    expect(await countCases()).toBe(0);
    const agent = await gw.execute(CreateCase, { input });
    expect(agent.data?.createCase.__typename).toBe('CreateCaseSuccess');
    expect(await countCases()).toBe(1);
  });

  it('lets every role query', async () => {
    for (const key of ['demo-agent-key', DESIGNER_KEY, FRONTEND_KEY]) {
      const { data, errors } = await gw.graphql(`{ customer(id: "${gw.ids.contacts.ada}") { name } }`, undefined, bearer(key));
      expect(errors).toBeUndefined();
      expect(data).toEqual({ customer: { name: 'Ada Lovelace' } });
    }
  });

  it('allows introspection for designers (and agents outside production), not for frontends', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    expect((await gw.graphql(introspect, undefined, bearer(DESIGNER_KEY))).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await gw.graphql(introspect)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const frontend = await gw.graphql(introspect, undefined, bearer(FRONTEND_KEY));
    expect(frontend.data).toBeUndefined();
    expect(frontend.errors?.[0]?.message).toMatch(/introspection/i);
    const prod = await startTestGateway({ env: 'production' });
    try {
      const agent = await prod.graphql(introspect);
      expect(agent.errors?.[0]?.message).toMatch(/introspection/i);
      expect((await prod.graphql(introspect, undefined, bearer(DESIGNER_KEY))).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await prod.close();
    }
  });

  it('gives field suggestions to designers only', async () => {
    const typo = '{ custmer(id: "003") { name } }';
    expect((await gw.graphql(typo, undefined, bearer(DESIGNER_KEY))).errors?.[0]?.message).toMatch(/Did you mean "customer"/);
    const others = await gw.graphql(typo, undefined, bearer(FRONTEND_KEY));
    expect(others.errors?.[0]?.message).toBe('Cannot query field "custmer" on type "Query".');
  });

  it('scopes idempotency keys to the calling client', async () => {
    const two = await startTestGateway({
      security: {
        apiKeys: [
          { name: 'agent-a', role: 'agent', key: 'agent-a-key-0123456789' },
          { name: 'agent-b', role: 'agent', key: 'agent-b-key-0123456789' },
        ],
        demoKeys: false,
      },
    });
    try {
      const a = await two.graphql<{ createCase: { case: { id: string } } }>(
        print(CreateCase),
        { input: { subject: 'Same key', idempotencyKey: 'shared' } },
        bearer('agent-a-key-0123456789'),
      );
      const b = await two.graphql<{ createCase: { case: { id: string } } }>(
        print(CreateCase),
        { input: { subject: 'Same key', idempotencyKey: 'shared' } },
        bearer('agent-b-key-0123456789'),
      );
      expect(a.data!.createCase.case.id).not.toBe(b.data!.createCase.case.id);
      const keys = (
        await two.connection.conn.query<{ Gateway_Request_Key__c: string }>(
          "SELECT Gateway_Request_Key__c FROM Case WHERE Subject = 'Same key' ORDER BY Gateway_Request_Key__c",
        )
      ).records;
      expect(keys.map((k) => k.Gateway_Request_Key__c)).toEqual(['agent-a:shared', 'agent-b:shared']);
    } finally {
      await two.close();
    }
  });
});

describe('rate limits', () => {
  it('answers RATE_LIMITED (429, retryable) over a key’s rate, per key', async () => {
    const slow = await startTestGateway({
      security: { rateLimits: { agent: { perSecond: 100, burst: 100 }, designer: { perSecond: 100, burst: 100 }, frontend: { perSecond: 1, burst: 2 } } },
    });
    try {
      const call = (key: string) =>
        slow.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...bearer(key) },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
      expect((await call(FRONTEND_KEY)).status).toBe(200);
      expect((await call(FRONTEND_KEY)).status).toBe(200);
      const limited = await call(FRONTEND_KEY);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await limited.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'RATE_LIMITED', retryable: true } }] });
      expect((await call(DESIGNER_KEY)).status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('lets a demo key make 150 requests within a second', async () => {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 150 }, () => post({ query: '{ __typename }' }, bearer(FRONTEND_KEY))));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
  });
});

describe('hostile operations (graphql-armor)', () => {
  it('lets every operation of the contract’s real use through', async () => {
    // The subscriptions stream (test/graphiql.test.ts runs them through the same plugins).
    for (const example of GRAPHIQL_EXAMPLES.filter((e) => !e.subscription)) {
      const op = parse(example.query).definitions[0] as OperationDefinitionNode;
      const res = await gw.graphql(print(op));
      expect(
        res.errors?.filter((e) => !e.extensions?.code?.startsWith('UPSTREAM')),
        op.name?.value,
      ).toBeUndefined();
    }
    const nested = `{ searchCustomers(text: "gmail", first: 50) { edges { node { name account { name } cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body customer { name } case { caseNumber } } } } } } } } } } }`;
    expect((await gw.graphql(nested)).errors).toBeUndefined();
  });

  it('refuses deep, wide, aliased, directive-heavy and long operations without naming the limits', async () => {
    const deep = `{ customer(id: "${gw.ids.contacts.ada}") { ${'cases { edges { node { customer { '.repeat(4)}name${' } } } }'.repeat(4)} } }`;
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: caseOptions { origins { value } }`).join(' ')} }`;
    const costly = `{ ${Array.from({ length: 5 }, (_, i) => `c${i}: searchCustomers(text: "gmail", first: 50) { edges { node { cases(first: 50) { edges { node { followUps(first: 50) { edges { node { body } } } } } } } } }`).join(' ')} }`;
    const directives = `{ __typename ${'@include(if: true) '.repeat(20)} }`;
    const tokens = `{ ${Array.from({ length: 1200 }, () => '__typename').join(' ')} }`;
    for (const [name, query] of Object.entries({ deep, aliases, costly, directives, tokens })) {
      const res = await gw.graphql(query);
      expect(res.data, name).toBeUndefined();
      expect(res.errors?.length, name).toBeGreaterThan(0);
      expect(JSON.stringify(res.errors), name).not.toMatch(/\b(14|20|10|2000|20000)\b|found/);
    }
    expect((await gw.calls()).apiRequests).toBe(0);
  });

  it('requires a CSRF header on GET and on form posts', async () => {
    const get = (headers: Record<string, string>) =>
      gw.yoga.fetch(`http://gateway.test/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept: 'application/json', ...bearer(FRONTEND_KEY), ...headers },
      });
    expect((await get({})).status).toBe(403);
    expect((await get({ 'x-graphql-yoga-csrf': '1' })).status).toBe(200);
    const form = await gw.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...bearer(FRONTEND_KEY) },
      body: 'query=%7B__typename%7D',
    });
    expect(form.status).toBe(403);
  });

  it('answers CORS only for allowed origins', async () => {
    const cors = await startTestGateway({ security: { corsOrigins: ['https://studio.example.com'] } });
    try {
      const preflight = (origin: string) =>
        cors.yoga.fetch('http://gateway.test/graphql', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
        });
      expect((await preflight('https://studio.example.com')).headers.get('access-control-allow-origin')).toBe('https://studio.example.com');
      expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
    } finally {
      await cors.close();
    }
  });
});

describe('production mode', () => {
  it('serves GraphiQL to designer keys only, and no stack traces to anyone', async () => {
    const prod = await startTestGateway({ env: 'production', settings: { smsOptOutField: 'Missing_Field__c' } });
    try {
      const page = (authorization?: string) =>
        prod.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', ...(authorization ? { authorization } : {}) } });
      const anonymous = await page();
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect((await page(`Basic ${Buffer.from('x:demo-agent-key').toString('base64')}`)).status).toBe(401);
      const designer = await page(`Basic ${Buffer.from('x:demo-designer-key').toString('base64')}`);
      expect(designer.status).toBe(200);
      expect(await designer.text()).toContain('query CallerContext');
      // A misconfigured field makes Salesforce refuse the query: masked, no stack, no upstream text.
      const broken = await prod.graphql(`{ customer(id: "${prod.emulators.salesforce.fixtures.contacts.ada}") { name } }`);
      expect(broken.errors).toEqual([
        { message: 'Unexpected error.', locations: expect.any(Array), path: ['customer'], extensions: { code: 'INTERNAL_ERROR', retryable: false } },
      ]);
      expect(JSON.stringify(broken)).not.toMatch(/stack|at \w+ \(|INVALID_FIELD/);
    } finally {
      await prod.close();
    }
  });
});
