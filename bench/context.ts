/**
 * The caller-context benchmark: the agent's lookup by
 * phone with the customer's account, consent, open cases with their follow-ups and their own
 * follow-ups. The emulator runs in a process of its own, and the load comes from autocannon in
 * another, so that the CPU counted is the gateway's alone.
 *
 * Prints, in one run:
 * - Salesforce calls and sequential rounds per query, cold (cache off) and warm (a cache hit);
 * - p50/p99 with 50 ms added to every Salesforce call, cold and warm;
 * - cache-hit throughput as a ratio of a bare Yoga `{ __typename }` server in the same run
 *   (BENCH_ROUNDS interleaved rounds, default 5; medians and the rounds' spread);
 * - CPU per request (this process's CPU time ÷ requests), gateway hit against bare Yoga;
 * - the same hit as several replicas serve it: answers, rate limits, budget and activity in Redis
 *   (BENCH_REDIS_URL, default the machine's).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { pino } from 'pino';
import { createApp, type App } from '../src/app';
import { roundsOf } from '../test/support/gateway';
import { testConfig } from '../test/support/config';
import { testPrefix } from '../test/support/redis';
import { percentile, startEmulatorProcess, stop } from './support';

const require = createRequire(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
/** Rounds of the throughput comparison. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const AGENT = 'Bearer demo-agent-key';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const CONTEXT = `query CallerContext { customersByPhone(phone: "+14155550134", first: 3) { outcome bestMatch { customer {
  id name account { name } consent { sms email call }
  cases(status: OPEN, first: 5) { edges { node { caseNumber subject status followUps(first: 3) { edges { node { channel status } } } } } }
  followUps(first: 3) { edges { node { channel to status } } } } } } }`;

const control = (url: string, method: string, path: string, body?: unknown) =>
  fetch(`${url}/__emulator/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  }).then((r) => r.json());

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface Load {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  cpuMsPerRequest: number;
}

/** autocannon in a child process against `url`; this process's CPU over the run, per request. */
async function load(url: string, body: string, connections = CONNECTIONS, seconds = SECONDS): Promise<Load> {
  const cpu = process.cpuUsage();
  const args = [
    require.resolve('autocannon/autocannon.js'),
    '--json',
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-H',
    `authorization=${AGENT}`,
    '-b',
    body,
    url,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  const used = process.cpuUsage(cpu);
  const r = JSON.parse(out) as { latency: { p50: number; p99: number }; requests: { average: number; total: number }; non2xx: number; errors: number };
  if (r.non2xx > 0 || r.errors > 0) {
    const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: AGENT }, body });
    throw new Error(`load against ${url}: ${r.non2xx} non-2xx, ${r.errors} errors; now ${probe.status} ${(await probe.text()).slice(0, 300)}`);
  }
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    requests: r.requests.total,
    cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, r.requests.total),
  };
}

