/**
 * The "subscriptions" run of `npm run bench`: 1,000 open `agentActivity` subscriptions over
 * Server-Sent Events on one gateway process. It reports the memory each open subscription holds
 * (heap and RSS growth over the process before they opened, divided by their number) and the
 * events per second delivered to all of them, against a baseline of one subscription in the same
 * run. Events are published on the feed directly, as the after-write step publishes them.
 */
import { pino } from 'pino';
import { startEmulators } from 'salesforce-emulator';
import { createApp, type App } from '../src/app';
import { testConfig } from '../test/support/config';
import { follow, type Follower } from './support';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const EVENTS = 200;

const open = (app: App) => follow(app, { query: 'subscription { agentActivity { at kind customerId client summary } }' });

/** Publishes EVENTS activities and waits until every subscriber has them; events delivered per second. */
async function deliver(app: App, subscribers: Follower[]): Promise<number> {
  const before = subscribers.reduce((n, s) => n + s.events(), 0);
  const want = before + EVENTS * subscribers.length;
  const started = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    app.activity.publish({
      at: new Date().toISOString(),
      kind: 'CASE_CREATED',
      customerId: '0035g0000000001AAA',
      caseId: null,
      client: 'bench',
      summary: `Case ${i} created`,
    });
    if (i % 20 === 19) await new Promise((r) => setImmediate(r));
  }
  while (subscribers.reduce((n, s) => n + s.events(), 0) < want) {
    if (performance.now() - started > 60_000) throw new Error('events were not all delivered within 60 s');
    await new Promise((r) => setTimeout(r, 5));
  }
  return (EVENTS * subscribers.length) / ((performance.now() - started) / 1_000);
}

const settle = async () => {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 200));
  return process.memoryUsage();
};

export async function runSubscriptions(): Promise<void> {
  const emulators = await startEmulators({ port: 0 });
  const config = testConfig(emulators.url);
  const app = await createApp(
    { ...config, server: { ...config.server, subscriptionsPerKey: SUBSCRIBERS + 1, maxSubscriptions: SUBSCRIBERS + 1 } },
    { logger: pino({ level: 'silent' }) },
  );
  try {
    const one = [await open(app)];
    const baseline = await deliver(app, one);
    one[0]!.close();
    const before = await settle();
    const many: Follower[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) many.push(await open(app));
    const after = await settle();
    const rate = await deliver(app, many);
    const perSubHeap = (after.heapUsed - before.heapUsed) / SUBSCRIBERS / 1024;
    const perSubRss = (after.rss - before.rss) / SUBSCRIBERS / 1024;
    console.log(`\nagentActivity subscriptions (${SUBSCRIBERS} open on one process; ${EVENTS} events each)`);
    console.log(`  open subscriptions         ${app.subscriptions.open()}`);
    console.log(
      `  memory per subscription    ${perSubHeap.toFixed(1)} KB heap, ${perSubRss.toFixed(1)} KB RSS${(globalThis as { gc?: unknown }).gc ? '' : ' (no forced GC: run with --expose-gc for a tighter figure)'}`,
    );
    console.log(
      `  events delivered per s     ${Math.round(rate).toLocaleString('en')} (baseline, 1 subscription: ${Math.round(baseline).toLocaleString('en')}; ${(rate / baseline).toFixed(1)}×)`,
    );
    for (const s of many) s.close();
  } finally {
    await app.close();
    await emulators.close();
  }
}
