import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEMO_SMS, twilioSignature } from 'salesforce-emulator';
import { graphql } from './__generated__';
import { control } from './support/emulator';
import { startTestGateway, useTestGateway } from './support/gateway';

const gw = useTestGateway();

const Send = graphql(`
  mutation Send($input: SendFollowUpInput!) {
    sendFollowUp(input: $input) {
      __typename
      ... on SendFollowUpSuccess { replayed followUp { id channel to subject body status customer { id } case { id } } }
      ... on ValidationError { fieldErrors { field code message } }
      ... on NotFoundError { id }
      ... on ConsentError { channel }
      ... on IdempotencyConflictError { reason }
      ... on DeliveryError { channel failed: followUp { id status to } }
      ... on Error { message }
    }
  }
`);

const Status = graphql(`
  query FollowUpStatus($id: ID!) {
    node(id: $id) { ... on FollowUp { status } }
  }
`);

type Outbox = { messages: { channel: string; id: string; to: string | string[]; body: string; subject?: string; statusCallback?: string | null }[] };
const outbox = async () => (await control<Outbox>(gw.emulators.url, 'GET', 'outbox')).messages;
const sms = (overrides: Record<string, unknown> = {}) => ({
  customerId: gw.ids.contacts.ada,
  channel: 'SMS' as const,
  body: 'Your case 00001002 is being worked on.',
  idempotencyKey: 'msg-1',
  ...overrides,
});
type Success = { replayed: boolean; followUp: { id: string; channel: string; to: string; status: string; subject: string | null; body: string } };

