import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { testConfig, useTestGateway } from './support/gateway';

const gw = useTestGateway();

describe('caseOptions', () => {
  it('answers from the org describe, cached across requests', async () => {
    const query = '{ caseOptions { statuses { value label isDefault } priorities { value isDefault } origins { value } } }';
    const first = await gw.graphql(query);
    expect(first.errors).toBeUndefined();
    expect(first.data).toEqual({
      caseOptions: {
        statuses: [
          { value: 'New', label: 'New', isDefault: true },
          { value: 'Working', label: 'Working', isDefault: false },
          { value: 'Escalated', label: 'Escalated', isDefault: false },
          { value: 'Closed', label: 'Closed', isDefault: false },
        ],
        priorities: [
          { value: 'High', isDefault: false },
          { value: 'Medium', isDefault: true },
          { value: 'Low', isDefault: false },
        ],
        origins: [{ value: 'Phone' }, { value: 'Email' }, { value: 'Web' }],
      },
    });
    await gw.graphql(query);
    expect((await gw.calls()).byKind.describe ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('GraphiQL', () => {
  it('opens with the designers’ example operations, bundled rather than from a CDN', async () => {
    const res = await gw.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const op of ['query CallerContext', 'query CustomerWithOpenCases', 'query CaseOptions', 'mutation OpenCase', 'mutation TextCustomer'])
      expect(html).toContain(op);
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr/);
  });

  it('goes out gzip-compressed to a browser that accepts it (9 MB otherwise)', async () => {
    const plain = await (await gw.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } })).arrayBuffer();
    const res = await gw.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const compressed = Buffer.from(await res.arrayBuffer());
    expect(compressed.length).toBeLessThan(plain.byteLength / 3);
    expect(gunzipSync(compressed).equals(Buffer.from(plain))).toBe(true);
    // GraphQL answers are left as they are.
    const answer = await gw.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answer.headers.get('content-encoding')).toBeNull();
  });

  it('carries an ETag, so that a reload revalidates and gets 304 with no body', async () => {
    const page = { accept: 'text/html', 'accept-encoding': 'gzip' };
    const first = await gw.yoga.fetch('http://gateway.test/graphql', { headers: page });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toMatch(/accept-encoding/);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(Number(first.headers.get('content-length'))).toBe(bytes.length);
    // The same page, the same tag and the same compressed bytes.
    const again = await gw.yoga.fetch('http://gateway.test/graphql', { headers: page });
    expect(again.headers.get('etag')).toBe(etag);
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    const reload = await gw.yoga.fetch('http://gateway.test/graphql', { headers: { ...page, 'if-none-match': `W/"other", ${etag}` } });
    expect(reload.status).toBe(304);
    expect(reload.headers.get('etag')).toBe(etag);
    expect((await reload.arrayBuffer()).byteLength).toBe(0);
    // A tag the page no longer has gets the page.
    const other = await gw.yoga.fetch('http://gateway.test/graphql', { headers: { ...page, 'if-none-match': '"stale"' } });
    expect(other.status).toBe(200);
  });

  it('is off in production', async () => {
    const prod = await createApp(testConfig(gw.emulators.url, { env: 'production' }), { logger: pino({ level: 'silent' }), allowHttpInstanceUrl: true });
    const res = await prod.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toContain('CallerContext');
    await prod.close();
  });
});

describe('errors', () => {
  it('masks unexpected failures as "Unexpected error." (INTERNAL_ERROR) and logs the cause', async () => {
    // A misconfigured org field makes Salesforce refuse the query (INVALID_FIELD): our bug, not the caller's.
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    const broken = await createApp(testConfig(gw.emulators.url, { settings: { smsOptOutField: 'Missing_Field__c' } }), { logger });
    const res = await broken.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
      body: JSON.stringify({ query: `{ customer(id: "${gw.ids.contacts.ada}") { name } caseOptions { origins { value } } }` }),
    });
    const body = (await res.json()) as { data: Record<string, unknown>; errors: { message: string; extensions: unknown }[] };
    expect(body.data.customer).toBeNull();
    expect(body.data.caseOptions).not.toBeNull();
    expect(body.errors).toEqual([
      { message: 'Unexpected error.', locations: expect.any(Array), path: ['customer'], extensions: { code: 'INTERNAL_ERROR', retryable: false } },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/INVALID_FIELD|Missing_Field__c|stack/);
    expect(lines.join('\n')).toContain('INVALID_FIELD');
    await broken.close();
  });

  it('passes validation errors through', async () => {
    const bad = await gw.graphql('{ nope }');
    expect(bad.errors?.[0]?.message).toMatch(/Cannot query field "nope"/);
  });
});
