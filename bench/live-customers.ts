/**
 * The "live" run of `npm run bench`: `customerUpdated` subscribers of one customer, fed by the
 * emulator's change events. For a baseline of one subscriber and then BENCH_SUBSCRIBERS (1,000)
 * on one process, it renames the customer straight through Salesforce's REST API CHANGES times
 * and reports the Salesforce reads each change cost (counted at the emulator) and the time from
 * the rename to the last subscriber's event (p50, p95). It also reports the memory each open
 * subscription holds.
 */
import { pino } from 'pino';
import { startEmulators, startPubSub, stats } from 'salesforce-emulator';
import { createApp, type App } from '../src/app';
import { testConfig } from '../test/support/config';
import { follow, percentile, type Follower } from './support';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const CHANGES = 20;
const SELECTION = `subscription($id: ID!) { customerUpdated(customerId: $id) {
  id name email phone account { id name }
  cases(first: 10, status: OPEN) { edges { node { id caseNumber subject status priority } } }
  followUps(first: 5) { edges { node { id channel status createdAt } } }
  calls(first: 5) { edges { node { id startedAt durationSeconds } } }
} }`;

const reads = async (url: string) => {
  const k = (await stats(url)).byKind;
  return (k.query ?? 0) + (k.search ?? 0) + (k.composite ?? 0);
};

const until = async (check: () => boolean, what: string) => {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > 60_000) throw new Error(`${what}: not within 60 s`);
    await new Promise((r) => setTimeout(r, 2));
  }
};

const settle = async () => {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 200));
  return process.memoryUsage();
};

/** Renames the customer CHANGES times; per change, the reads it cost and the ms until every follower had it. */
async function renames(app: App, url: string, id: string, followers: Follower[], round: string) {
  const costs: number[] = [];
  const delays: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const name = `${round}${i}`;
    const before = await reads(url);
    const started = performance.now();
    await app.connection.conn.sobject('Contact').update({ Id: id, FirstName: name });
    await until(() => followers.every((f) => f.last().includes(`"name":"${name} Lovelace"`)), `rename ${name}`);
    delays.push(performance.now() - started);
    costs.push((await reads(url)) - before);
  }
  return { reads: costs.reduce((a, b) => a + b, 0) / CHANGES, p50: percentile(delays, 50), p95: percentile(delays, 95) };
}

export async function runLiveCustomers(): Promise<void> {
  const emulators = await startEmulators({ port: 0 });
  const pubsub = await startPubSub(emulators.salesforce, { keepaliveMs: 200 });
  const config = testConfig(emulators.url, {
    cache: { ttlMs: 60_000, eventsTtlMs: 86_400_000 },
    changeEvents: { endpoint: pubsub.endpoint, verifyTls: false },
    server: { subscriptionsPerKey: SUBSCRIBERS + 1, maxSubscriptions: SUBSCRIBERS + 1 },
  });
  const app = await createApp(config, { logger: pino({ level: 'silent' }) });
  const ada = emulators.salesforce.fixtures.contacts.ada;
  try {
    const started = performance.now();
    while (!app.changeEvents!.healthy()) {
      if (performance.now() - started > 10_000) throw new Error('the change-event stream did not become healthy');
      await new Promise((r) => setTimeout(r, 20));
    }
    const one = [await follow(app, { query: SELECTION, variables: { id: ada } })];
    await until(() => one[0]!.events() > 0, 'the first event');
    const baseline = await renames(app, emulators.url, ada, one, 'One');
    one[0]!.close();
    const before = await settle();
    const many: Follower[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) many.push(await follow(app, { query: SELECTION, variables: { id: ada } }));
    await until(() => many.every((f) => f.events() > 0), 'every first event');
    const after = await settle();
    const all = await renames(app, emulators.url, ada, many, 'Many');
    const heap = (after.heapUsed - before.heapUsed) / SUBSCRIBERS / 1024;
    const rss = (after.rss - before.rss) / SUBSCRIBERS / 1024;
    const ms = (n: number) => `${Math.round(n)} ms`;
    console.log(`\ncustomerUpdated subscribers of one customer (${CHANGES} renames through the REST API, change events on)`);
    console.log('| subscribers | Salesforce reads per change | change to last event p50 | p95 |');
    console.log('|---:|---:|---:|---:|');
    console.log(`| 1 | ${baseline.reads.toFixed(1)} | ${ms(baseline.p50)} | ${ms(baseline.p95)} |`);
    console.log(`| ${SUBSCRIBERS.toLocaleString('en')} | ${all.reads.toFixed(1)} | ${ms(all.p50)} | ${ms(all.p95)} |`);
    console.log(`  reads per change, ${SUBSCRIBERS} against 1: ${(all.reads / baseline.reads).toFixed(2)}×`);
    console.log(
      `  memory per subscription    ${heap.toFixed(1)} KB heap, ${rss.toFixed(1)} KB RSS${(globalThis as { gc?: unknown }).gc ? '' : ' (no forced GC: run with --expose-gc for a tighter figure)'}`,
    );
    for (const f of many) f.close();
  } finally {
    await app.close();
    await pubsub.close();
    await emulators.close();
  }
}
