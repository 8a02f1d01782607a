/**
 * Issue 21's criterion as it stands: with the default short TTL (60 s) and a healthy change-event
 * subscription, 75 s of repeated reads of a record nobody changes cost no Salesforce call. (The
 * compressed version, and every other behaviour, is in change-events.test.ts.)
 */
import { pino } from 'pino';
import { startPubSub } from 'salesforce-emulator';
import { expect, it } from 'vitest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { testConfig } from './support/config';
import { control, startTestEmulator } from './support/emulator';

it('75 s of repeated reads with nothing changed cost 0 Salesforce calls', { timeout: 120_000 }, async () => {
  const em = await startTestEmulator();
  const pubsub = await startPubSub(em.salesforce, { keepaliveMs: 5_000 });
  const defaults = loadConfig({}).cache;
  const app = await createApp(testConfig(em.url, { cache: defaults, changeEvents: { endpoint: pubsub.endpoint, verifyTls: false } }), {
    logger: pino({ level: 'silent' }),
    changeEvents: { keepaliveGraceMs: 15_000 },
  });
  try {
    expect(defaults.ttlMs).toBe(60_000);
    for (let i = 0; i < 200 && !app.changeEvents!.healthy(); i++) await new Promise((r) => setTimeout(r, 50));
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
    const started = Date.now();
    let reads = 0;
    while (Date.now() - started < 75_000) {
      expect((await read()).extensions?.responseCache?.hit).toBe(true);
      reads++;
      await new Promise((r) => setTimeout(r, 5_000));
    }
    expect(reads).toBeGreaterThanOrEqual(14);
    expect((await calls()) - before).toBe(0);
  } finally {
    await app.close();
    await pubsub.close();
    await em.close();
  }
});
