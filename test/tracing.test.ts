/**
 * OpenTelemetry: a real OTLP/HTTP collector on port 0 receives what
 * the gateway exports. A request is a server span, its operation a child, and each HTTP attempt
 * to Salesforce a child of the operation with its kind, status and attempt number; the caller's
 * `traceparent` is honoured; the request's log line names the trace. Nothing of the request's
 * values (phone numbers, SOQL, variables) is in any span.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { control } from 'salesforce-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/gateway';

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: OtlpValue }[];
  status?: { code?: number };
}
interface Span {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean>;
  error: boolean;
}

const SERVER = 2;
const CLIENT = 3;

/** A collector: it keeps every OTLP/HTTP JSON body posted to /v1/traces. */
async function startCollector() {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/traces') bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const spans = (): Span[] =>
    bodies.flatMap((b) =>
      (JSON.parse(b) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((r) =>
        r.scopeSpans.flatMap((s) =>
          s.spans.map((x) => ({
            traceId: x.traceId,
            spanId: x.spanId,
            parentSpanId: x.parentSpanId || null,
            name: x.name,
            kind: x.kind,
            attributes: Object.fromEntries(
              x.attributes.map((a) => [a.key, a.value.stringValue ?? (a.value.intValue !== undefined ? Number(a.value.intValue) : a.value.boolValue!)]),
            ),
            error: x.status?.code === 2,
          })),
        ),
      ),
    );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
    bodies,
    spans,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const LOOKUP = 'query CallerLookup($p: String!) { customersByPhone(phone: $p) { outcome bestMatch { customer { name } } } }';
const traceparent = (trace: string, span: string) => `00-${trace}-${span}-01`;
const T = { lookup: 'a'.repeat(31) + '1', retried: 'b'.repeat(31) + '2', refused: 'c'.repeat(31) + '3', inline: 'd'.repeat(31) + '4' };
const PARENT = '1234567890abcdef';

describe('OpenTelemetry traces, exported over OTLP', () => {
  const lines: Record<string, unknown>[] = [];
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let gw: TestGateway;
  let spans: Span[];
  const ids: Record<string, string | null> = {};

  async function send(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    const res = await gw.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: 'Bearer demo-agent-key', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    await res.text();
    return { status: res.status, id: res.headers.get('x-request-id') };
  }

  beforeAll(async () => {
    collector = await startCollector();
    gw = await startTestGateway({
      tracing: { tracesUrl: collector.url, serviceName: 'gateway-under-test' },
      logger: pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) }),
    });
    ids.lookup = (await send(LOOKUP, { p: '+14155550134' }, { traceparent: traceparent(T.lookup, PARENT), 'x-request-id': 'traced-lookup' })).id;
    // One 503, then the retry answers: two attempts of the same call.
    await control(gw.emulators.url, 'PUT', 'faults', { failNext: 1 });
    ids.retried = (await send(LOOKUP, { p: '+14155550134' }, { traceparent: traceparent(T.retried, PARENT) })).id;
    await control(gw.emulators.url, 'DELETE', 'faults');
    ids.refused = (await send('{ __typename }', {}, { traceparent: traceparent(T.refused, PARENT), authorization: 'Bearer not-a-key-0123456789' })).id;
    ids.inline = (await send('{ customersByPhone(phone: "+14155550134") { outcome } }', {}, { traceparent: traceparent(T.inline, PARENT) })).id;
    ids.malformed = (await send('{ __typename }', {}, { traceparent: '00-not-a-trace-01' })).id;
    ids.untraced = (await send('{ __typename }', {}, {})).id;
    // Closing the app flushes the spans still buffered to the collector.
    await gw.close();
    spans = collector.spans();
  });
  afterAll(() => collector.close());

  const ofTrace = (trace: string) => spans.filter((s) => s.traceId === trace);
  const lineOf = (id: string | null | undefined) => lines.find((l) => l.requestId === id && l.msg === 'graphql operation');

  it('makes a server span under the caller’s parent, an operation span under it, and a client span per Salesforce call', () => {
    const trace = ofTrace(T.lookup);
    const request = trace.find((s) => s.kind === SERVER)!;
    expect(request).toMatchObject({ name: 'POST /graphql', parentSpanId: PARENT });
    expect(request.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 200, 'gateway.request_id': 'traced-lookup' });
    const operation = trace.find((s) => s.parentSpanId === request.spanId)!;
    expect(operation.name).toBe('query.CallerLookup');
    expect(operation.attributes['graphql.execute.operationName']).toBe('CallerLookup');
    const calls = trace.filter((s) => s.kind === CLIENT);
    // The lookup's two Salesforce calls (the search, then the compiled context), as the log says.
    expect(calls.length).toBe(lineOf(ids.lookup)!.salesforceCalls);
    expect(calls.length).toBeGreaterThan(0);
    // The request span carries the count too, as the log line does.
    expect(request.attributes['salesforce.calls']).toBe(calls.length);
    for (const call of calls) {
      expect(call.parentSpanId).toBe(operation.spanId);
      expect(call.name).toMatch(/^salesforce\.(search|query)$/);
      expect(call.attributes).toMatchObject({ 'salesforce.call.attempt': 1, 'salesforce.call.status': '200', 'http.request.method': 'GET' });
      expect(call.attributes['salesforce.call.kind']).toBe(call.name.slice('salesforce.'.length));
    }
    expect(trace.every((s) => !s.error)).toBe(true);
  });

  it('shows a retried call as two attempts, the first failed with its status and code', () => {
    const calls = ofTrace(T.retried).filter((s) => s.kind === CLIENT);
    const failed = calls.find((s) => s.error)!;
    expect(failed.attributes).toMatchObject({ 'salesforce.call.attempt': 1, 'salesforce.call.status': '503', 'salesforce.error_code': 'SERVER_UNAVAILABLE' });
    const retry = calls.find(
      (s) => s.attributes['salesforce.call.kind'] === failed.attributes['salesforce.call.kind'] && s.attributes['salesforce.call.attempt'] === 2,
    )!;
    expect(retry.attributes['salesforce.call.status']).toBe('200');
    expect(retry.parentSpanId).toBe(failed.parentSpanId);
  });

  it('traces a refused request as a server span with its status, and no operation', () => {
    const trace = ofTrace(T.refused);
    expect(trace.map((s) => s.name)).toEqual(['POST /graphql']);
    expect(trace[0]!.attributes['http.response.status_code']).toBe(401);
  });

  it('puts the trace id in the log line of the same request', () => {
    expect(lineOf(ids.lookup)!.traceId).toBe(T.lookup);
    expect(lineOf(ids.refused)!.traceId).toBe(T.refused);
    // A malformed traceparent starts a trace of our own; so does none.
    for (const id of [ids.malformed, ids.untraced]) {
      const traceId = lineOf(id)!.traceId as string;
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(ofTrace(traceId).map((s) => s.name)).toContain('query.anonymous');
    }
  });

  it('carries no phone number, SOQL, variables or document with inline values', () => {
    const all = collector.bodies.join('\n');
    expect(all).not.toMatch(/4155550134/);
    expect(all).not.toMatch(/SELECT|FIND \{/i);
    expect(all).toContain('gateway-under-test');
    const operation = ofTrace(T.inline).find((s) => s.name === 'query.anonymous')!;
    expect(operation.attributes['graphql.execute.document']).toBeUndefined();
    // A document without inline values is kept: it is the operation's shape, not its data.
    const lookup = ofTrace(T.lookup).find((s) => s.name === 'query.CallerLookup')!;
    expect(lookup.attributes['graphql.execute.document']).toContain('customersByPhone(phone: $p)');
  });
});

describe('with tracing off', () => {
  const lines: Record<string, unknown>[] = [];
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ logger: pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) }) });
  });
  afterAll(() => gw.close());

  it('still logs the caller’s trace id, and none when it sent no valid traceparent', async () => {
    const ask = async (headers: Record<string, string>) => {
      const res = await gw.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key', ...headers },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await res.text();
      return lines.find((l) => l.requestId === res.headers.get('x-request-id'))!;
    };
    expect((await ask({ traceparent: traceparent(T.lookup, PARENT) })).traceId).toBe(T.lookup);
    expect((await ask({ traceparent: '00-zz-01' })).traceId).toBeNull();
    expect((await ask({})).traceId).toBeNull();
  });
});
