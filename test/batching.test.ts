import { describe, expect, it } from 'vitest';
import { graphql } from './__generated__';
import { control } from './support/emulator';
import { startTestGateway, useTestGateway } from './support/gateway';

const gw = useTestGateway();

const NestedSearch = graphql(`
  query NestedSearch($text: String!, $first: Int!) {
    searchCustomers(text: $text, first: $first) {
      edges {
        node {
          name
          account { name }
          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }
        }
      }
    }
  }
`);

const NestedPhone = graphql(`
  query NestedPhone($phone: String!, $first: Int!) {
    customersByPhone(phone: $phone, first: $first) {
      matches {
        customer {
          name
          account { name }
          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }
        }
      }
    }
  }
`);

const FollowUps = graphql(`
  query FollowUps($id: ID!) {
    customer(id: $id) {
      name
      followUps(first: 10) {
        edges { node { id channel to subject body status createdAt customer { name } case { caseNumber } } }
      }
    }
  }
`);

describe('upstream call budget', () => {
  it.each([
    ['Lovelace', 1],
    ['gmail', 10],
    ['gmail', 50],
  ])('searchCustomers(%s, first: %i) with accounts, cases and follow-ups costs at most 4 calls', async (text, first) => {
    const { data, errors } = await gw.execute(NestedSearch, { text, first });
    expect(errors).toBeUndefined();
    const customers = data!.searchCustomers!.edges;
    expect(customers).toHaveLength(first);
    const cases = customers.flatMap((c) => c.node.cases!.edges);
    expect(cases.length).toBeGreaterThanOrEqual(first);
    // One SOSL for the customers, then one statement with their cases and the cases' follow-ups.
    expect((await gw.calls()).byKind).toEqual({ search: 1, query: 1 });
  });

  it.each([1, 10, 50])('customersByPhone with %i matching customers costs at most 5 calls', async (n) => {
    const records = Array.from({ length: n }, (_, i) => ({ attributes: { type: 'Contact' }, LastName: `Shared ${i}`, MobilePhone: '+1 (415) 555-0123' }));
    await gw.connection.conn.requestPost('/services/data/v62.0/composite/sobjects', { allOrNone: true, records });
    const before = (await gw.calls()).apiRequests;
    const { data, errors } = await gw.execute(NestedPhone, { phone: '+14155550123', first: 50 });
    expect(errors).toBeUndefined();
    expect(data!.customersByPhone!.matches).toHaveLength(n);
    expect((await gw.calls()).apiRequests - before).toBeLessThanOrEqual(4);
  });

  it('batches hundreds of lookups into chunked IN lists that stay under the URI limit', async () => {
    // 300 aliases are far beyond what armor lets a client send; this gateway relaxes the limits.
    const wide = await startTestGateway({ limits: { maxAliases: 400, maxTokens: 10_000, maxCost: 100_000 } });
    try {
      const ids = (await wide.connection.conn.query<{ Id: string }>('SELECT Id FROM Contact ORDER BY Id LIMIT 300')).records.map((r) => r.Id);
      await control(wide.emulators.url, 'POST', 'reset');
      const query = `{ ${ids.map((id, i) => `c${i}: customer(id: "${id}") { id }`).join(' ')} }`;
      const { data, errors } = await wide.graphql<Record<string, { id: string }>>(query);
      expect(errors).toBeUndefined();
      expect(Object.values(data!).map((c) => c.id)).toEqual(ids);
      const { requests } = await control<{ requests: { statement?: string; status: number }[] }>(wide.emulators.url, 'GET', 'requests');
      expect(requests.map((s) => s.status)).toEqual([200, 200]);
      for (const s of requests) expect(encodeURIComponent(s.statement!).length).toBeLessThan(12_000);
    } finally {
      await wide.close();
    }
  });
});

describe('follow-ups', () => {
  it('lists a customer’s follow-ups newest first, with their customer and case', async () => {
    const { data } = await gw.execute(FollowUps, { id: gw.ids.contacts.ada });
    expect(data?.customer?.followUps?.edges.map((e) => e.node)).toEqual([
      {
        id: gw.ids.tasks.adaEmail,
        channel: 'EMAIL',
        to: 'ada@example.com',
        subject: 'Your invoice',
        body: 'A corrected invoice is attached.',
        status: 'SENT',
        createdAt: '2026-09-12T00:00:00.000Z',
        customer: { name: 'Ada Lovelace' },
        case: { caseNumber: '00001003' },
      },
      expect.objectContaining({ id: gw.ids.tasks.adaSms, channel: 'SMS', status: 'DELIVERED', case: { caseNumber: '00001002' } }),
    ]);
  });

  it('leaves out tasks that are not follow-ups', async () => {
    await gw.connection.conn.sobject('Task').create({ WhoId: gw.ids.contacts.ada, Subject: 'Call back', Status: 'Not Started' });
    const { data } = await gw.execute(FollowUps, { id: gw.ids.contacts.ada });
    expect(data?.customer?.followUps?.edges).toHaveLength(2);
  });
});

