/**
 * The rest of a call (contract revision 2): reading calls and comments, and the three new writes,
 * updateCase, logCall and recordConsent, each exactly once per idempotency key (a replay, a lost
 * answer, two replicas racing), each refusing bad input with nothing written.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { control } from './support/emulator';
import { startTestGateway, testConfig, useTestGateway, type TestGateway } from './support/gateway';

const gw = useTestGateway();

// Untyped on purpose: each test reads the few fields it asked for.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const run = async (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
  (await gw.graphql<Loose>(query, variables, headers)) as { data?: Loose; errors?: Loose[] };
const soql = async <T extends Record<string, unknown> = Record<string, unknown>>(q: string) => (await gw.connection.conn.query<T>(q)).records;
const count = async (q: string) => (await gw.connection.conn.query(q)).totalSize;

const UPDATE = `mutation U($input: UpdateCaseInput!) { updateCase(input: $input) { __typename
  ... on UpdateCaseSuccess { replayed case { id status priority description comments(first: 5) { edges { node { id body isPublic } } } } comment { id body isPublic createdAt } }
  ... on ValidationError { fieldErrors { field code message } }
  ... on NotFoundError { id }
  ... on IdempotencyConflictError { reason } } }`;
const LOG = `mutation L($input: LogCallInput!) { logCall(input: $input) { __typename
  ... on LogCallSuccess { replayed call { id direction from startedAt durationSeconds summary outcome externalCallId customer { id } case { id } } }
  ... on ValidationError { fieldErrors { field code } }
  ... on NotFoundError { id }
  ... on IdempotencyConflictError { reason } } }`;
const CONSENT = `mutation C($input: RecordConsentInput!) { recordConsent(input: $input) { __typename
  ... on RecordConsentSuccess { replayed customer { id consent { email sms call } } }
  ... on ValidationError { fieldErrors { field code message } }
  ... on NotFoundError { id }
  ... on IdempotencyConflictError { reason } } }`;

const STARTED = '2026-11-30T10:00:00.000Z';
const SEND =
  'mutation S($input: SendFollowUpInput!) { sendFollowUp(input: $input) { __typename ... on SendFollowUpSuccess { replayed } ... on IdempotencyConflictError { reason } } }';

describe('reading calls, comments and who called (revision 2)', () => {
  it('reads a case with its supplied fields, comments and calls, and a customer with their calls', async () => {
    const { data, errors } = await run(
      `query($id: ID!, $c: ID!) {
        case(id: $id) { suppliedName suppliedPhone suppliedEmail comments { edges { node { body isPublic createdAt } } } calls { edges { node { direction durationSeconds outcome } } } }
        customer(id: $c) { calls(first: 5) { edges { node { id direction from startedAt durationSeconds summary outcome externalCallId case { id } customer { id } } } pageInfo { hasNextPage } } }
      }`,
      { id: gw.ids.cases.adaOpen1, c: gw.ids.contacts.ada },
    );
    expect(errors).toBeUndefined();
    expect(data.case).toMatchObject({
      suppliedName: null,
      comments: { edges: [{ node: { body: 'Engineer booked for Thursday.', isPublic: false } }] },
      calls: { edges: [{ node: { direction: 'INBOUND', durationSeconds: 184, outcome: 'case created' } }] },
    });
    const call = data.customer.calls.edges[0].node;
    expect(call).toMatchObject({
      id: gw.ids.tasks.adaCall,
      from: '+14155550134',
      externalCallId: 'demo-conversation-0001',
      case: { id: gw.ids.cases.adaOpen1 },
      customer: { id: gw.ids.contacts.ada },
    });
    // Follow-ups are not calls, and calls are not follow-ups.
    expect(data.customer.calls.edges).toHaveLength(1);
    const followUps = await run('query($c: ID!) { customer(id: $c) { followUps { edges { node { id } } } } }', { c: gw.ids.contacts.ada });
    expect(followUps.data.customer.followUps.edges.map((e: Loose) => e.node.id)).not.toContain(gw.ids.tasks.adaCall);
  });

  it('resolves a call and a comment through node', async () => {
    const { data } = await run(
      'query($a: ID!, $b: ID!, $f: ID!) { a: node(id: $a) { __typename id } b: node(id: $b) { __typename id } f: node(id: $f) { __typename } }',
      {
        a: gw.ids.tasks.adaCall,
        b: gw.ids.comments.adaOpen1,
        f: gw.ids.tasks.adaSms,
      },
    );
    expect(data).toEqual({
      a: { __typename: 'Call', id: gw.ids.tasks.adaCall },
      b: { __typename: 'CaseComment', id: gw.ids.comments.adaOpen1 },
      f: { __typename: 'FollowUp' },
    });
  });
});

describe('updateCase', () => {
  const auditTasks = (caseId: string) => count(`SELECT COUNT() FROM Task WHERE WhatId = '${caseId}' AND Gateway_Request_Key__c != null`);

  it('changes the status and adds a comment in one transaction with a keyed audit task, never touching the description', async () => {
    const caseId = gw.ids.cases.adaOpen2;
    const before = (await soql<{ Description: string | null }>(`SELECT Description FROM Case WHERE Id = '${caseId}'`))[0]!.Description;
    const { data, errors } = await run(UPDATE, {
      input: { caseId, status: 'Closed', comment: 'Customer confirmed the invoice is right now.', idempotencyKey: 'upd-1' },
    });
    expect(errors).toBeUndefined();
    const result = data.updateCase;
    expect(result).toMatchObject({
      __typename: 'UpdateCaseSuccess',
      replayed: false,
      case: { status: 'Closed', description: before },
      comment: { body: 'Customer confirmed the invoice is right now.', isPublic: false },
    });
    expect(result.case.comments.edges[0].node.id).toBe(result.comment.id);
    const [audit] = await soql<{ Subject: string; Description: string; WhoId: string }>(
      `SELECT Subject, Description, WhoId FROM Task WHERE Gateway_Request_Key__c = 'demo-agent:upd-1'`,
    );
    // On the case alone: a reference to the case's ContactId could be one to a null field.
    expect(audit!.WhoId).toBeNull();
    expect(audit!.Description).toContain('Status: Closed');
    expect(audit!.Description).toContain(`Comment: ${result.comment.id}`);
    expect(audit!.Description).toContain('By: demo-agent');

    // The same key and input: the first result, nothing applied twice.
    const again = await run(UPDATE, { input: { caseId, status: 'Closed', comment: 'Customer confirmed the invoice is right now.', idempotencyKey: 'upd-1' } });
    expect(again.data.updateCase).toMatchObject({ __typename: 'UpdateCaseSuccess', replayed: true, comment: { id: result.comment.id } });
    expect(await count(`SELECT COUNT() FROM CaseComment WHERE ParentId = '${caseId}'`)).toBe(1);
    expect(await auditTasks(caseId)).toBe(1);
    // Another input under the same key is refused.
    const other = await run(UPDATE, { input: { caseId, status: 'Working', idempotencyKey: 'upd-1' } });
    expect(other.data.updateCase).toEqual({ __typename: 'IdempotencyConflictError', reason: 'DIFFERENT_INPUT' });
  });

  it('refuses values outside the org’s picklists, nothing to change, and unknown cases, writing nothing', async () => {
    const caseId = gw.ids.cases.graceOpen;
    const bad = await run(UPDATE, { input: { caseId, status: 'Pending', priority: 'Urgent', comment: 'x', idempotencyKey: 'upd-2' } });
    expect(bad.data.updateCase.__typename).toBe('ValidationError');
    expect(bad.data.updateCase.fieldErrors.map((e: Loose) => [e.field, e.code])).toEqual([
      ['status', 'INVALID_PICKLIST_VALUE'],
      ['priority', 'INVALID_PICKLIST_VALUE'],
    ]);
    expect(bad.data.updateCase.fieldErrors[0].message).toMatch(/New, Working, Escalated, Closed/);
    const empty = await run(UPDATE, { input: { caseId, idempotencyKey: 'upd-3' } });
    expect(empty.data.updateCase.fieldErrors).toEqual([expect.objectContaining({ field: 'input', code: 'REQUIRED' })]);
    const missing = await run(UPDATE, { input: { caseId: '500000000000000AAA', status: 'Working', idempotencyKey: 'upd-4' } });
    expect(missing.data.updateCase).toMatchObject({ __typename: 'NotFoundError' });
    const notACase = await run(UPDATE, { input: { caseId: gw.ids.contacts.ada, status: 'Working', idempotencyKey: 'upd-5' } });
    expect(notACase.data.updateCase.fieldErrors).toEqual([expect.objectContaining({ field: 'caseId', code: 'INVALID' })]);
    expect((await soql<{ Status: string }>(`SELECT Status FROM Case WHERE Id = '${caseId}'`))[0]!.Status).toBe('New');
    expect(await count(`SELECT COUNT() FROM CaseComment WHERE ParentId = '${caseId}'`)).toBe(0);
    expect(await auditTasks(caseId)).toBe(0);
  });

  it('rolls the whole change back when Salesforce refuses part of it (a validation rule), and says why', async () => {
    const caseId = gw.ids.cases.graceOpen;
    // Escalated_Needs_High_Priority: the Case change fails, so the comment and audit task must not stay.
    const { data } = await run(UPDATE, { input: { caseId, status: 'Escalated', priority: 'Low', comment: 'Escalating', idempotencyKey: 'upd-6' } });
    expect(data.updateCase).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'priority', code: 'INVALID', message: 'Escalated cases must have High priority.' }],
    });
    expect(await count(`SELECT COUNT() FROM CaseComment WHERE ParentId = '${caseId}'`)).toBe(0);
    expect(await auditTasks(caseId)).toBe(0);
  });

  it('applies a change once when its answer was lost after commit and the client retried', async () => {
    const caseId = gw.ids.cases.adaOpen3;
    const input = { caseId, comment: 'Replacement cards shipped.', commentIsPublic: true, idempotencyKey: 'upd-7' };
    await control(gw.emulators.url, 'PUT', 'faults', { dropResponseAfterCommitRate: 1 });
    const first = await run(UPDATE, { input });
    await control(gw.emulators.url, 'DELETE', 'faults');
    // Acknowledged (the gateway looked the key up before answering), or refused retryably: never doubled.
    const retry = await run(UPDATE, { input });
    expect(retry.data.updateCase).toMatchObject({ __typename: 'UpdateCaseSuccess', comment: { body: 'Replacement cards shipped.', isPublic: true } });
    if (first.data?.updateCase) expect(first.data.updateCase.comment.id).toBe(retry.data.updateCase.comment.id);
    expect(await count(`SELECT COUNT() FROM CaseComment WHERE ParentId = '${caseId}'`)).toBe(1);
  });
});

describe('logCall', () => {
  const input = (over: Record<string, unknown> = {}) => ({
    customerId: gw.ids.contacts.grace,
    caseId: gw.ids.cases.graceOpen,
    from: '(415) 555-0199',
    startedAt: STARTED,
    durationSeconds: 125,
    summary: 'Asked about the compiler bug; told it is being worked on.',
    outcome: 'informed',
    externalCallId: 'conv-77',
    idempotencyKey: 'call-1',
    ...over,
  });

  it('logs a completed call Task on the customer and the case, once per key', async () => {
    const { data, errors } = await run(LOG, { input: input() });
    expect(errors).toBeUndefined();
    expect(data.logCall).toMatchObject({
      __typename: 'LogCallSuccess',
      replayed: false,
      call: {
        direction: 'INBOUND',
        from: '+14155550199',
        startedAt: STARTED,
        durationSeconds: 125,
        outcome: 'informed',
        externalCallId: 'conv-77',
        customer: { id: gw.ids.contacts.grace },
        case: { id: gw.ids.cases.graceOpen },
      },
    });
    const [row] = await soql(
      `SELECT TaskSubtype, Type, CallType, CallDurationInSeconds, CallObject, CallDisposition, Status, IsClosed, WhoId, WhatId FROM Task WHERE Id = '${data.logCall.call.id}'`,
    );
    expect(row).toMatchObject({
      TaskSubtype: 'Call',
      Type: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 125,
      CallObject: 'conv-77',
      CallDisposition: 'informed',
      Status: 'Completed',
      IsClosed: true,
    });
    const again = await run(LOG, { input: input() });
    expect(again.data.logCall).toMatchObject({ replayed: true, call: { id: data.logCall.call.id } });
    expect(await count("SELECT COUNT() FROM Task WHERE CallObject = 'conv-77'")).toBe(1);
    const seen = await run('query($c: ID!) { case(id: $c) { calls { edges { node { id } } } } }', { c: gw.ids.cases.graceOpen });
    expect(seen.data.case.calls.edges.map((e: Loose) => e.node.id)).toEqual([data.logCall.call.id]);
  });

  it('takes the case’s customer when only the case is named, and logs an outbound call with no customer', async () => {
    const onCase = await run(LOG, { input: input({ customerId: null, idempotencyKey: 'call-2' }) });
    expect(onCase.data.logCall.call.customer).toEqual({ id: gw.ids.contacts.grace });
    const anonymous = await run(LOG, { input: input({ customerId: null, caseId: null, direction: 'OUTBOUND', from: null, idempotencyKey: 'call-3' }) });
    expect(anonymous.data.logCall.call).toMatchObject({ direction: 'OUTBOUND', customer: null, case: null, from: null });
  });

  it('refuses bad input with every problem at once, and unknown records, writing nothing', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const bad = await run(LOG, {
      input: input({
        durationSeconds: -1,
        from: 'call me',
        startedAt: future,
        outcome: 'x'.repeat(256),
        caseId: gw.ids.contacts.ada,
        idempotencyKey: 'call-4',
      }),
    });
    expect(bad.data.logCall.fieldErrors.map((e: Loose) => e.field).sort()).toEqual(['caseId', 'durationSeconds', 'from', 'outcome', 'startedAt']);
    const unknown = await run(LOG, { input: input({ customerId: '003000000000000AAA', idempotencyKey: 'call-5' }) });
    expect(unknown.data.logCall).toMatchObject({ __typename: 'NotFoundError', id: '003000000000000AAA' });
    expect(await count("SELECT COUNT() FROM Task WHERE CallObject = 'conv-77'")).toBe(0);
  });

  it('retries a keyed write that Salesforce answered 503 (surely not applied), and writes it once', async () => {
    await control(gw.emulators.url, 'PUT', 'faults', { failNext: 1, errorMethod: 'POST' });
    const { data } = await run(LOG, { input: input({ idempotencyKey: 'call-503' }) });
    await control(gw.emulators.url, 'DELETE', 'faults');
    expect(data.logCall.__typename).toBe('LogCallSuccess');
    const writes = (await gw.statements()).filter((r) => r.kind === 'composite');
    expect(writes.map((r) => r.status)).toEqual([503, 200]);
    expect(await count("SELECT COUNT() FROM Task WHERE Gateway_Request_Key__c = 'demo-agent:call-503'")).toBe(1);
  });

  it('logs a call once when its answer was lost after commit', async () => {
    await control(gw.emulators.url, 'PUT', 'faults', { dropResponseAfterCommitRate: 1 });
    await run(LOG, { input: input({ idempotencyKey: 'call-6' }) });
    await control(gw.emulators.url, 'DELETE', 'faults');
    const retry = await run(LOG, { input: input({ idempotencyKey: 'call-6' }) });
    expect(retry.data.logCall.__typename).toBe('LogCallSuccess');
    expect(await count("SELECT COUNT() FROM Task WHERE Gateway_Request_Key__c = 'demo-agent:call-6'")).toBe(1);
  });
});

describe('recordConsent', () => {
  const auditOf = async (key: string) =>
    (
      await soql<{ Subject: string; Description: string; WhoId: string }>(
        `SELECT Subject, Description, WhoId FROM Task WHERE Gateway_Request_Key__c = 'demo-agent:${key}'`,
      )
    )[0];

  it('writes the org’s consent field with an audit task of who, when, how and on which call', async () => {
    const customerId = gw.ids.contacts.ada;
    const input = {
      customerId,
      channel: 'SMS',
      status: 'OPTED_OUT',
      source: 'said "stop texting me" on an inbound call',
      externalCallId: 'conv-9',
      idempotencyKey: 'consent-1',
    };
    const { data } = await run(CONSENT, { input });
    expect(data.recordConsent).toMatchObject({
      __typename: 'RecordConsentSuccess',
      replayed: false,
      customer: { consent: { sms: 'OPTED_OUT', email: 'UNKNOWN', call: 'UNKNOWN' } },
    });
    expect((await soql<{ SMS_Opt_Out__c: boolean }>(`SELECT SMS_Opt_Out__c FROM Contact WHERE Id = '${customerId}'`))[0]!.SMS_Opt_Out__c).toBe(true);
    const audit = await auditOf('consent-1');
    expect(audit).toMatchObject({ Subject: 'Consent: text messages opted out', WhoId: customerId });
    for (const line of [
      'Channel: SMS',
      'Status: OPTED_OUT',
      'Source: said "stop texting me" on an inbound call',
      'Call: conv-9',
      'By: demo-agent',
      'SMS_Opt_Out__c = true',
    ])
      expect(audit!.Description).toContain(line);
    expect(audit!.Description).toMatch(/At: \d{4}-\d{2}-\d{2}T/);
    const again = await run(CONSENT, { input });
    expect(again.data.recordConsent.replayed).toBe(true);
    expect(await count(`SELECT COUNT() FROM Task WHERE WhoId = '${customerId}' AND Subject LIKE 'Consent:%'`)).toBe(1);
    // A follow-up by SMS is now refused, as opted out.
    const sms = await run('mutation($i: SendFollowUpInput!) { sendFollowUp(input: $i) { __typename ... on ConsentError { channel consentStatus } } }', {
      i: { customerId, channel: 'SMS', body: 'Hi', idempotencyKey: 'fu-after-optout' },
    });
    expect(sms.data.sendFollowUp).toEqual({ __typename: 'ConsentError', channel: 'SMS', consentStatus: 'OPTED_OUT' });
  });

  it('records a statement once when its answer was lost after commit', async () => {
    const input = {
      customerId: gw.ids.contacts.grace,
      channel: 'CALL',
      status: 'OPTED_OUT',
      source: 'asked for no more calls',
      idempotencyKey: 'consent-lost',
    };
    await control(gw.emulators.url, 'PUT', 'faults', { dropResponseAfterCommitRate: 1 });
    await run(CONSENT, { input });
    await control(gw.emulators.url, 'DELETE', 'faults');
    const retry = await run(CONSENT, { input });
    expect(retry.data.recordConsent).toMatchObject({ __typename: 'RecordConsentSuccess', customer: { consent: { call: 'OPTED_OUT' } } });
    expect(await count("SELECT COUNT() FROM Task WHERE Gateway_Request_Key__c = 'demo-agent:consent-lost'")).toBe(1);
  });

  it('opts back in to email by clearing the opt-out, and refuses UNKNOWN, a blank source and unknown customers', async () => {
    const customerId = gw.ids.contacts.rosalind;
    const { data } = await run(CONSENT, {
      input: { customerId, channel: 'EMAIL', status: 'OPTED_IN', source: 'asked for the invoice by email', idempotencyKey: 'consent-2' },
    });
    expect(data.recordConsent.customer.consent.email).toBe('UNKNOWN');
    expect((await soql<{ HasOptedOutOfEmail: boolean }>(`SELECT HasOptedOutOfEmail FROM Contact WHERE Id = '${customerId}'`))[0]!.HasOptedOutOfEmail).toBe(
      false,
    );
    const bad = await run(CONSENT, { input: { customerId, channel: 'CALL', status: 'UNKNOWN', source: '  ', idempotencyKey: 'consent-3' } });
    expect(bad.data.recordConsent.fieldErrors.map((e: Loose) => [e.field, e.code])).toEqual([
      ['status', 'INVALID'],
      ['source', 'REQUIRED'],
    ]);
    const missing = await run(CONSENT, {
      input: { customerId: '003000000000000AAA', channel: 'CALL', status: 'OPTED_OUT', source: 'said so', idempotencyKey: 'consent-4' },
    });
    expect(missing.data.recordConsent.__typename).toBe('NotFoundError');
    expect((await soql<{ DoNotCall: boolean }>(`SELECT DoNotCall FROM Contact WHERE Id = '${customerId}'`))[0]!.DoNotCall).toBe(true);
    expect(await auditOf('consent-3')).toBeUndefined();
  });
});

describe('two replicas racing on one key, with no shared store between them', () => {
  let a: App;
  let b: App;
  beforeAll(async () => {
    // Each replica has its own claims: only Salesforce's unique key stands between them.
    const config = testConfig(gw.emulators.url);
    a = await createApp(config, { logger: pino({ level: 'silent' }) });
    b = await createApp(config, { logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });
  const send = async (app: App, query: string, variables: Record<string, unknown>) => {
    const res = await app.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data: Loose };
  };

  it('applies an update, a consent, a call and a follow-up once', async () => {
    const update = { caseId: gw.ids.cases.adaOpen1, comment: 'Raced', idempotencyKey: 'race-1' };
    const consent = { customerId: gw.ids.contacts.grace, channel: 'CALL', status: 'OPTED_OUT', source: 'said no more calls', idempotencyKey: 'race-2' };
    const call = { customerId: gw.ids.contacts.grace, startedAt: STARTED, durationSeconds: 10, externalCallId: 'race-call', idempotencyKey: 'race-3' };
    const followUp = { customerId: gw.ids.contacts.ada, channel: 'SMS', body: 'Raced text', idempotencyKey: 'race-4' };
    const results = await Promise.all([
      ...[a, b, a, b].map((app) => send(app, UPDATE, { input: update })),
      ...[a, b, a, b].map((app) => send(app, CONSENT, { input: consent })),
      ...[a, b, a, b].map((app) => send(app, LOG, { input: call })),
      ...[a, b, a, b].map((app) => send(app, SEND, { input: followUp })),
    ]);
    const outcomes = results.map((r) => Object.values(r.data)[0] as Loose);
    // Each call succeeds, or meets its own replica's first call still running (IN_PROGRESS).
    for (const o of outcomes) expect(o.__typename === 'IdempotencyConflictError' ? o.reason : o.__typename).toMatch(/Success$|^IN_PROGRESS$/);
    for (const op of [0, 4, 8, 12]) expect(outcomes.slice(op, op + 4).filter((o) => o.replayed === false)).toHaveLength(1);
    // The seeded comment and one of ours (CommentBody, a long text area, cannot be filtered on).
    expect(await count(`SELECT COUNT() FROM CaseComment WHERE ParentId = '${gw.ids.cases.adaOpen1}'`)).toBe(2);
    expect(await count("SELECT COUNT() FROM Task WHERE Gateway_Request_Key__c IN ('demo-agent:race-1', 'demo-agent:race-2', 'demo-agent:race-3')")).toBe(3);
    expect(await count("SELECT COUNT() FROM Task WHERE CallObject = 'race-call'")).toBe(1);
    // One text sent: the SMS provider saw one message.
    expect(await count("SELECT COUNT() FROM Task WHERE Gateway_Request_Key__c = 'demo-agent:race-4'")).toBe(1);
    const sent = await control<{ messages: { body: string }[] }>(gw.emulators.url, 'GET', 'outbox');
    expect(sent.messages.filter((m) => m.body === 'Raced text')).toHaveLength(1);
  });
});

describe('the consent policy', () => {
  let optIn: TestGateway;
  beforeAll(async () => {
    optIn = await startTestGateway({ settings: { consentPolicy: { SMS: 'opt-in', EMAIL: 'opt-out' }, smsOptInField: 'SMS_Opt_In__c' } });
  });
  afterAll(() => optIn.close());
  const sms = (key: string) =>
    optIn.graphql<Loose>(
      'mutation($i: SendFollowUpInput!) { sendFollowUp(input: $i) { __typename ... on ConsentError { channel consentStatus message } ... on SendFollowUpSuccess { followUp { status } } } }',
      {
        i: { customerId: optIn.emulators.salesforce.fixtures.contacts.ada, channel: 'SMS', body: 'Your engineer comes Thursday.', idempotencyKey: key },
      },
    );

  it('opt-in sends only once the customer said yes; opt-out (the default) sends unless they said no', async () => {
    const before = await sms('policy-1');
    expect(before.data.sendFollowUp).toMatchObject({ __typename: 'ConsentError', channel: 'SMS', consentStatus: 'UNKNOWN' });
    expect(before.data.sendFollowUp.message).toMatch(/recordConsent/);
    const said = await optIn.graphql<Loose>(CONSENT, {
      input: {
        customerId: optIn.emulators.salesforce.fixtures.contacts.ada,
        channel: 'SMS',
        status: 'OPTED_IN',
        source: 'said yes, text me',
        idempotencyKey: 'policy-yes',
      },
    });
    expect(said.data.recordConsent.customer.consent.sms).toBe('OPTED_IN');
    const after = await sms('policy-2');
    expect(after.data.sendFollowUp.__typename).toBe('SendFollowUpSuccess');
    // The same customer on the default gateway (opt-out): UNKNOWN is enough.
    const open = await run('mutation($i: SendFollowUpInput!) { sendFollowUp(input: $i) { __typename } }', {
      i: { customerId: gw.ids.contacts.ada, channel: 'SMS', body: 'Hello', idempotencyKey: 'policy-3' },
    });
    expect(open.data.sendFollowUp.__typename).toBe('SendFollowUpSuccess');
  });
});

describe('FORBIDDEN names the role a mutation needs', () => {
  it('tells a designer key that mutations need an agent key', async () => {
    const { errors } = await run(
      UPDATE,
      { input: { caseId: gw.ids.cases.adaOpen1, comment: 'x', idempotencyKey: 'forbidden-1' } },
      { authorization: 'Bearer demo-designer-key' },
    );
    expect(errors![0]).toMatchObject({
      message: "Only an agent API key may run mutations; this key's role is designer.",
      extensions: { code: 'FORBIDDEN', requiredRole: 'agent' },
    });
  });
});
