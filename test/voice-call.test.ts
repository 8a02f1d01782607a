/**
 * Issue 20, "A whole voice call in at most 8 Salesforce calls": the defects found on the way, each
 * reproduced over HTTP against the emulator.
 */
import { describe, expect, it } from 'vitest';
import { control } from './support/emulator';
import { useTestGateway } from './support/gateway';

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
      input: { customerId: gw.ids.contacts.grace, caseId: gw.ids.cases.adaOpen1, startedAt: new Date(Date.now() - 60_000).toISOString(), durationSeconds: 42, idempotencyKey: 'wrong-case' },
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
