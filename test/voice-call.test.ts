/**
 * A whole voice call in at most 8 Salesforce calls: the defects found on the way, each
 * reproduced over HTTP against the emulator.
 */
import { describe, expect, it } from 'vitest';
import { control } from './support/emulator';
import { pino } from 'pino';
import { createApp } from '../src/app';
import { testConfig, useTestGateway } from './support/gateway';
import { operation as op, wholeVoiceCall } from './support/voice-call';

const gw = useTestGateway({ settings: { smsPerCustomerPerHour: 1 } });

type Outbox = { messages: { channel: string; to: string | string[]; body: string }[] };
const outbox = async () => (await control<Outbox>(gw.emulators.url, 'GET', 'outbox')).messages;
const SEND = `mutation($input: SendFollowUpInput!) { sendFollowUp(input: $input) {
  __typename
  ... on SendFollowUpSuccess { replayed followUp { id status } }
  ... on ConsentError { channel consentStatus }
  ... on ValidationError { fieldErrors { field code } }
  ... on IdempotencyConflictError { reason }
} }`;
const CREATE = 'mutation($input: CreateCaseInput!) { createCase(input: $input) { __typename ... on CreateCaseSuccess { replayed case { id } } } }';
const LOG = `mutation($input: LogCallInput!) { logCall(input: $input) {
  __typename
  ... on LogCallSuccess { replayed }
  ... on ValidationError { fieldErrors { field code message } }
} }`;

describe('an error page after the commit is an unknown outcome, never a racing winner', () => {
  for (const status of [500, 502] as const) {
    it(`sendFollowUp: the intent committed under a ${status} is finished (sent once), truthfully answered`, async () => {
      await control(gw.emulators.url, 'PUT', 'faults', { errorAfterCommitRate: 1, statusAfterCommit: status, errorMethod: 'POST' });
      const input = { customerId: gw.ids.contacts.ada, channel: 'SMS', body: `After a ${status}`, idempotencyKey: `after-commit-${status}` };
      const first = await gw.graphql(SEND, { input });
      expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
      expect(first.data).toMatchObject({ sendFollowUp: { __typename: 'SendFollowUpSuccess', replayed: false, followUp: { status: 'SENT' } } });
      expect(await outbox()).toHaveLength(1);
      await control(gw.emulators.url, 'DELETE', 'faults');
      const retry = await gw.graphql(SEND, { input });
      expect(retry.data).toMatchObject({ sendFollowUp: { __typename: 'SendFollowUpSuccess', replayed: true, followUp: { status: 'SENT' } } });
      expect(await outbox()).toHaveLength(1);
      const tasks = await gw.connection.conn.query(`SELECT Id FROM Task WHERE Gateway_Request_Key__c = 'demo-agent:after-commit-${status}'`);
      expect(tasks.totalSize).toBe(1);
    });

    it(`createCase: the case committed under a ${status} is answered as created (not replayed), once`, async () => {
      await control(gw.emulators.url, 'PUT', 'faults', { errorAfterCommitRate: 1, statusAfterCommit: status, errorMethod: 'POST' });
      const input = { customerId: gw.ids.contacts.ada, subject: `Created under a ${status}`, idempotencyKey: `case-after-${status}` };
      const first = await gw.graphql(CREATE, { input });
      expect(first.data).toMatchObject({ createCase: { __typename: 'CreateCaseSuccess', replayed: false } });
      await control(gw.emulators.url, 'DELETE', 'faults');
      const retry = await gw.graphql(CREATE, { input });
      expect(retry.data).toMatchObject({ createCase: { __typename: 'CreateCaseSuccess', replayed: true } });
      const cases = await gw.connection.conn.query(`SELECT Id FROM Case WHERE Gateway_Request_Key__c = 'demo-agent:case-after-${status}'`);
      expect(cases.totalSize).toBe(1);
    });
  }
});

