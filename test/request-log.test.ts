/**
 * One log line per request, every request: the request id echoed,
 * the client and role, the operation, status, duration, error codes and Salesforce calls, and no
 * phone number or email in clear.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/gateway';

const lines: Record<string, unknown>[] = [];
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ logger: pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) }) });
});
afterAll(() => gw.close());

async function send(body: unknown, headers: Record<string, string>) {
  const res = await gw.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  await res.text();
  const id = res.headers.get('x-request-id');
  return { status: res.status, id, line: lines.find((l) => l.requestId === id && l.msg === 'graphql operation') };
}

describe('the request log', () => {
  it('logs a successful lookup with client, role, operation, calls and the echoed request id, and no phone number', async () => {
    const r = await send(
      { query: 'query CallerLookup($p: String!) { customersByPhone(phone: $p) { outcome } }', variables: { p: '+14155550134' } },
      { authorization: 'Bearer demo-agent-key', 'x-request-id': 'call-42' },
    );
    expect(r.id).toBe('call-42');
    expect(r.line).toMatchObject({
      status: 200,
      client: 'demo-agent',
      role: 'agent',
      operation: 'CallerLookup',
      errors: 0,
      errorCodes: [],
      salesforceCalls: 2,
      path: '/graphql',
    });
    expect(typeof r.line!.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/4155550134/);
  });

  it('logs a 401 with no client, and replaces a bad request id with a new one', async () => {
    const r = await send(
      { query: '{ __typename }' },
      { authorization: 'Bearer wrong-key-0123456789', 'x-request-id': 'bad id with spaces and a very long tail'.repeat(3) },
    );
    expect(r.status).toBe(401);
    expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.line).toMatchObject({ status: 401, client: null, role: null });
  });

  it('logs parse and validation failures with their codes', async () => {
    const invalid = await send({ query: '{ nope }' }, { authorization: 'Bearer demo-agent-key' });
    expect(invalid.line).toMatchObject({ client: 'demo-agent', errorCodes: ['GRAPHQL_VALIDATION_FAILED'], salesforceCalls: 0 });
    const broken = await send({ query: '{ customer(' }, { authorization: 'Bearer demo-agent-key' });
    expect(broken.line).toMatchObject({ client: 'demo-agent', salesforceCalls: 0 });
    expect((broken.line!.errorCodes as string[]).length).toBe(1);
    const coded = await send({ query: '{ customer(id: "nope") { name } }' }, { authorization: 'Bearer demo-agent-key' });
    expect(coded.line).toMatchObject({ errorCodes: ['BAD_USER_INPUT'] });
  });
});
