/**
 * `npm run bench`: the read path against the embedded emulator, in one process.
 *
 * For N = 1, 10 and 100 customers it runs the nested agent query (customers → account → cases →
 * follow-ups) through two gateways over the same emulator: ours (batched DataLoaders, child
 * subqueries) and a naive baseline (the same resolvers with batching off, so every relation
 * costs its own query: N+1). It prints Salesforce API calls per operation, then end-to-end
 * latency p50/p99 with autocannon while the emulator adds 50 ms to every Salesforce call.
 *
 * First the caller-context run (bench/context.ts), then the voice-call run (bench/voice-call.ts),
 * the change-events run (bench/change-events.ts), the Redis footprint run (bench/redis-footprint.ts), then this one, then the chaos run (bench/chaos.ts), then the subscriptions run (bench/subscriptions.ts), then the live-customers run (bench/live-customers.ts), then the load run (bench/load.ts).
 *
 * Options (env): BENCH_SECONDS (per latency run, default 5), BENCH_CONNECTIONS (default 4), BENCH_ROUNDS
 * (the context run's throughput rounds, default 5),
 * BENCH_ONLY=context|voice|events|footprint|read|chaos|subscriptions|live|load; BENCH_SUBSCRIBERS (default 1,000).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { startEmulators } from 'salesforce-emulator';
import { createApp } from '../src/app';
import type { Gateway } from '../src/http/yoga';
import { testConfig } from '../test/support/config';

const AGENT = 'Bearer demo-agent-key';
import { runChaos } from './chaos';
import { runContext } from './context';
import { runVoiceCall } from './voice-call';
import { runChangeEvents } from './change-events';
import { runRedisFootprint } from './redis-footprint';
import { runSubscriptions } from './subscriptions';
import { runLiveCustomers } from './live-customers';
import { runLoad } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const LATENCY_MS = 50;

const NODE = `name account { name } cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }`;

function operation(n: number, cursorAt50: string): string {
  if (n <= 50) return `{ searchCustomers(text: "gmail", first: ${n}) { edges { node { ${NODE} } } } }`;
  // 100 customers: two pages of 50, side by side in one operation.
  return `{ a: searchCustomers(text: "gmail", first: 50) { edges { node { ${NODE} } } }
            b: searchCustomers(text: "gmail", first: 50, after: "${cursorAt50}") { edges { node { ${NODE} } } } }`;
}

async function runRead(): Promise<void> {
  const emulators = await startEmulators({ port: 0 });
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${emulators.url}/__emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json());

  const logger = pino({ level: 'silent' });
  // A generous deadline, so that the slow N+1 baseline is measured rather than cut off.
  // The naive baseline needs far more calls than a request's budget allows: it is lifted here.
  const unthrottled = { perSecond: 1e9, burst: 1e9 };
  const config = testConfig(emulators.url, {
    settings: { requestDeadlineMs: 60_000, upstreamCallsPerRequest: 1_000 },
    security: { rateLimits: { agent: unthrottled, designer: unthrottled, frontend: unthrottled } },
  });
  const apps = { gateway: await createApp(config, { logger }), baseline: await createApp(config, { logger, batch: false }) };
  const gateways: Record<'gateway' | 'baseline', Gateway> = { gateway: apps.gateway.yoga, baseline: apps.baseline.yoga };

  async function post(yoga: Gateway, query: string) {
    const res = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: AGENT },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data?: Record<string, { edges: unknown[]; pageInfo?: { endCursor: string } }>; errors?: unknown[] };
    if (body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
    return body.data!;
  }

  const first50 = await gateways.gateway.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: AGENT },
    body: JSON.stringify({ query: '{ searchCustomers(text: "gmail", first: 50) { pageInfo { endCursor } } }' }),
  });
  const cursorAt50 = ((await first50.json()) as { data: { searchCustomers: { pageInfo: { endCursor: string } } } }).data.searchCustomers.pageInfo.endCursor;

  async function callsFor(yoga: Gateway, query: string) {
    await control('POST', 'reset');
    const data = await post(yoga, query);
    const customers = Object.values(data).reduce((n, c) => n + c.edges.length, 0);
    const stats = (await control('GET', 'stats')) as { apiRequests: number };
    return { customers, calls: stats.apiRequests };
  }

  console.log('\nSalesforce API calls per operation (customers → account → 5 cases → 3 follow-ups each)\n');
  console.log('|   N | customers | gateway | baseline (N+1) | baseline / gateway |');
  console.log('|----:|----------:|--------:|---------------:|-------------------:|');
  const ns = [1, 10, 100];
  for (const n of ns) {
    const query = operation(n, cursorAt50);
    const ours = await callsFor(gateways.gateway, query);
    const naive = await callsFor(gateways.baseline, query);
    console.log(
      `| ${String(n).padStart(3)} | ${String(ours.customers).padStart(9)} | ${String(ours.calls).padStart(7)} | ${String(naive.calls).padStart(14)} | ${(naive.calls / ours.calls).toFixed(1).padStart(17)}x |`,
    );
  }

  async function listen(yoga: Gateway): Promise<{ server: Server; url: string }> {
    const server = createServer(yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
  }

  console.log(`\nEnd-to-end latency with ${LATENCY_MS} ms per Salesforce call (autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run)\n`);
  console.log('|   N | gateway p50 | gateway p99 | gateway req/s | baseline p50 | baseline p99 | baseline req/s | p50 ratio |');
  console.log('|----:|------------:|------------:|--------------:|-------------:|-------------:|---------------:|----------:|');
  await control('POST', 'reset');
  await control('PUT', 'faults', { latencyMs: LATENCY_MS });
  const servers = { gateway: await listen(gateways.gateway), baseline: await listen(gateways.baseline) };
  for (const n of ns) {
    const body = JSON.stringify({ query: operation(n, cursorAt50) });
    const results: Record<string, autocannon.Result> = {};
    for (const which of ['gateway', 'baseline'] as const) {
      results[which] = await autocannon({
        url: servers[which].url,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: AGENT },
        body,
        connections: CONNECTIONS,
        duration: SECONDS,
      });
      if (results[which].non2xx > 0 || results[which].errors > 0)
        throw new Error(`${which} had ${results[which].non2xx} non-2xx and ${results[which].errors} errors`);
    }
    const g = results.gateway!;
    const b = results.baseline!;
    // A run shorter than one answer measures nothing: say so rather than print 0 ms.
    const ms = (v: number) => (g.requests.total > 0 && b.requests.total > 0 ? `${v.toFixed(0)} ms` : 'n/a').padStart(11);
    console.log(
      `| ${String(n).padStart(3)} | ${ms(g.latency.p50)} | ${ms(g.latency.p99)} | ${g.requests.average.toFixed(1).padStart(13)} | ${ms(b.latency.p50).padStart(12)} | ${ms(b.latency.p99).padStart(12)} | ${b.requests.average.toFixed(1).padStart(14)} | ${(b.latency.p50 / g.latency.p50).toFixed(1).padStart(8)}x |`,
    );
  }

  for (const { server } of Object.values(servers)) {
    server.closeAllConnections();
    server.close();
  }
  await Promise.all(Object.values(apps).map((a) => a.close()));
  await emulators.close();
}

const only = process.env.BENCH_ONLY;
if (!only || only === 'context') await runContext();
if (!only || only === 'voice') await runVoiceCall();
if (!only || only === 'events') await runChangeEvents();
if (!only || only === 'footprint') await runRedisFootprint();
if (!only || only === 'read') await runRead();
if (!only || only === 'chaos') await runChaos();
if (!only || only === 'subscriptions') await runSubscriptions();
if (!only || only === 'live') await runLiveCustomers();
if (!only || only === 'load') await runLoad();
