import { describe, expect, it } from 'vitest';
import { graphql } from './__generated__';
import { control } from './support/emulator';
import { startTestGateway, useTestGateway } from './support/gateway';

const gw = useTestGateway();

const CreateCase = graphql(`
  mutation CreateCase($input: CreateCaseInput!) {
    createCase(input: $input) {
      __typename
      ... on CreateCaseSuccess {
        replayed
        case { id caseNumber subject description status priority origin isClosed customer { id } }
      }
      ... on ValidationError { message fieldErrors { field code message } }
      ... on NotFoundError { message id }
      ... on IdempotencyConflictError { message reason }
      ... on Error { message }
    }
  }
`);

const CreateThenRead = graphql(`
  mutation CreateThenRead($input: CreateCaseInput!) {
    createCase(input: $input) {
      ... on CreateCaseSuccess {
        case { id customer { cases(status: OPEN, first: 10) { edges { node { id } } } } }
      }
    }
  }
`);

const count = async (where: string) => (await gw.connection.conn.query(`SELECT COUNT() FROM Case WHERE ${where}`)).totalSize;

describe('createCase', () => {
  it('creates a case for a customer, with their account and the default origin and status', async () => {
    const { data, errors } = await gw.execute(CreateCase, {
      input: { customerId: gw.ids.contacts.ada, subject: '  Engine overheats  ', description: 'Since Tuesday.', idempotencyKey: 'conv-1' },
    });
    expect(errors).toBeUndefined();
    const created = data!.createCase;
    expect(created).toMatchObject({
      __typename: 'CreateCaseSuccess',
      replayed: false,
      case: {
        subject: 'Engine overheats',
        description: 'Since Tuesday.',
        status: 'New',
        priority: 'Medium',
        origin: 'Phone',
        isClosed: false,
        customer: { id: gw.ids.contacts.ada },
      },
    });
    const id = (created as { case: { id: string } }).case.id;
    const row = (await gw.connection.conn.sobject('Case').retrieve(id)) as unknown as Record<string, unknown>;
    expect(row).toMatchObject({ ContactId: gw.ids.contacts.ada, AccountId: gw.ids.accounts.acme, Gateway_Request_Key__c: 'demo-agent:conv-1' });
    expect(row.Gateway_Request_Fingerprint__c).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records who called when there is no customer record', async () => {
    const { data } = await gw.execute(CreateCase, {
      input: {
        suppliedName: 'Pat Doe',
        suppliedPhone: '+1 415 555 0111',
        suppliedEmail: 'pat@example.org',
        subject: 'Wrong delivery',
        priority: 'Low',
        origin: 'Web',
        idempotencyKey: 'conv-2',
      },
    });
    const id = (data!.createCase as { case: { id: string; customer: unknown } }).case.id;
    expect((data!.createCase as { case: { customer: unknown } }).case.customer).toBeNull();
    const row = (await gw.connection.conn.sobject('Case').retrieve(id)) as unknown as Record<string, unknown>;
    expect(row).toMatchObject({
      SuppliedName: 'Pat Doe',
      SuppliedPhone: '+1 415 555 0111',
      SuppliedEmail: 'pat@example.org',
      ContactId: null,
      Priority: 'Low',
      Origin: 'Web',
    });
  });

  it('refuses bad input with one FieldError per problem and writes nothing', async () => {
    const before = await count('Id != null');
    const { data } = await gw.execute(CreateCase, {
      input: {
        customerId: gw.ids.contacts.ada,
        subject: 'x'.repeat(256),
        status: 'Pondering',
        priority: 'Urgent',
        origin: 'Carrier pigeon',
        suppliedEmail: 'not-an-email',
        idempotencyKey: 'conv-3',
      },
    });
    expect(data!.createCase).toMatchObject({ __typename: 'ValidationError' });
    const fieldErrors = (data!.createCase as { fieldErrors: { field: string; code: string }[] }).fieldErrors;
    expect(fieldErrors.map((e) => [e.field, e.code]).sort()).toEqual(
      [
        ['origin', 'INVALID_PICKLIST_VALUE'],
        ['priority', 'INVALID_PICKLIST_VALUE'],
        ['status', 'INVALID_PICKLIST_VALUE'],
        ['subject', 'TOO_LONG'],
        ['suppliedEmail', 'INVALID'],
      ].sort(),
    );
    for (const input of [
      { subject: '   ', idempotencyKey: 'k' },
      { subject: 'ok', idempotencyKey: '' },
      { subject: 'ok', idempotencyKey: 'k'.repeat(65) },
      { subject: 'ok', idempotencyKey: 'has spaces and/slashes' },
      { subject: 'ok', idempotencyKey: 'k', customerId: "003' OR Id != '" },
    ]) {
      const res = await gw.execute(CreateCase, { input });
      expect(res.data!.createCase.__typename, JSON.stringify(input)).toBe('ValidationError');
    }
    expect(await count('Id != null')).toBe(before);
  });

  it('answers NotFoundError for a customer that does not exist', async () => {
    const { data } = await gw.execute(CreateCase, { input: { customerId: '003000000000000AAA', subject: 'x', idempotencyKey: 'conv-4' } });
    expect(data!.createCase).toEqual({ __typename: 'NotFoundError', message: expect.any(String), id: '003000000000000AAA' });
    expect(await count("Gateway_Request_Key__c = 'demo-agent:conv-4'")).toBe(0);
  });

  it('turns a Salesforce validation rule into a ValidationError with its field', async () => {
    const { data } = await gw.execute(CreateCase, { input: { subject: 'Escalate me', status: 'Escalated', priority: 'Low', idempotencyKey: 'conv-5' } });
    expect(data!.createCase).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'priority', code: 'INVALID', message: 'Escalated cases must have High priority.' }],
    });
  });

  it('replays a retry with the same key and input, refuses a different input', async () => {
    const input = { customerId: gw.ids.contacts.grace, subject: 'Printer jam', idempotencyKey: 'conv-6' };
    const first = await gw.execute(CreateCase, { input });
    const second = await gw.execute(CreateCase, { input: { ...input, customerId: gw.ids.contacts.grace.slice(0, 15) } });
    expect(second.data!.createCase).toMatchObject({
      __typename: 'CreateCaseSuccess',
      replayed: true,
      case: { id: (first.data!.createCase as { case: { id: string } }).case.id },
    });
    const other = await gw.execute(CreateCase, { input: { ...input, subject: 'Printer on fire' } });
    expect(other.data!.createCase).toMatchObject({ __typename: 'IdempotencyConflictError', reason: 'DIFFERENT_INPUT' });
    expect(await count("Gateway_Request_Key__c = 'demo-agent:conv-6'")).toBe(1);
    expect(await count("Subject = 'Printer on fire'")).toBe(0);
  });

  it('keeps a replay from overwriting what people changed on the case since', async () => {
    const input = { customerId: gw.ids.contacts.grace, subject: 'Noisy fan', idempotencyKey: 'conv-7' };
    const first = await gw.execute(CreateCase, { input });
    const id = (first.data!.createCase as { case: { id: string } }).case.id;
    await gw.connection.conn.sobject('Case').update({ Id: id, Status: 'Working' });
    const again = await gw.execute(CreateCase, { input });
    expect(again.data!.createCase).toMatchObject({ replayed: true, case: { id, status: 'Working' } });
  });

  it('creates exactly one case for 20 concurrent calls with one key', async () => {
    const input = { customerId: gw.ids.contacts.ada, subject: 'Twenty at once', idempotencyKey: 'conv-8' };
    const results = await Promise.all(Array.from({ length: 20 }, () => gw.execute(CreateCase, { input })));
    const kinds = results.map((r) => (r.data!.createCase as { __typename: string; reason?: string }).__typename);
    expect(kinds.filter((k) => k === 'CreateCaseSuccess').length).toBeGreaterThanOrEqual(1);
    for (const r of results) {
      const c = r.data!.createCase as { __typename: string; reason?: string };
      if (c.__typename !== 'CreateCaseSuccess') expect(c).toMatchObject({ __typename: 'IdempotencyConflictError', reason: 'IN_PROGRESS' });
    }
    expect(await count("Gateway_Request_Key__c = 'demo-agent:conv-8'")).toBe(1);
    // Once the first call has finished, a retry is a replay of that one case.
    const retry = await gw.execute(CreateCase, { input });
    expect(retry.data!.createCase).toMatchObject({ __typename: 'CreateCaseSuccess', replayed: true });
  });

  it('acknowledges a case whose answer was lost after Salesforce committed it, exactly once', async () => {
    await control(gw.emulators.url, 'PUT', 'faults', { dropResponseAfterCommitRate: 1 });
    const input = { customerId: gw.ids.contacts.ada, subject: 'Lost answer', idempotencyKey: 'conv-9' };
    const first = await gw.execute(CreateCase, { input });
    await control(gw.emulators.url, 'DELETE', 'faults');
    expect(first.data?.createCase).toMatchObject({ __typename: 'CreateCaseSuccess', replayed: false });
    const retry = await gw.execute(CreateCase, { input });
    expect(retry.data!.createCase).toMatchObject({ __typename: 'CreateCaseSuccess', replayed: true });
    expect(await count("Gateway_Request_Key__c = 'demo-agent:conv-9'")).toBe(1);
  });

  it('answers an outage as a coded, retryable error, with nothing written', async () => {
    await control(gw.emulators.url, 'PUT', 'faults', { errorRate: 1 });
    const { data, errors } = await gw.execute(CreateCase, { input: { subject: 'During the outage', idempotencyKey: 'conv-10' } });
    await control(gw.emulators.url, 'DELETE', 'faults');
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(await count("Gateway_Request_Key__c = 'demo-agent:conv-10'")).toBe(0);
  });

  it('lets later reads in the same request see the new case', async () => {
    const { data } = await gw.execute(CreateThenRead, { input: { customerId: gw.ids.contacts.grace, subject: 'Seen at once', idempotencyKey: 'conv-11' } });
    const created = data!.createCase as { case: { id: string; customer: { cases: { edges: { node: { id: string } }[] } } } };
    expect(created.case.customer.cases.edges.map((e) => e.node.id)).toContain(created.case.id);
  });
});

describe('createCase in an org without the idempotency fields', () => {
  it('falls back to the gateway’s own key store: a retry still finds the first case', async () => {
    const local = await startTestGateway({ settings: { idempotencyKeyField: 'Missing_Key__c', fingerprintField: 'Missing_Fingerprint__c' } });
    try {
      const input = { customerId: local.emulators.salesforce.fixtures.contacts.ada, subject: 'Fallback', idempotencyKey: 'conv-12' };
      const first = await local.execute(CreateCase, { input });
      const second = await local.execute(CreateCase, { input });
      expect(first.data!.createCase).toMatchObject({ __typename: 'CreateCaseSuccess', replayed: false });
      expect(second.data!.createCase).toMatchObject({ __typename: 'CreateCaseSuccess', replayed: true });
      expect((await local.connection.conn.query("SELECT COUNT() FROM Case WHERE Subject = 'Fallback'")).totalSize).toBe(1);
      const other = await local.execute(CreateCase, { input: { ...input, subject: 'Other' } });
      expect(other.data!.createCase).toMatchObject({ reason: 'DIFFERENT_INPUT' });
    } finally {
      await local.close();
    }
  });
});