describe('the other defects', () => {
  it('logCall refuses another customer’s case and writes nothing', async () => {
    const before = (await gw.connection.conn.query("SELECT Id FROM Task WHERE TaskSubtype = 'Call'")).totalSize;
    const res = await gw.graphql(LOG, {
      input: {
        customerId: gw.ids.contacts.grace,
        caseId: gw.ids.cases.adaOpen1,
        startedAt: new Date(Date.now() - 60_000).toISOString(),
        durationSeconds: 42,
        idempotencyKey: 'wrong-case',
      },
    });
    expect(res.data).toMatchObject({ logCall: { __typename: 'ValidationError', fieldErrors: [{ field: 'caseId', code: 'NOT_ALLOWED' }] } });
    expect((await gw.connection.conn.query("SELECT Id FROM Task WHERE TaskSubtype = 'Call'")).totalSize).toBe(before);
  });

  it('sendFollowUp checks consent before the hourly SMS cap', async () => {
    const ada = gw.ids.contacts.ada;
    const sent = await gw.graphql(SEND, { input: { customerId: ada, channel: 'SMS', body: 'One', idempotencyKey: 'cap-1' } });
    expect(sent.data).toMatchObject({ sendFollowUp: { __typename: 'SendFollowUpSuccess' } });
    // Ada is at the cap (1 an hour); now she opts out.
    await gw.connection.conn.sobject('Contact').update({ Id: ada, SMS_Opt_Out__c: true });
    const refused = await gw.graphql(SEND, { input: { customerId: ada, channel: 'SMS', body: 'Two', idempotencyKey: 'cap-2' } });
    expect(refused.data).toMatchObject({ sendFollowUp: { __typename: 'ConsentError', channel: 'SMS', consentStatus: 'OPTED_OUT' } });
    expect(await outbox()).toHaveLength(1);
  });
});

const stats = () => control<{ apiRequests: number }>(gw.emulators.url, 'GET', 'stats');

/** One whole voice call, as the PolyAI kit makes it; the Salesforce calls each step made, counted by the emulator. */
async function wholeCall(tag: string, steps: { name: string; document: string; variables: Record<string, unknown> }[] = []): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const results = await wholeVoiceCall(
    async (name, document, variables) => {
      const before = (await stats()).apiRequests;
      const res = await gw.graphql(document, variables);
      counts[name] = (await stats()).apiRequests - before;
      steps.push({ name, document, variables });
      expect(res.errors, `${name}: ${JSON.stringify(res.errors)}`).toBeUndefined();
      return Object.values(res.data as Record<string, Record<string, unknown>>)[0]!;
    },
    gw.ids.contacts.ada,
    tag,
  );
  expect(results.createCase).toMatchObject({ __typename: 'CreateCaseSuccess', replayed: false });
  expect(results.updateCase).toMatchObject({ __typename: 'UpdateCaseSuccess', replayed: false, comment: { id: expect.any(String) } });
  expect(results.recordConsent).toMatchObject({ __typename: 'RecordConsentSuccess', replayed: false });
  expect(results.sendFollowUp).toMatchObject({ __typename: 'SendFollowUpSuccess', replayed: false, followUp: { status: 'SENT' } });
  expect(results.logCall).toMatchObject({ __typename: 'LogCallSuccess', replayed: false });
  return counts;
}

describe('a whole voice call', () => {
  it('costs at most 8 Salesforce calls, one per write and two for the SMS', async () => {
    // The first call after start-up: start-up made the describes (test/metadata.test.ts).
    const counts = await wholeCall('measured');
    console.log('calls per step', JSON.stringify(counts));
    expect(counts).toEqual({ customersByPhone: 2, createCase: 1, updateCase: 1, recordConsent: 1, sendFollowUp: 2, logCall: 1 });
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8);
  });
});