describe('sendFollowUp by SMS', () => {
  it('sends to the mobile in E.164, records the Task on the customer and case, and marks it SENT', async () => {
    const { data, errors } = await gw.execute(Send, { input: sms({ caseId: gw.ids.cases.adaOpen1 }) });
    expect(errors).toBeUndefined();
    expect(data!.sendFollowUp).toMatchObject({
      __typename: 'SendFollowUpSuccess',
      replayed: false,
      followUp: {
        channel: 'SMS',
        to: '+14155550134',
        status: 'SENT',
        body: 'Your case 00001002 is being worked on.',
        customer: { id: gw.ids.contacts.ada },
        case: { id: gw.ids.cases.adaOpen1 },
      },
    });
    const id = (data!.sendFollowUp as Success).followUp.id;
    expect(await outbox()).toEqual([
      expect.objectContaining({
        channel: 'SMS',
        to: '+14155550134',
        body: 'Your case 00001002 is being worked on.',
        statusCallback: `http://gateway.test/webhooks/sms/status?followUp=${id}`,
      }),
    ]);
    const task = (await gw.connection.conn.sobject('Task').retrieve(id)) as unknown as Record<string, unknown>;
    expect(task).toMatchObject({
      WhoId: gw.ids.contacts.ada,
      WhatId: gw.ids.cases.adaOpen1,
      Follow_Up_Channel__c: 'SMS',
      Follow_Up_To__c: '+14155550134',
      Follow_Up_Status__c: 'SENT',
      Description: 'Your case 00001002 is being worked on.',
      Gateway_Request_Key__c: 'demo-agent:msg-1',
      Status: 'Completed',
    });
  });

  it('falls back to the phone, and accepts an explicit number of the customer’s in any format', async () => {
    const grace = await gw.execute(Send, { input: sms({ customerId: gw.ids.contacts.grace, idempotencyKey: 'msg-2' }) });
    expect((grace.data!.sendFollowUp as Success).followUp.to).toBe('+14155550199'); // stored "(415) 555-0199"
    const joan = await gw.execute(Send, { input: sms({ customerId: gw.ids.contacts.joan, to: '415.555.0177', idempotencyKey: 'msg-3' }) });
    expect((joan.data!.sendFollowUp as Success).followUp.to).toBe('+14155550177'); // her HomePhone
  });

  it('refuses a number that is not the customer’s: the gateway does not message arbitrary numbers', async () => {
    const { data } = await gw.execute(Send, { input: sms({ to: '+14155550199', idempotencyKey: 'msg-4' }) });
    expect(data!.sendFollowUp).toEqual({
      __typename: 'ValidationError',
      message: expect.any(String),
      fieldErrors: [{ field: 'to', code: 'NOT_ALLOWED', message: expect.any(String) }],
    });
    expect(await outbox()).toEqual([]);
  });

  it('refuses an opted-out customer with ConsentError and sends nothing; the intent stays, marked refused, and a retry is refused alike', async () => {
    const { data } = await gw.execute(Send, { input: sms({ customerId: gw.ids.contacts.rosalind, idempotencyKey: 'msg-5' }) });
    expect(data!.sendFollowUp).toMatchObject({ __typename: 'ConsentError', channel: 'SMS' });
    expect(await outbox()).toEqual([]);
    // Consent was read in the same call as the intent was written: the intent records the refusal.
    const intents = await gw.connection.conn.query<{ Follow_Up_Status__c: string; Subject: string }>(
      `SELECT Follow_Up_Status__c, Subject FROM Task WHERE WhoId = '${gw.ids.contacts.rosalind}'`,
    );
    expect(intents.records).toEqual([
      expect.objectContaining({ Follow_Up_Status__c: 'FAILED', Subject: expect.stringMatching(/^Refused \(CONSENT_OPTED_OUT\)/) }),
    ]);
    const again = await gw.execute(Send, { input: sms({ customerId: gw.ids.contacts.rosalind, idempotencyKey: 'msg-5' }) });
    expect(again.data!.sendFollowUp).toMatchObject({ __typename: 'ConsentError', channel: 'SMS' });
    expect(await outbox()).toEqual([]);
  });

  it('validates the input before anything is written', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ body: 'x'.repeat(1601) }, 'body', 'TOO_LONG'],
      [{ body: '  ' }, 'body', 'REQUIRED'],
      [{ idempotencyKey: 'k'.repeat(65) }, 'idempotencyKey', 'TOO_LONG'],
      [{ customerId: 'nope' }, 'customerId', 'INVALID'],
      [{ caseId: gw.ids.cases.graceOpen }, 'caseId', 'NOT_ALLOWED'],
      [{ to: 'not a number' }, 'to', 'INVALID'],
    ];
    for (const [overrides, field, code] of cases) {
      const { data } = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-6', ...overrides }) });
      expect(data!.sendFollowUp, JSON.stringify(overrides)).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field, code }] });
    }
    const missing = await gw.execute(Send, { input: sms({ customerId: '003000000000000AAA', idempotencyKey: 'msg-7' }) });
    expect(missing.data!.sendFollowUp).toMatchObject({ __typename: 'NotFoundError', id: '003000000000000AAA' });
    const noCase = await gw.execute(Send, { input: sms({ caseId: '500000000000000AAA', idempotencyKey: 'msg-7' }) });
    expect(noCase.data!.sendFollowUp).toMatchObject({ __typename: 'NotFoundError', id: '500000000000000AAA' });
    expect(await outbox()).toEqual([]);
    expect((await gw.calls()).byKind.sobject ?? 0).toBe(0);
  });

  it('records a provider refusal (a landline) as FAILED and answers DeliveryError with it', async () => {
    await control(gw.emulators.url, 'PUT', 'sms/faults', { refuse: ['+14155550134'] });
    const { data } = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-8' }) });
    expect(data!.sendFollowUp).toMatchObject({ __typename: 'DeliveryError', channel: 'SMS', failed: { status: 'FAILED', to: '+14155550134' } });
    expect(await outbox()).toEqual([]);
  });

  it('sends once per key: a retry replays, a different input conflicts', async () => {
    const first = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-9' }) });
    const again = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-9' }) });
    expect(again.data!.sendFollowUp).toMatchObject({
      __typename: 'SendFollowUpSuccess',
      replayed: true,
      followUp: { id: (first.data!.sendFollowUp as Success).followUp.id },
    });
    const other = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-9', body: 'Something else' }) });
    expect(other.data!.sendFollowUp).toMatchObject({ __typename: 'IdempotencyConflictError', reason: 'DIFFERENT_INPUT' });
    expect(await outbox()).toHaveLength(1);
  });

  it('sends one SMS for 20 concurrent calls with one key', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => gw.execute(Send, { input: sms({ idempotencyKey: 'msg-10' }) })));
    for (const r of results) {
      const t = r.data!.sendFollowUp as { __typename: string; reason?: string };
      if (t.__typename !== 'SendFollowUpSuccess') expect(t).toMatchObject({ __typename: 'IdempotencyConflictError', reason: 'IN_PROGRESS' });
    }
    expect(await outbox()).toHaveLength(1);
    expect((await gw.connection.conn.query("SELECT COUNT() FROM Task WHERE Gateway_Request_Key__c = 'demo-agent:msg-10'")).totalSize).toBe(1);
  });

  it('never sends twice when the answer to recording SENT was lost after the provider accepted', async () => {
    // Every Salesforce write commits and then loses its answer: the intent, then the SENT mark.
    await control(gw.emulators.url, 'PUT', 'faults', { dropResponseAfterCommitRate: 1 });
    const first = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-11' }) });
    await control(gw.emulators.url, 'DELETE', 'faults');
    expect(first.data?.sendFollowUp).toMatchObject({ __typename: 'SendFollowUpSuccess', replayed: false });
    const retry = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-11' }) });
    expect(retry.data!.sendFollowUp).toMatchObject({ __typename: 'SendFollowUpSuccess', replayed: true });
    expect(await outbox()).toHaveLength(1);
  });

  it('never sends twice when the provider’s answer was lost after it accepted the message', async () => {
    await control(gw.emulators.url, 'PUT', 'sms/faults', { dropResponseAfterAcceptRate: 1 });
    const first = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-12' }) });
    expect(first.data).toBeNull();
    expect(first.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    await control(gw.emulators.url, 'DELETE', 'sms/faults');
    const retry = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-12' }) });
    expect(retry.data!.sendFollowUp).toMatchObject({ __typename: 'IdempotencyConflictError', reason: 'IN_PROGRESS' });
    expect(await outbox()).toHaveLength(1);
    // The delivery report still finds the follow-up, through the id in its callback URL.
    const [message] = await outbox();
    const followUpId = new URL(message!.statusCallback!).searchParams.get('followUp')!;
    await postStatus(followUpId, message!.id, 'delivered');
    expect((await gw.execute(Status, { id: followUpId })).data?.node).toEqual({ status: 'DELIVERED' });
  });
});

