import { describe, expect, it } from 'vitest';
import { graphql } from './__generated__';
import { useTestGateway } from './support/gateway';

const gw = useTestGateway();

const CustomerCases = graphql(`
  query CustomerCases($id: ID!, $status: CaseStatusFilter = ALL, $first: Int! = 10, $after: String) {
    customer(id: $id) {
      cases(status: $status, first: $first, after: $after) {
        edges { cursor node { id caseNumber subject status isClosed createdAt closedAt } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`);

const CaseById = graphql(`
  query CaseById($id: ID!) {
    case(id: $id) {
      id
      salesforceId
      caseNumber
      subject
      description
      status
      priority
      origin
      isClosed
      createdAt
      closedAt
      customer { id name }
      followUps(first: 5) { edges { node { id channel to body status } } }
    }
  }
`);

const ByNumber = graphql(`
  query ByNumber($caseNumber: String!, $customerId: ID) {
    caseByNumber(caseNumber: $caseNumber, customerId: $customerId) { id caseNumber }
  }
`);

describe('Customer.cases', () => {
  it('lists cases newest first, filtered by status', async () => {
    const all = await gw.execute(CustomerCases, { id: gw.ids.contacts.ada });
    expect(all.data?.customer?.cases?.edges.map((e) => e.node.subject)).toEqual([
      'Punch cards arrived damaged',
      'Invoice shows the wrong address',
      'Analytical engine will not start',
      'Engine makes a grinding noise',
    ]);
    const open = await gw.execute(CustomerCases, { id: gw.ids.contacts.ada, status: 'OPEN' });
    expect(open.data?.customer?.cases?.edges.map((e) => [e.node.id, e.node.isClosed])).toEqual([
      [gw.ids.cases.adaOpen3, false],
      [gw.ids.cases.adaOpen2, false],
      [gw.ids.cases.adaOpen1, false],
    ]);
    const closed = await gw.execute(CustomerCases, { id: gw.ids.contacts.ada, status: 'CLOSED' });
    expect(closed.data?.customer?.cases?.edges).toEqual([
      expect.objectContaining({
        node: expect.objectContaining({ id: gw.ids.cases.adaClosed, isClosed: true, status: 'Closed', closedAt: '2026-07-13T00:00:00.000Z' }),
      }),
    ]);
    expect(all.data?.customer?.cases?.edges[0]?.node.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
  });

  it('pages with keyset cursors, and a case created meanwhile does not shift later pages', async () => {
    const first = await gw.execute(CustomerCases, { id: gw.ids.contacts.ada, first: 2 });
    const page1 = first.data!.customer!.cases!;
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    await gw.connection.conn.sobject('Case').create({ Subject: 'Brand new', ContactId: gw.ids.contacts.ada });
    const second = await gw.execute(CustomerCases, { id: gw.ids.contacts.ada, first: 2, after: page1.pageInfo.endCursor });
    const page2 = second.data!.customer!.cases!;
    expect(page2.edges.map((e) => e.node.id)).toEqual([gw.ids.cases.adaOpen1, gw.ids.cases.adaClosed]);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('refuses bad paging arguments with BAD_USER_INPUT, keeping the rest of the answer', async () => {
    for (const variables of [{ first: 0 }, { first: 51 }, { after: 'bm9wZQ' }]) {
      const { data, errors } = await gw.execute(CustomerCases, { id: gw.ids.contacts.ada, ...variables });
      expect(data?.customer).toEqual({ cases: null });
      expect(errors?.[0]).toMatchObject({ path: ['customer', 'cases'], extensions: { code: 'BAD_USER_INPUT', retryable: false } });
    }
  });
});

describe('case(id:) and caseByNumber', () => {
  it('reads a case with its customer and follow-ups', async () => {
    const { data, errors } = await gw.execute(CaseById, { id: gw.ids.cases.adaOpen1 });
    expect(errors).toBeUndefined();
    expect(data?.case).toMatchObject({
      id: gw.ids.cases.adaOpen1,
      salesforceId: gw.ids.cases.adaOpen1,
      caseNumber: '00001002',
      subject: 'Analytical engine will not start',
      status: 'New',
      priority: 'High',
      origin: 'Phone',
      isClosed: false,
      closedAt: null,
      customer: { id: gw.ids.contacts.ada, name: 'Ada Lovelace' },
      followUps: {
        edges: [
          { node: { id: gw.ids.tasks.adaSms, channel: 'SMS', to: '+14155550134', body: 'We received your case about the engine.', status: 'DELIVERED' } },
        ],
      },
    });
  });

  it('finds a case by its number with or without leading zeros, scoped to a customer when asked', async () => {
    for (const caseNumber of ['1002', '00001002', '001002']) {
      const { data } = await gw.execute(ByNumber, { caseNumber });
      expect(data?.caseByNumber, caseNumber).toEqual({ id: gw.ids.cases.adaOpen1, caseNumber: '00001002' });
    }
    expect((await gw.execute(ByNumber, { caseNumber: '1002', customerId: gw.ids.contacts.ada })).data?.caseByNumber?.id).toBe(gw.ids.cases.adaOpen1);
    expect((await gw.execute(ByNumber, { caseNumber: '1002', customerId: gw.ids.contacts.grace })).data?.caseByNumber).toBeNull();
    expect((await gw.execute(ByNumber, { caseNumber: '99999999' })).data?.caseByNumber).toBeNull();
    for (const caseNumber of ['', 'abc', "1' OR CaseNumber != '", '12345678901']) {
      const { errors } = await gw.execute(ByNumber, { caseNumber });
      expect(errors?.[0]?.extensions?.code, caseNumber).toBe('BAD_USER_INPUT');
    }
  });
});