export async function runContext(): Promise<void> {
  const emulator = await startEmulatorProcess();
  const { prefix, cleanup } = testPrefix(REDIS_URL);
  const logger = pino({ level: 'silent' });
  const apps: App[] = [];
  const servers: Server[] = [];
  try {
    // Rate limits would cap the load generator itself: out of the way for the bench.
    const unthrottled = { perSecond: 1e9, burst: 1e9 };
    const security = { rateLimits: { agent: unthrottled, designer: unthrottled, frontend: unthrottled } };
    const cold = await createApp(testConfig(emulator.url, { cache: { ttlMs: 0 }, security }), { logger });
    const warm = await createApp(testConfig(emulator.url, { cache: { ttlMs: 600_000 }, security }), { logger });
    // As several replicas run: answers, rate limits and the budget in Redis (a key prefix of its own, removed after).
    const shared = await createApp(testConfig(emulator.url, { cache: { ttlMs: 600_000 }, security, sharedState: { redisUrl: REDIS_URL, keyPrefix: prefix } }), {
      logger,
    });
    apps.push(cold, warm, shared);
    const post = async (app: App) => {
      const res = await app.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: AGENT },
        body: JSON.stringify({ query: CONTEXT }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`context query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
    };
    const measure = async (app: App) => {
      await control(emulator.url, 'POST', 'reset');
      await control(emulator.url, 'PUT', 'faults', { latencyMs: 20 });
      await post(app);
      const { requests } = (await control(emulator.url, 'GET', 'requests')) as { requests: { arrived: number; answered: number }[] };
      return { calls: requests.length, rounds: roundsOf(requests) };
    };
    const coldCalls = await measure(cold);
    await post(warm); // fills the cache
    await post(shared);
    const warmCalls = await measure(warm);

    console.log('\n## Caller context: Salesforce calls and rounds per query\n');
    console.log('| | calls | sequential rounds |\n|---|--:|--:|');
    console.log(`| cold (cache off) | ${coldCalls.calls} | ${coldCalls.rounds} |`);
    console.log(`| warm (cache hit) | ${warmCalls.calls} | ${warmCalls.rounds} |`);

    const body = JSON.stringify({ query: CONTEXT });
    const coldHttp = await listen(cold.yoga);
    const warmHttp = await listen(warm.yoga);
    const sharedHttp = await listen(shared.yoga);
    servers.push(coldHttp.server, warmHttp.server, sharedHttp.server);
    await control(emulator.url, 'PUT', 'faults', { latencyMs: 50 });
    // Latency is what one waiting caller sees: one connection.
    const coldLoad = await load(`${coldHttp.url}/graphql`, body, 1);
    const warmLoad = await load(`${warmHttp.url}/graphql`, body, 1);
    await control(emulator.url, 'DELETE', 'faults');

    console.log(`\n## Caller context latency, 50 ms added to every Salesforce call (one caller at a time, ${SECONDS} s each)\n`);
    console.log('| | p50 | p99 | requests/s |\n|---|--:|--:|--:|');
    console.log(`| cold (cache off) | ${coldLoad.p50} ms | ${coldLoad.p99} ms | ${coldLoad.rps.toFixed(1)} |`);
    console.log(`| warm (cache hit) | ${warmLoad.p50} ms | ${warmLoad.p99} ms | ${warmLoad.rps.toFixed(1)} |`);

    // The ceiling: a bare Yoga answering { __typename }, in this process, under the same load.
    const bare = createYoga({ logging: false, schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }) });
    const bareHttp = await listen(bare);
    servers.push(bareHttp.server);
    // And the like-for-like floor: a bare Yoga configured as the gateway runs (no streaming body
    // limit: its HTTP server bounds bodies by their declared length), answering as many bytes as
    // the cached answer. What the gateway adds over Yoga itself is the distance to this one.
    const answer = await (
      await fetch(`${warmHttp.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: AGENT }, body })
    ).text();
    const alike = createYoga({
      logging: false,
      maxRequestBodySize: false,
      schema: createSchema({ typeDefs: 'type Query { answer: String }', resolvers: { Query: { answer: () => 'x'.repeat(Math.max(0, answer.length - 24)) } } }),
    });
    const alikeHttp = await listen(alike);
    servers.push(alikeHttp.server);
    // Rounds, each running the four in turn, the order reversed every other round: the machine's
    // drift (another process, a warmer JIT) falls on all four alike. Medians, and the spread of
    // the rounds' own ratios.
    const targets = {
      bare: (seconds?: number) => load(`${bareHttp.url}/graphql`, JSON.stringify({ query: '{ __typename }' }), CONNECTIONS, seconds),
      alike: (seconds?: number) => load(`${alikeHttp.url}/graphql`, JSON.stringify({ query: '{ answer }' }), CONNECTIONS, seconds),
      hit: (seconds?: number) => load(`${warmHttp.url}/graphql`, body, CONNECTIONS, seconds),
      redis: (seconds?: number) => load(`${sharedHttp.url}/graphql`, body, CONNECTIONS, seconds),
    };
    const runs: Record<keyof typeof targets, Load[]> = { bare: [], alike: [], hit: [], redis: [] };
    const order: (keyof typeof targets)[] = ['bare', 'alike', 'hit', 'redis'];
    // A second of each first, not counted: the JIT's warm-up is no one's cost.
    for (const name of order) await targets[name](1);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 === 0 ? order : [...order].reverse()) runs[name].push(await targets[name]());
    }
    const median = (xs: number[]) => percentile(xs, 50);
    const rps = (name: keyof typeof targets) => median(runs[name].map((l) => l.rps));
    const cpu = (name: keyof typeof targets) => median(runs[name].map((l) => l.cpuMsPerRequest));
    const spread = (name: keyof typeof targets) => {
      const ratios = runs.hit.map((l, i) => l.rps / runs[name][i]!.rps);
      return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
    };
    console.log(
      `\n## Cache-hit throughput and CPU per request, against a bare Yoga \`{ __typename }\` in the same run (${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each; medians)\n`,
    );
    console.log('| | requests/s | CPU per request |\n|---|--:|--:|');
    console.log(`| bare Yoga (its defaults) | ${rps('bare').toFixed(0)} | ${cpu('bare').toFixed(3)} ms |`);
    console.log(
      `| bare Yoga as the gateway runs it (no streaming body limit), ${answer.length} bytes answered | ${rps('alike').toFixed(0)} | ${cpu('alike').toFixed(3)} ms |`,
    );
    console.log(`| gateway, cache hit (${answer.length} bytes) | ${rps('hit').toFixed(0)} | ${cpu('hit').toFixed(3)} ms |`);
    console.log(`| gateway, cache hit, with answers, rate limits, budget and activity in Redis | ${rps('redis').toFixed(0)} | ${cpu('redis').toFixed(3)} ms |`);
    console.log(`| ratio to bare Yoga (rounds: ${spread('bare')}) | ${(rps('hit') / rps('bare')).toFixed(2)}× | ${(cpu('hit') / cpu('bare')).toFixed(2)}× |`);
    console.log(
      `| ratio to Yoga as the gateway runs it (rounds: ${spread('alike')}) | ${(rps('hit') / rps('alike')).toFixed(2)}× | ${(cpu('hit') / cpu('alike')).toFixed(2)}× |`,
    );
  } finally {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    for (const app of apps) await app.close();
    await stop(emulator);
    await cleanup();
  }
}