describe('sendFollowUp by email', () => {
  const email = (overrides: Record<string, unknown> = {}) => ({
    customerId: gw.ids.contacts.ada,
    channel: 'EMAIL' as const,
    subject: 'Your case',
    body: 'We are on it.',
    idempotencyKey: 'mail-1',
    ...overrides,
  });

  it('sends through emailSimple to the customer’s email and records it', async () => {
    const { data } = await gw.execute(Send, { input: email() });
    expect(data!.sendFollowUp).toMatchObject({
      __typename: 'SendFollowUpSuccess',
      followUp: { channel: 'EMAIL', to: 'ada@example.com', subject: 'Your case', status: 'SENT' },
    });
    expect(await outbox()).toEqual([expect.objectContaining({ channel: 'EMAIL', to: ['ada@example.com'], subject: 'Your case', body: 'We are on it.' })]);
  });

  it('needs a subject, refuses another address, and respects the email opt-out', async () => {
    expect((await gw.execute(Send, { input: email({ subject: null }) })).data!.sendFollowUp).toMatchObject({
      fieldErrors: [{ field: 'subject', code: 'REQUIRED' }],
    });
    expect((await gw.execute(Send, { input: email({ to: 'someone@else.example', idempotencyKey: 'mail-2' }) })).data!.sendFollowUp).toMatchObject({
      fieldErrors: [{ field: 'to', code: 'NOT_ALLOWED' }],
    });
    expect((await gw.execute(Send, { input: email({ customerId: gw.ids.contacts.rosalind, idempotencyKey: 'mail-3' }) })).data!.sendFollowUp).toMatchObject({
      __typename: 'ConsentError',
      channel: 'EMAIL',
    });
    expect(await outbox()).toEqual([]);
  });
});

async function postStatus(followUpId: string, sid: string, status: string, signWith: string = DEMO_SMS.authToken) {
  const url = `http://gateway.test/webhooks/sms/status?followUp=${followUpId}`;
  const params = { AccountSid: DEMO_SMS.accountSid, MessageSid: sid, MessageStatus: status, To: '+14155550134' };
  return gw.yoga.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(signWith, url, params) },
    body: new URLSearchParams(params).toString(),
  });
}

