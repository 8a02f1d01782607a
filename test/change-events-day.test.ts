/**
 * With the default short TTL (60 s) and a healthy change-event subscription, 75 s of repeated
 * reads of a record nobody changes cost no Salesforce call. The 75 s pass on the gateway's injected
 * clock: each 5 s step waits for the stream's next keepalive, which the gateway stamps with the
 * advanced time, so the stream is as healthy as it would be over 75 real seconds. (Every other
 * behaviour of the subscription is in change-events.test.ts.)
 */
import { pino } from 'pino';
import { startPubSub } from 'salesforce-emulator';
import { expect, it } from 'vitest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { until } from './support/change-events';
import { testConfig } from './support/config';
import { control, startTestEmulator } from './support/emulator';

it('75 s of repeated reads with nothing changed cost 0 Salesforce calls', async () => {
  const em = await startTestEmulator();
  // Keepalives every 50 ms of real time, each one a signal at the gateway's current (advanced) time.
  const pubsub = await startPubSub(em.salesforce, { keepaliveMs: 50 });
  const defaults = loadConfig({}).cache;
  let now = Date.now();
  const app = await createApp(testConfig(em.url, { cache: defaults, changeEvents: { endpoint: pubsub.endpoint, verifyTls: false } }), {
    logger: pino({ level: 'silent' }),
    changeEvents: { keepaliveGraceMs: 15_000 },
    clock: () => now,
  });
  try {
    expect(defaults.ttlMs).toBe(60_000);
    await until(() => app.changeEvents!.healthy(), 10_000, 'the subscription to be healthy');
    const read = async () => {
      const res = await app.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({ query: `{ customersByPhone(phone: "+14155550134") { outcome bestMatch { customer { name } } } }` }),
      });
      return (await res.json()) as { extensions?: { responseCache?: { hit?: boolean } } };
    };
    await read();
    const calls = async () => (await control<{ apiRequests: number }>(em.url, 'GET', 'stats')).apiRequests;
    const before = await calls();
    const started = now;
    let reads = 0;
    while (now - started < 75_000) {
      now += 5_000;
      await until(() => app.changeEvents!.health().lastSignalAt === now, 10_000, 'a keepalive at the advanced time');
      expect((await read()).extensions?.responseCache?.hit).toBe(true);
      reads++;
    }
    expect(reads).toBe(15);
    expect((await calls()) - before).toBe(0);
  } finally {
    await app.close();
    await pubsub.close();
    await em.close();
  }
});

it('the same 75 s without a stream: the answer expires at the short TTL and is read again', async () => {
  // The control: the same clock, no subscription, so the 60 s TTL holds and the test above could fail.
  const em = await startTestEmulator();
  let now = Date.now();
  const app = await createApp(testConfig(em.url, { cache: loadConfig({}).cache }), { logger: pino({ level: 'silent' }), clock: () => now });
  try {
    const read = async () => {
      const res = await app.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({ query: `{ customersByPhone(phone: "+14155550134") { outcome } }` }),
      });
      return (await res.json()) as { extensions?: { responseCache?: { hit?: boolean } } };
    };
    await read();
    now += 55_000;
    expect((await read()).extensions?.responseCache?.hit).toBe(true);
    now += 10_000;
    expect((await read()).extensions?.responseCache?.hit).toBeFalsy();
  } finally {
    await app.close();
    await em.close();
  }
});