describe('retries and mistakes are cheap', () => {
  it('a replay of each write costs at most one call, is `replayed`, and writes nothing', async () => {
    const steps: { name: string; document: string; variables: Record<string, unknown> }[] = [];
    await wholeCall('replayed', steps);
    const sent = (await outbox()).length;
    for (const { name, document, variables } of steps.filter((s) => s.name !== 'customersByPhone')) {
      const before = (await stats()).apiRequests;
      const res = await gw.graphql(document, variables);
      const data = Object.values(res.data as Record<string, Record<string, unknown>>)[0]!;
      expect(data, name).toMatchObject({ replayed: true });
      expect((await stats()).apiRequests - before, name).toBeLessThanOrEqual(1);
    }
    expect(await outbox()).toHaveLength(sent);
  });

  it('a write naming a customer or case that does not exist costs one call and writes nothing', async () => {
    const GHOST_CUSTOMER = '003000000000000AAA';
    const GHOST_CASE = '500000000000000AAA';
    const ada = gw.ids.contacts.ada;
    const attempts: [string, string, Record<string, unknown>, string][] = [
      ['createCase', op('CreateCase'), { input: { customerId: GHOST_CUSTOMER, subject: 'Nobody', idempotencyKey: 'ghost-case' } }, 'NotFoundError'],
      ['updateCase', op('AddToCase'), { input: { caseId: GHOST_CASE, comment: 'Nothing', idempotencyKey: 'ghost-update' } }, 'NotFoundError'],
      [
        'recordConsent',
        op('RecordConsent'),
        { input: { customerId: GHOST_CUSTOMER, channel: 'SMS', status: 'OPTED_IN', source: 'x', idempotencyKey: 'ghost-consent' } },
        'NotFoundError',
      ],
      ['sendFollowUp', op('SendFollowUp'), { input: { customerId: GHOST_CUSTOMER, channel: 'SMS', body: 'x', idempotencyKey: 'ghost-sms' } }, 'NotFoundError'],
      [
        'sendFollowUp case',
        op('SendFollowUp'),
        { input: { customerId: ada, caseId: GHOST_CASE, channel: 'SMS', body: 'x', idempotencyKey: 'ghost-sms-case' } },
        'NotFoundError',
      ],
      [
        'logCall',
        op('LogCall'),
        { input: { customerId: GHOST_CUSTOMER, startedAt: new Date(Date.now() - 60_000).toISOString(), durationSeconds: 5, idempotencyKey: 'ghost-log' } },
        'NotFoundError',
      ],
      [
        'logCall case',
        op('LogCall'),
        {
          input: {
            customerId: ada,
            caseId: GHOST_CASE,
            startedAt: new Date(Date.now() - 60_000).toISOString(),
            durationSeconds: 5,
            idempotencyKey: 'ghost-log-case',
          },
        },
        'NotFoundError',
      ],
    ];
    const tasks = async () => (await gw.connection.conn.query('SELECT COUNT() FROM Task')).totalSize;
    const cases = async () => (await gw.connection.conn.query('SELECT COUNT() FROM Case')).totalSize;
    const comments = async () => (await gw.connection.conn.query('SELECT COUNT() FROM CaseComment')).totalSize;
    const [t0, c0, m0] = [await tasks(), await cases(), await comments()];
    for (const [name, document, variables, typename] of attempts) {
      const before = (await stats()).apiRequests;
      const res = await gw.graphql(document, variables);
      expect(res.errors, name).toBeUndefined();
      expect(Object.values(res.data as Record<string, Record<string, unknown>>)[0], name).toMatchObject({ __typename: typename });
      expect((await stats()).apiRequests - before, name).toBeLessThanOrEqual(1);
    }
    expect([await tasks(), await cases(), await comments()]).toEqual([t0, c0, m0]);
    expect(await outbox()).toEqual([]);
  });
});

describe('text that Salesforce would read as a composite reference', () => {
  it('is refused up front, naming the field, and nothing is written or sent', async () => {
    const ada = gw.ids.contacts.ada;
    const res = await gw.graphql(op('SendFollowUp'), {
      input: { customerId: ada, channel: 'SMS', body: 'Your code is @{recipient.records[0].Email}', idempotencyKey: 'ref-sms' },
    });
    expect(res.data).toMatchObject({ sendFollowUp: { __typename: 'ValidationError', fieldErrors: [{ field: 'body', code: 'INVALID' }] } });
    const comment = await gw.graphql(op('AddToCase'), { input: { caseId: gw.ids.cases.adaOpen1, comment: 'see @{x}', idempotencyKey: 'ref-comment' } });
    expect(comment.data).toMatchObject({ updateCase: { __typename: 'ValidationError', fieldErrors: [{ field: 'comment', code: 'INVALID' }] } });
    expect((await stats()).apiRequests).toBe(0);
    expect(await outbox()).toEqual([]);
  });
});

describe('a replay of a record deleted since', () => {
  it('is a NotFoundError naming it, not an internal error', async () => {
    const input = { customerId: gw.ids.contacts.ada, subject: 'Deleted after', idempotencyKey: 'deleted-after' };
    const first = await gw.graphql(CREATE, { input });
    const id = (first.data as { createCase: { case: { id: string } } }).createCase.case.id;
    await gw.connection.conn.sobject('Case').destroy(id);
    const replay = await gw.graphql(CREATE, { input });
    expect(replay.errors).toBeUndefined();
    expect(replay.data).toMatchObject({ createCase: { __typename: 'NotFoundError' } });
  });
});

describe('a channel this gateway has no provider for', () => {
  it('is refused before any Salesforce call, writing nothing', async () => {
    const base = testConfig(gw.emulators.url);
    const app = await createApp({ ...base, messaging: { ...base.messaging, sms: null } }, { logger: pino({ level: 'silent' }) });
    try {
      const before = (await stats()).apiRequests;
      const res = await app.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({
          query: SEND,
          variables: { input: { customerId: gw.ids.contacts.ada, channel: 'SMS', body: 'Hello', idempotencyKey: 'no-provider' } },
        }),
      });
      const body = (await res.json()) as { data?: unknown };
      expect(body.data).toMatchObject({ sendFollowUp: { __typename: 'ValidationError', fieldErrors: [{ field: 'channel', code: 'NOT_ALLOWED' }] } });
      expect((await stats()).apiRequests - before).toBe(0);
    } finally {
      await app.close();
    }
  });
});
