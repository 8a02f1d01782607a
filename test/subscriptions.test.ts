/**
 * agentActivity over GraphQL over Server-Sent Events: what the voice agent does reaches frontend
 * tools as it happens, with no Salesforce call, never a key or a message body; subscriptions are
 * authorised like queries and bounded per key; across replicas through Redis.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { TRUSTED_DOCUMENTS } from '../src/http/trusted-documents';
import { testConfig } from './support/config';
import { control, startTestEmulator } from './support/emulator';
import { MACHINE_REDIS, testPrefix } from './support/redis';
import { subscribe } from './support/sse';
import { until } from './support/change-events';
import type { RunningEmulators } from 'salesforce-emulator';

const ACTIVITY = 'subscription($c: ID) { agentActivity(customerId: $c) { at kind customerId caseId client summary } }';
type Activity = { at: string; kind: string; customerId: string | null; caseId: string | null; client: string; summary: string };

let em: RunningEmulators;
let app: App;
const agent = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await app.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
};
const calls = async () => (await control<{ apiRequests: number }>(em.url, 'GET', 'stats')).apiRequests;

beforeAll(async () => {
  em = await startTestEmulator();
  const config = testConfig(em.url);
  app = await createApp({ ...config, server: { ...config.server, subscriptionsPerKey: 2 } }, { logger: pino({ level: 'silent' }), allowHttpInstanceUrl: true });
});
afterAll(async () => {
  await app.close();
  await em.close();
});

describe('agentActivity', () => {
  it('sends the agent’s createCase within 1 s, with the key’s name, and costs the subscriber no Salesforce call', async () => {
    const stream = await subscribe(app.yoga, ACTIVITY);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/text\/event-stream/);
      const ada = em.salesforce.fixtures.contacts.ada;
      const started = Date.now();
      const created = await agent('mutation($i: CreateCaseInput!) { createCase(input: $i) { ... on CreateCaseSuccess { case { id caseNumber } } } }', {
        i: { customerId: ada, subject: 'Router down', idempotencyKey: `activity-${Date.now()}` },
      });
      const c = (created.data!.createCase as { case: { id: string; caseNumber: string } }).case;
      const before = await calls();
      const event = (await stream.next<{ agentActivity: Activity }>(1_000)).data!.agentActivity;
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(event).toMatchObject({
        kind: 'CASE_CREATED',
        customerId: ada,
        caseId: c.id,
        client: 'demo-agent',
        summary: `Case ${c.caseNumber} created: Router down`,
      });
      expect(Number.isNaN(Date.parse(event.at))).toBe(false);
      // Nothing for the subscriber.
      expect((await calls()) - before).toBe(0);
    } finally {
      await stream.close();
    }
  });

  it('only one customer’s activity when asked; a caller identified; never an SMS body', async () => {
    const { ada, grace } = em.salesforce.fixtures.contacts as Record<string, string>;
    const stream = await subscribe(app.yoga, ACTIVITY, { c: ada });
    try {
      await agent('mutation($i: LogCallInput!) { logCall(input: $i) { __typename } }', {
        i: { customerId: grace, startedAt: new Date().toISOString(), durationSeconds: 65, idempotencyKey: `other-${Date.now()}` },
      });
      await agent('{ customersByPhone(phone: "+14155550134") { outcome } }');
      const identified = (await stream.next<{ agentActivity: Activity }>()).data!.agentActivity;
      expect(identified).toMatchObject({ kind: 'CALLER_IDENTIFIED', customerId: ada, summary: 'Caller identified: Ada Lovelace' });
      const body = 'SECRET-BODY-4711 your code is 4711';
      const sent = await agent('mutation($i: SendFollowUpInput!) { sendFollowUp(input: $i) { __typename } }', {
        i: { customerId: ada, channel: 'SMS', body, idempotencyKey: `sms-${Date.now()}` },
      });
      expect(sent.data!.sendFollowUp!.__typename).toBe('SendFollowUpSuccess');
      const event = await stream.next<{ agentActivity: Activity }>();
      expect(event.data!.agentActivity).toMatchObject({ kind: 'FOLLOW_UP_SENT', customerId: ada, summary: 'SMS follow-up sent' });
      expect(JSON.stringify(event)).not.toMatch(/SECRET|4711|demo-agent-key/);
    } finally {
      await stream.close();
    }
  });

  it('keeps a quiet stream alive with keepalives (Yoga sends one every 12 s, every 300 ms under test)', async () => {
    const stream = await subscribe(app.yoga, ACTIVITY);
    try {
      await until(() => stream.keepalives() >= 3, 5_000, 'three keepalives');
    } finally {
      await stream.close();
    }
  });

  it('refuses a request with no key (401), and a key past its open subscriptions; closing one frees its place', async () => {
    const anonymous = await subscribe(app.yoga, ACTIVITY, {}, null);
    expect(anonymous.status).toBe(401);
    await anonymous.close();
    const [a, b] = [await subscribe(app.yoga, ACTIVITY), await subscribe(app.yoga, ACTIVITY)];
    const third = await subscribe(app.yoga, ACTIVITY);
    const refused = await third.next(2_000);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SUBSCRIPTION_LIMIT', retryable: true });
    await third.close();
    await a.close();
    // The place frees as the stream closes (bounded by the event: the next subscription is served).
    const deadline = Date.now() + 5_000;
    let again = await subscribe(app.yoga, ACTIVITY);
    await agent('{ customersByPhone(phone: "+14155550134") { outcome } }');
    let first = await again.next(2_000);
    while (first.errors && Date.now() < deadline) {
      await again.close();
      again = await subscribe(app.yoga, ACTIVITY);
      await agent('{ customersByPhone(phone: "+14155550134") { outcome } }');
      first = await again.next(2_000);
    }
    expect(first.errors).toBeUndefined();
    await again.close();
    await b.close();
  });
});

describe('from the response cache', () => {
  it('a lookup served from the cache still tells frontend tools the caller was identified', async () => {
    const config = testConfig(em.url, { cache: { ttlMs: 60_000 } });
    const cached = await createApp(config, { logger: pino({ level: 'silent' }), allowHttpInstanceUrl: true });
    const stream = await subscribe(cached.yoga, ACTIVITY);
    try {
      const lookup = async () => {
        const res = await cached.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
          body: JSON.stringify({ query: '{ customersByPhone(phone: "+14155550134") { outcome bestMatch { customer { id name } } } }' }),
        });
        return ((await res.json()) as { extensions?: { responseCache?: { hit?: boolean } } }).extensions?.responseCache?.hit;
      };
      expect(await lookup()).toBeFalsy();
      expect((await stream.next<{ agentActivity: Activity }>()).data!.agentActivity.kind).toBe('CALLER_IDENTIFIED');
      const before = await calls();
      expect(await lookup()).toBe(true);
      expect((await stream.next<{ agentActivity: Activity }>()).data!.agentActivity).toMatchObject({
        kind: 'CALLER_IDENTIFIED',
        summary: 'Caller identified: Ada Lovelace',
      });
      expect((await calls()) - before).toBe(0);
      // With nobody following here, nothing is published; whoever follows next hears the next hit.
      await stream.close();
      const next = await subscribe(cached.yoga, ACTIVITY);
      try {
        expect(await lookup()).toBe(true);
        expect((await next.next<{ agentActivity: Activity }>()).data!.agentActivity).toMatchObject({ kind: 'CALLER_IDENTIFIED' });
      } finally {
        await next.close();
      }
    } finally {
      await stream.close();
      await cached.close();
    }
  });
});

describe('in production', () => {
  it('a frontend key follows by the trusted document, and may not send its own text', async () => {
    const config = testConfig(em.url, { env: 'production', security: { trustedDocumentsOnly: true } });
    const prod = await createApp(config, { logger: pino({ level: 'silent' }), allowHttpInstanceUrl: true });
    const id = [...TRUSTED_DOCUMENTS].find(([, d]) => d.startsWith('subscription AgentActivity'))![0];
    const stream = await subscribe(prod.yoga, { documentId: `sha256:${id}` });
    const text = await subscribe(prod.yoga, ACTIVITY);
    try {
      await prod.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({
          documentId: `sha256:${[...TRUSTED_DOCUMENTS].find(([, d]) => d.startsWith('query CallerLookup'))![0]}`,
          variables: { phone: '+14155550134' },
        }),
      });
      expect(stream.status).toBe(200);
      expect((await stream.next<{ agentActivity: Activity }>()).data!.agentActivity.kind).toBe('CALLER_IDENTIFIED');
      expect(text.status).toBe(400);
    } finally {
      await stream.close();
      await text.close();
      await prod.close();
    }
  });
});

describe('across replicas', () => {
  it('an activity on one replica reaches a subscriber on another, through Redis', async () => {
    const { prefix, cleanup } = testPrefix();
    const config = testConfig(em.url, { sharedState: { redisUrl: MACHINE_REDIS, keyPrefix: prefix } });
    const options = { logger: pino({ level: 'silent' }), allowHttpInstanceUrl: true };
    const [one, two] = [await createApp(config, options), await createApp(config, options)];
    const stream = await subscribe(two.yoga, ACTIVITY);
    try {
      // The subscription is in place once Redis confirms it; until then an event could pass it by.
      let event: { data?: { agentActivity: Activity } } | null = null;
      for (let i = 0; i < 20 && !event; i++) {
        await one.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
          body: JSON.stringify({ query: '{ customersByPhone(phone: "+14155550134") { outcome } }' }),
        });
        event = await stream.next<{ agentActivity: Activity }>(500).catch(() => null);
      }
      expect(event?.data?.agentActivity).toMatchObject({ kind: 'CALLER_IDENTIFIED', client: 'demo-agent' });
    } finally {
      await stream.close();
      await one.close();
      await two.close();
      await cleanup();
    }
  });
});
