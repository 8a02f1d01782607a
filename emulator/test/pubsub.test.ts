/**
 * The emulated Pub/Sub API, used as any subscriber uses Salesforce's: the maintained Node client
 * (salesforce-pubsub-api-client) connects over TLS with the org's access token and receives
 * Change Data Capture events, decoded (header and changed fields) as from Salesforce.
 */
import PubSubApiClient from 'salesforce-pubsub-api-client';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPubSub, type RunningEmulators, type RunningPubSub } from '../src/index';
import { control, passwordLogin, startTestEmulator } from './support';

let em: RunningEmulators;
let pubsub: RunningPubSub;
let conn: Connection;
beforeAll(async () => {
  em = await startTestEmulator();
  pubsub = await startPubSub(em.salesforce, { keepaliveMs: 300 });
  conn = await passwordLogin(em.url);
});
afterAll(async () => {
  await pubsub.close();
  await em.close();
});

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

interface Received {
  type: string;
  data?: { replayId?: number; payload?: Record<string, unknown> & { ChangeEventHeader?: Record<string, unknown> }; code?: number; details?: string };
}

/** A connected client and what its subscription callback has received, with a wait bounded by events. */
async function subscriber(token = conn.accessToken!, tenant = em.salesforce.fixtures.organizationId) {
  const client = new PubSubApiClient(
    {
      authType: 'user-supplied',
      accessToken: token,
      instanceUrl: em.url.replace('http:', 'https:'),
      organizationId: tenant,
      pubSubEndpoint: pubsub.endpoint,
      rejectUnauthorizedSsl: false,
    },
    quiet,
  );
  await client.connect();
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const callback = (_info: unknown, type: string, data?: Received['data']) => {
    received.push({ type, data });
    for (const w of waiters.splice(0)) w();
  };
  /** Resolves once `predicate` holds for what was received, or fails after `ms`. */
  const until = (predicate: (r: Received[]) => boolean, ms = 5_000) =>
    new Promise<Received[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not received in ${ms} ms: ${JSON.stringify(received.map((r) => r.type))}`)), ms);
      const check = () => {
        if (predicate(received)) {
          clearTimeout(timer);
          resolve(received);
        } else waiters.push(check);
      };
      check();
    });
  return { client, received, callback, until };
}

const events = (r: Received[]) => r.filter((x) => x.type === 'event');

describe('the emulated Pub/Sub API', () => {
  it('names change-event topics and their Avro schemas', async () => {
    const { client } = await subscriber();
    try {
      const topic = await (client as unknown as { getTopic?: (n: string) => Promise<unknown> }).getTopic?.('/data/ContactChangeEvent').catch(() => null);
      // getTopic is not public in every client version; the schema is read through subscribing below.
      if (topic) expect(topic).toMatchObject({ topicName: '/data/ContactChangeEvent', canSubscribe: true });
    } finally {
      client.close();
    }
  });

  it('delivers a committed update as Salesforce would: header, record ids and changed fields decoded', async () => {
    const s = await subscriber();
    try {
      s.client.subscribe('/data/ContactChangeEvent', s.callback, 5);
      // The subscription is live once it has sent its first keepalive (no event yet).
      await s.until((r) => r.some((x) => x.type === 'grpcKeepAlive'));
      const ada = em.salesforce.fixtures.contacts.ada;
      await conn.sobject('Contact').update({ Id: ada, LastName: 'King', Title: 'Countess' });
      const [event] = events(await s.until((r) => events(r).length >= 1));
      const header = event!.data!.payload!.ChangeEventHeader!;
      expect(header).toMatchObject({ entityName: 'Contact', recordIds: [ada], changeType: 'UPDATE' });
      // A name is the compound field Name; LastModifiedDate is always among an UPDATE's changes.
      expect(header.changedFields).toEqual(expect.arrayContaining(['Name.LastName', 'Title', 'LastModifiedDate']));
      expect(header.changedFields).not.toContain('Email');
      expect(typeof header.commitTimestamp === 'number' || typeof header.commitTimestamp === 'bigint').toBe(true);
      expect(event!.data!.payload).toMatchObject({ Name: { LastName: 'King', FirstName: null }, Title: 'Countess', Email: null });
      expect(event!.data!.replayId).toBeGreaterThan(0);
    } finally {
      s.client.close();
    }
  });

  it('emits the events of one transaction for a composite (one per distinct change), and nothing for a rolled-back one', async () => {
    const s = await subscriber();
    try {
      s.client.subscribe('/data/CaseChangeEvent', s.callback, 10);
      await s.until((r) => r.some((x) => x.type === 'grpcKeepAlive'));
      const before = pubsub.published();
      const composite = (allOrNone: boolean, second: Record<string, unknown>) =>
        conn.request({
          method: 'POST',
          url: '/services/data/v62.0/composite',
          body: JSON.stringify({
            allOrNone,
            compositeRequest: [
              { method: 'POST', url: '/services/data/v62.0/sobjects/Case', referenceId: 'a', body: { Subject: 'One', Status: 'New', Origin: 'Phone' } },
              { method: 'POST', url: '/services/data/v62.0/sobjects/Case', referenceId: 'b', body: second },
            ],
          }),
          headers: { 'Content-Type': 'application/json' },
        });
      // A refused second insert rolls the first back: no event.
      await composite(true, { Subject: 'Two', No_Such_Field__c: 'x' });
      await composite(true, { Subject: 'Two', Status: 'New', Origin: 'Phone' });
      const received = await s.until((r) => events(r).length >= 2);
      // Two records made with different values: two events, one transaction.
      const headers = events(received).map((e) => e.data!.payload!.ChangeEventHeader!);
      expect(pubsub.published() - before, JSON.stringify(headers)).toBe(2);
      expect(headers.map((h) => h.changeType)).toEqual(['CREATE', 'CREATE']);
      expect(headers[0]!.transactionKey).toBe(headers[1]!.transactionKey);
      expect(headers.map((h) => h.sequenceNumber)).toEqual([1, 2]);
    } finally {
      s.client.close();
    }
  });

  it('replays from EARLIEST and from a replay id, and refuses a replay id it never gave', async () => {
    for (const name of ['Replay one', 'Replay two', 'Replay three']) await conn.sobject('Account').create({ Name: name });
    const first = await subscriber();
    const seen: number[] = [];
    try {
      first.client.subscribeFromEarliestEvent('/data/ChangeEvents', first.callback, 3);
      const got = await first.until((r) => events(r).length >= 3);
      for (const e of events(got)) seen.push(e.data!.replayId!);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    } finally {
      first.client.close();
    }
    const again = await subscriber();
    try {
      again.client.subscribeFromReplayId('/data/ChangeEvents', again.callback, 2, seen[0]!);
      const got = await again.until((r) => events(r).length >= 2);
      expect(events(got).map((e) => e.data!.replayId)).toEqual(seen.slice(1, 3));
    } finally {
      again.client.close();
    }
    const bad = await subscriber();
    try {
      bad.client.subscribeFromReplayId('/data/ChangeEvents', bad.callback, 2, 9_999_999);
      const got = await bad.until((r) => r.some((x) => x.type === 'error'));
      expect(got.find((x) => x.type === 'error')!.data).toMatchObject({ code: 3 });
    } finally {
      bad.client.close();
    }
  });

  it('holds events to what was requested (num_requested), and refuses a bad token or topic', async () => {
    const s = await subscriber();
    try {
      s.client.subscribe('/data/AccountChangeEvent', s.callback, 1);
      await s.until((r) => r.some((x) => x.type === 'grpcKeepAlive'));
      const ids = (await conn.sobject('Account').create([{ Name: 'First' }, { Name: 'Second' }])) as { id: string }[];
      await conn.sobject('Account').update({ Id: ids[0]!.id, Name: 'First, renamed' });
      const got = await s.until((r) => r.some((x) => x.type === 'lastEvent'));
      expect(events(got)).toHaveLength(1);
    } finally {
      s.client.close();
    }
    const wrong = await subscriber('not-a-token');
    try {
      wrong.client.subscribe('/data/AccountChangeEvent', wrong.callback, 1);
      const got = await wrong.until((r) => r.some((x) => x.type === 'error'));
      expect(got.find((x) => x.type === 'error')!.data).toMatchObject({ code: 16 });
    } finally {
      wrong.client.close();
    }
    const topic = await subscriber();
    try {
      topic.client.subscribe('/data/NoSuchChangeEvent', topic.callback, 1);
      const got = await topic.until((r) => r.some((x) => x.type === 'error'));
      expect(got.find((x) => x.type === 'error')!.data).toMatchObject({ code: 5 });
    } finally {
      topic.client.close();
    }
  });

  it('breaks open streams on demand, so that subscribers can prove their fallback', async () => {
    // A server of its own: the client's close() leaves its streams open (it only drops their
    // listeners), and breaking those would fail them with nobody listening.
    const own = await startPubSub(em.salesforce, { keepaliveMs: 300 });
    const client = new PubSubApiClient(
      {
        authType: 'user-supplied',
        accessToken: conn.accessToken!,
        instanceUrl: em.url.replace('http:', 'https:'),
        organizationId: em.salesforce.fixtures.organizationId,
        pubSubEndpoint: own.endpoint,
        rejectUnauthorizedSsl: false,
      },
      quiet,
    );
    await client.connect();
    const seen: { type: string; data?: { code?: number } }[] = [];
    const broken = new Promise<void>((resolve) => {
      client.subscribe(
        '/data/ContactChangeEvent',
        (_i: unknown, type: string, data?: { code?: number }) => {
          seen.push({ type, data });
          // Through the control API, as a test of another process would break it.
          if (type === 'grpcKeepAlive' && !own.faults.broken) void control(em.url, 'PUT', 'pubsub/faults', { broken: true });
          if (type === 'error') resolve();
        },
        5,
      );
    });
    await broken;
    expect(seen.find((x) => x.type === 'error')!.data).toMatchObject({ code: 14 });
    expect(await control(em.url, 'PUT', 'pubsub/faults', {})).toEqual({ broken: false, delayMs: 0, gap: null });
    await expect(control(em.url, 'PUT', 'pubsub/faults', { broken: 'yes' })).rejects.toThrow(/400/);
    client.close();
    await own.close();
  });
});