describe('caller context in one round trip', () => {
  const CallerContext = graphql(`
    query OneTrip($phone: String!) {
      customersByPhone(phone: $phone, first: 3) {
        outcome
        bestMatch {
          customer {
            id
            name
            account { name }
            consent { sms email call }
            cases(status: OPEN, first: 5) { edges { node { caseNumber subject followUps(first: 3) { edges { node { channel status } } } } } }
            followUps(first: 3) { edges { node { channel to status } } }
          }
        }
      }
    }
  `);

  it('reads the caller with account, consent, open cases, their follow-ups and their own follow-ups in 2 calls, 1 round', async () => {
    // A little latency makes the two arms overlap for certain; rounds are counted by event order.
    await control(gw.emulators.url, 'PUT', 'faults', { latencyMs: 20 });
    const { data, errors } = await gw.execute(CallerContext, { phone: '+14155550134' });
    expect(errors).toBeUndefined();
    const customer = data!.customersByPhone!.bestMatch!.customer;
    expect(customer.name).toBe('Ada Lovelace');
    expect(customer.cases!.edges).toHaveLength(3);
    expect(customer.cases!.edges.some((e) => e.node.followUps!.edges.length > 0)).toBe(true);
    expect(customer.followUps!.edges).toHaveLength(2);
    expect((await gw.calls()).apiRequests).toBe(2);
    expect(await gw.rounds()).toBe(1);
  });

  it('answers exactly what the loaders answer, page by page', async () => {
    const compiled = await gw.execute(CallerContext, { phone: '+14155550134' });
    // The same customer through node(id:) reads each list with its own loader.
    const viaLoaders = await gw.graphql<{ node: unknown }>(
      `{ node(id: "${gw.ids.contacts.ada}") { ... on Customer { id name account { name } consent { sms email call }
         cases(status: OPEN, first: 5) { edges { node { caseNumber subject followUps(first: 3) { edges { node { channel status } } } } } }
         followUps(first: 3) { edges { node { channel to status } } } } } }`,
    );
    expect(viaLoaders.data!.node).toEqual(compiled.data!.customersByPhone!.bestMatch!.customer);
  });

  it('reads through named and inline fragments as through plain fields: still 2 calls, the same answer', async () => {
    const plain = await gw.execute(CallerContext, { phone: '+14155550134' });
    const before = (await gw.calls()).apiRequests;
    const fragmented = await gw.graphql<{ customersByPhone: { bestMatch: { customer: unknown } } }>(
      `query Fragmented($phone: String!) { customersByPhone(phone: $phone, first: 3) { outcome bestMatch { customer { ...Who ...Open } } } }
       fragment Who on Customer { id name account { name } consent { sms email call } }
       fragment Open on Customer {
         cases(status: OPEN, first: 5) { edges { node { ... on Case { caseNumber subject } ...CaseFollowUps } } }
         ... { followUps(first: 3) { edges { node { channel to status } } } }
       }
       fragment CaseFollowUps on Case { followUps(first: 3) { edges { node { channel status } } } }`,
      { phone: '+14155550134' },
    );
    expect(fragmented.errors).toBeUndefined();
    expect(fragmented.data!.customersByPhone.bestMatch.customer).toEqual(plain.data!.customersByPhone!.bestMatch!.customer);
    // The look-ahead found the lists through the fragments: no loader call beyond the two arms.
    expect((await gw.calls()).apiRequests - before).toBe(2);
  });
});

describe('partial failure', () => {
  it('nulls only the field whose upstream call failed, with a coded, retryable error and no upstream text', async () => {
    await control(gw.emulators.url, 'PUT', 'faults', { errorRate: 1, errorStatementContains: 'FROM Tasks' });
    const res = await gw.execute(NestedSearch, { text: 'Lovelace', first: 1 });
    const customer = res.data!.searchCustomers!.edges[0]!.node;
    expect(customer.name).toBe('Ada Lovelace');
    expect(customer.cases!.edges).toHaveLength(4);
    expect(customer.cases!.edges.every((e) => e.node.followUps === null)).toBe(true);
    expect(res.errors).toHaveLength(4);
    expect(res.errors![0]).toEqual({
      message: 'Salesforce is unavailable; try again shortly.',
      path: ['searchCustomers', 'edges', 0, 'node', 'cases', 'edges', 0, 'node', 'followUps'],
      locations: expect.any(Array),
      extensions: { code: 'UPSTREAM_UNAVAILABLE', retryable: true },
    });
    expect(JSON.stringify(res)).not.toMatch(/SERVER_UNAVAILABLE|temporarily|services\/data/);
  });

  it('reports an exhausted API limit as UPSTREAM_LIMIT', async () => {
    await control(gw.emulators.url, 'PUT', 'faults', { errorRate: 1, errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    const { data, errors } = await gw.execute(FollowUps, { id: gw.ids.contacts.ada });
    expect(data?.customer).toBeNull();
    expect(errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_LIMIT', retryable: true });
  });
});
