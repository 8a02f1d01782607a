/**
 * An emulated org with its Pub/Sub server for one test file, and gateways subscribed to its change
 * events (the short TTL 1 s, the events TTL an hour), closed after each test with whatever else a
 * test registered. Waits are bounded by the events they wait for.
 */
import { pino } from 'pino';
import { startPubSub, type RunningEmulators, type RunningPubSub } from 'salesforce-emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createApp, type App } from '../../src/app';
import { testConfig, type ConfigOptions } from './config';
import { control, startTestEmulator } from './emulator';
import { MACHINE_REDIS, testPrefix } from './redis';

/** Resolves once `check` holds, polling every 25 ms; fails after `ms` naming `what`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface ChangeEventsOrg {
  readonly em: RunningEmulators;
  readonly pubsub: RunningPubSub;
  /** A gateway subscribed to the org's change events, healthy; on Redis under `prefix` (or a fresh one with `redis: true`). */
  gateway(options?: ConfigOptions, redis?: string | boolean): Promise<App>;
  /** Runs `cleanup` after the test. */
  afterTest(cleanup: () => Promise<void>): void;
  /** A gateway the test closed itself: not closed again after it. */
  closedByTest(app: App): void;
}

/** Registers the file's hooks; keepalives every 200 ms, so that "healthy" is proved quickly. */
export function changeEventsOrg(): ChangeEventsOrg {
  let em: RunningEmulators;
  let pubsub: RunningPubSub;
  const opened: App[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    em = await startTestEmulator();
    pubsub = await startPubSub(em.salesforce, { keepaliveMs: 200 });
  });
  afterAll(async () => {
    await pubsub.close();
    await em.close();
  });
  afterEach(async () => {
    pubsub.setFaults({});
    for (const app of opened.splice(0)) await app.close();
    for (const c of cleanups.splice(0)) await c();
    await control(em.url, 'DELETE', 'faults');
  });
  return {
    get em() {
      return em;
    },
    get pubsub() {
      return pubsub;
    },
    afterTest: (cleanup) => void cleanups.push(cleanup),
    closedByTest: (app) => void opened.splice(opened.indexOf(app), 1),
    async gateway(options = {}, redis = false) {
      let prefix = typeof redis === 'string' ? redis : null;
      if (redis === true) {
        const own = testPrefix();
        cleanups.push(own.cleanup);
        prefix = own.prefix;
      }
      const config = testConfig(em.url, {
        cache: { ttlMs: 1_000, eventsTtlMs: 3_600_000, staleTtlMs: 3_600_000 },
        changeEvents: { endpoint: pubsub.endpoint, verifyTls: false },
        ...(prefix ? { sharedState: { redisUrl: MACHINE_REDIS, keyPrefix: prefix } } : {}),
        ...options,
      });
      const app = await createApp(config, { logger: pino({ level: 'silent' }), changeEvents: { keepaliveGraceMs: 1_000, reconnectBaseMs: 100 } });
      opened.push(app);
      // Healthy once connected and a keepalive came: bounded by the subscription's own signal.
      await until(() => app.changeEvents!.healthy(), 5_000, 'the subscription to become healthy');
      return app;
    },
  };
}