describe('delivery status webhook', () => {
  it('moves a follow-up to DELIVERED or FAILED on a signed report, never backwards', async () => {
    const { data } = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-20' }) });
    const id = (data!.sendFollowUp as Success).followUp.id;
    const [message] = await outbox();
    expect((await postStatus(id, message!.id, 'delivered')).status).toBe(204);
    expect((await gw.execute(Status, { id })).data?.node).toEqual({ status: 'DELIVERED' });
    expect((await postStatus(id, message!.id, 'sent')).status).toBe(204);
    expect((await gw.execute(Status, { id })).data?.node).toEqual({ status: 'DELIVERED' });
  });

  it('keeps DELIVERED when late reports (sent, queued) arrive after it', async () => {
    const { data } = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-23' }) });
    const id = (data!.sendFollowUp as Success).followUp.id;
    const [message] = await outbox();
    expect((await postStatus(id, message!.id, 'delivered')).status).toBe(204);
    for (const late of ['sent', 'queued', 'sending']) {
      expect((await postStatus(id, message!.id, late)).status).toBe(204);
      expect((await gw.execute(Status, { id })).data?.node).toEqual({ status: 'DELIVERED' });
    }
    // FAILED after DELIVERED is not a move forward either: both are final.
    expect((await postStatus(id, message!.id, 'failed')).status).toBe(204);
    expect((await gw.execute(Status, { id })).data?.node).toEqual({ status: 'DELIVERED' });
  });

  it('keeps a report that arrives before the sender records SENT (the write is conditional)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const live = await startTestGateway({ publicBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    server.on('request', live.yoga);
    try {
      // The provider posts "delivered" before it answers the send: DELIVERED lands first, then
      // the sender's SENT is refused by the org's forward-only rule and changes nothing.
      await control(live.emulators.url, 'PUT', 'sms/faults', { reportBeforeAnswer: 'delivered' });
      const { data } = await live.execute(Send, {
        input: { customerId: live.emulators.salesforce.fixtures.contacts.ada, channel: 'SMS', body: 'Hello', idempotencyKey: 'msg-24' },
      });
      expect(data!.sendFollowUp).toMatchObject({ __typename: 'SendFollowUpSuccess', replayed: false, followUp: { status: 'DELIVERED' } });
      const id = (data!.sendFollowUp as Success).followUp.id;
      expect((await live.execute(Status, { id })).data?.node).toEqual({ status: 'DELIVERED' });
      expect((await control<Outbox>(live.emulators.url, 'GET', 'outbox')).messages).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      server.close();
      await live.close();
    }
  });

  it('refuses a report with a bad signature and changes nothing', async () => {
    const { data } = await gw.execute(Send, { input: sms({ idempotencyKey: 'msg-21' }) });
    const id = (data!.sendFollowUp as Success).followUp.id;
    const [message] = await outbox();
    expect((await postStatus(id, message!.id, 'failed', 'not-the-token')).status).toBe(403);
    expect((await gw.execute(Status, { id })).data?.node).toEqual({ status: 'SENT' });
  });

  it('receives the provider’s own callback on a real port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const publicBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const live = await startTestGateway({ publicBaseUrl });
    server.on('request', live.yoga);
    try {
      const { data } = await live.execute(Send, {
        input: { customerId: live.emulators.salesforce.fixtures.contacts.ada, channel: 'SMS', body: 'Hello', idempotencyKey: 'msg-22' },
      });
      const id = (data!.sendFollowUp as Success).followUp.id;
      const [message] = (await control<Outbox>(live.emulators.url, 'GET', 'outbox')).messages;
      const report = await control<{ callbackStatus: number }>(live.emulators.url, 'POST', `sms/messages/${message!.id}/status`, { status: 'undelivered' });
      expect(report.callbackStatus).toBe(204);
      expect((await live.execute(Status, { id })).data?.node).toEqual({ status: 'FAILED' });
    } finally {
      server.closeAllConnections();
      server.close();
      await live.close();
    }
  });
});
