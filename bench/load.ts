/**
 * The "load" run of `npm run bench`: N concurrent voice calls (BENCH_LOAD_CALLS, default 32), each
 * a whole call as the PolyAI kit makes it (lookup, createCase, updateCase, recordConsent, an SMS,
 * logCall) and then the next, for BENCH_LOAD_SECONDS (30), against the emulator answering every
 * Salesforce call after BENCH_LOAD_LATENCY_MS (150) ± BENCH_LOAD_JITTER_MS (50).
 *
 * The gateway runs as it ships, in a process of its own (`node --import tsx src/main.ts`, a real
 * org configuration pointed at the emulator), and the emulator in another (`npm run emulator`'s
 * entry), so that each one's CPU and memory are its own, read from /proc; the callers are this
 * process. Printed, and written with an SVG chart to bench/reports/: p50/p95/p99 per step,
 * Salesforce calls per voice call, the gateway's CPU, memory, event-loop delay and GC (from its
 * /metrics), the emulator's CPU and how long a trivial request waits there (which of the two set
 * the limit), and a ramp (4, 8, 16… concurrent calls for BENCH_LOAD_RAMP_SECONDS each) that finds
 * how many concurrent voice calls one replica carries before p99 passes 1 s. BENCH_LOAD_DEBUG=1
 * prints each failed step's answer.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { control, stats, DEMO_SMS } from 'salesforce-emulator';
import { demoOrgEnv } from '../test/support/credentials';
import { VOICE_CALL_STEPS, wholeVoiceCall, type VoiceCallStep } from '../test/support/voice-call';
import { percentile, runEntry, started, startEmulatorProcess, stop, type Proc } from './support';

const N = Number(process.env.BENCH_LOAD_CALLS ?? 32);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const RAMP_SECONDS = Number(process.env.BENCH_LOAD_RAMP_SECONDS ?? 10);
const LATENCY_MS = Number(process.env.BENCH_LOAD_LATENCY_MS ?? 150);
const JITTER_MS = Number(process.env.BENCH_LOAD_JITTER_MS ?? 50);
const P99_LIMIT_MS = 1_000;
const MAX_CALLS = 1_024;
const ROOT = new URL('../', import.meta.url);

type Gateway = Proc;

/** The gateway as `npm start` runs it, on a real-org configuration pointed at the emulator. */
async function startGateway(emulatorUrl: string, key: string): Promise<Gateway> {
  const child = runEntry('src/main.ts', {
    PORT: '0',
    LOG_LEVEL: 'warn',
    ...demoOrgEnv(emulatorUrl),
    GATEWAY_API_KEYS: `load-agent:agent:${key}`,
    RATE_LIMIT_AGENT: '1000000',
    CHANGE_EVENTS: 'false',
    SMS_PROVIDER_URL: emulatorUrl,
    SMS_ACCOUNT_SID: DEMO_SMS.accountSid,
    SMS_AUTH_TOKEN: DEMO_SMS.authToken,
    SMS_FROM: DEMO_SMS.from,
    SMS_PER_CUSTOMER_PER_HOUR: '0',
    PUBLIC_BASE_URL: 'http://127.0.0.1',
  });
  return started(child, /Gateway: (http:\/\/\S+)/, 'the gateway');
}

/** The process's CPU seconds so far and its resident memory (MB), from /proc. */
function usage(pid: number): { cpuS: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, in clock ticks (100 a second on Linux).
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpuS: ticks / 100, rssMb: rss / 1024 };
}

interface Stage {
  calls: number;
  seconds: number;
  voiceCalls: number;
  failedSteps: number;
  byStep: Record<VoiceCallStep, number[]>;
  all: number[];
  salesforcePerCall: number;
  cpuPercent: number;
  rssMaxMb: number;
  emulatorCpuPercent: number;
  callersCpuPercent: number;
  /** The gateway's event-loop delay (p99 over the stage, from its /metrics) and its GC time. */
  loopP99Ms: number;
  gcMsPerS: number;
  /** How long the emulator took to answer a trivial control request, p99: its own queue. */
  emulatorProbeP99Ms: number;
}

/** One series' value in the gateway's /metrics text. */
const series = (text: string, name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
const gcSeconds = (text: string) => [...text.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
const scrape = async (g: Gateway) => (await fetch(g.url.replace(/\/graphql$/, '/metrics'))).text();

/** `calls` callers, each making whole voice calls one after another for `seconds`. */
async function stage(
  g: Gateway,
  em: Proc,
  key: string,
  customers: { id: string; phone: string }[],
  calls: number,
  seconds: number,
  tag: string,
): Promise<Stage> {
  const byStep = Object.fromEntries(VOICE_CALL_STEPS.map((s) => [s, [] as number[]])) as Record<VoiceCallStep, number[]>;
  let voiceCalls = 0;
  let failedSteps = 0;
  // Scraping resets the event-loop histogram: what the next scrape reads is this stage's.
  const gcBefore = gcSeconds(await scrape(g));
  const before = { api: (await stats(em.url)).apiRequests, use: usage(g.pid), em: usage(em.pid), own: process.cpuUsage(), at: performance.now() };
  let rssMaxMb = before.use.rssMb;
  const sampler = setInterval(() => (rssMaxMb = Math.max(rssMaxMb, usage(g.pid).rssMb)), 500);
  // A trivial request to the emulator every 100 ms: how long it waits is the emulator's own queue.
  const probes: number[] = [];
  const prober = setInterval(() => {
    const sent = performance.now();
    void stats(em.url).then(() => probes.push(performance.now() - sent));
  }, 100);
  const deadline = performance.now() + seconds * 1_000;
  await Promise.all(
    Array.from({ length: calls }, async (_, caller) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const customer = customers[(caller + n * calls) % customers.length]!;
        await wholeVoiceCall(
          async (name, document, variables) => {
            const started = performance.now();
            const res = await fetch(`${g.url}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
              body: JSON.stringify({ query: document, variables }),
            });
            const body = (await res.json()) as { data?: Record<string, Record<string, unknown> | null>; errors?: unknown[] };
            const ms = performance.now() - started;
            byStep[name].push(ms);
            const result = body.data ? Object.values(body.data)[0] : null;
            // A typed answer (a consent refusal: Do Not Call covers texts) is an answer; an error is not.
            if (body.errors || !result) {
              failedSteps++;
              if (process.env.BENCH_LOAD_DEBUG) console.error(name, JSON.stringify(body).slice(0, 300));
            }
            return result ?? {};
          },
          customer.id,
          `${tag}-${caller}-${n}`,
          customer.phone,
        );
        voiceCalls++;
      }
    }),
  );
  clearInterval(sampler);
  clearInterval(prober);
  const after = { api: (await stats(em.url)).apiRequests, use: usage(g.pid), em: usage(em.pid), own: process.cpuUsage(before.own), at: performance.now() };
  const metrics = await scrape(g);
  const wall = (after.at - before.at) / 1_000;
  return {
    calls,
    seconds: wall,
    voiceCalls,
    failedSteps,
    byStep,
    all: Object.values(byStep).flat(),
    salesforcePerCall: (after.api - before.api) / Math.max(1, voiceCalls),
    cpuPercent: ((after.use.cpuS - before.use.cpuS) / wall) * 100,
    rssMaxMb,
    emulatorCpuPercent: ((after.em.cpuS - before.em.cpuS) / wall) * 100,
    callersCpuPercent: ((after.own.user + after.own.system) / 1e6 / wall) * 100,
    loopP99Ms: series(metrics, 'nodejs_eventloop_lag_p99_seconds') * 1_000,
    gcMsPerS: ((gcSeconds(metrics) - gcBefore) / wall) * 1_000,
    emulatorProbeP99Ms: percentile(probes, 99),
  };
}

const ms = (n: number) => `${Math.round(n)} ms`;

/** Which part was the slower at the last level: a trivial request's wait at the emulator, or the gateway's event-loop delay. */
function verdict(last: Stage | undefined): string {
  if (!last) return '';
  const emulator = last.emulatorProbeP99Ms;
  const gateway = last.loopP99Ms;
  return emulator > 2 * gateway
    ? `At ${last.calls}, a trivial request to the emulator waited ${ms(emulator)} (p99) while the gateway's event loop was delayed ${ms(gateway)}: the emulator, not the gateway, set this limit, so a replica carries at least this much.`
    : `At ${last.calls}, the gateway's event loop was delayed ${ms(gateway)} (p99) and a trivial request to the emulator waited ${ms(emulator)}: the gateway is the part to look at.`;
}

/** Grouped bars: p50, p95 and p99 of each step. */
function chart(s: Stage): string {
  const width = 720;
  const height = 320;
  const left = 60;
  const bottom = 40;
  const steps = VOICE_CALL_STEPS;
  const series = [
    { p: 50, color: '#4c78a8' },
    { p: 95, color: '#f58518' },
    { p: 99, color: '#e45756' },
  ];
  const values = steps.map((step) => series.map(({ p }) => percentile(s.byStep[step], p)));
  const top = Math.max(P99_LIMIT_MS, ...values.flat()) * 1.1;
  const y = (v: number) => height - bottom - (v / top) * (height - bottom - 20);
  const group = (width - left - 20) / steps.length;
  const bar = (group - 16) / series.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="${left}" y="14" font-size="13">Latency per step, ${s.calls} concurrent voice calls, upstream ${LATENCY_MS} ± ${JITTER_MS} ms</text>`,
    `<line x1="${left}" y1="${y(0)}" x2="${width - 20}" y2="${y(0)}" stroke="#333"/>`,
    `<line x1="${left}" y1="${y(P99_LIMIT_MS)}" x2="${width - 20}" y2="${y(P99_LIMIT_MS)}" stroke="#999" stroke-dasharray="4 3"/>`,
    `<text x="${left - 4}" y="${y(P99_LIMIT_MS) + 4}" text-anchor="end">1 s</text>`,
    `<text x="${left - 4}" y="${y(0) + 4}" text-anchor="end">0</text>`,
  ];
  steps.forEach((step, i) => {
    const x0 = left + i * group + 8;
    values[i]!.forEach((v, j) => {
      parts.push(
        `<rect x="${x0 + j * bar}" y="${y(v)}" width="${bar - 2}" height="${y(0) - y(v)}" fill="${series[j]!.color}"><title>${step} p${series[j]!.p}: ${ms(v)}</title></rect>`,
      );
    });
    parts.push(`<text x="${x0 + (group - 16) / 2}" y="${height - bottom + 16}" text-anchor="middle">${step}</text>`);
  });
  series.forEach(({ p, color }, j) => {
    parts.push(`<rect x="${width - 200 + j * 60}" y="24" width="10" height="10" fill="${color}"/><text x="${width - 186 + j * 60}" y="33">p${p}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

export async function runLoad(): Promise<void> {
  const em = await startEmulatorProcess();
  const key = randomBytes(32).toString('base64url');
  const g = await startGateway(em.url, key);
  try {
    // Customers with a phone number, found through the gateway as a designer would.
    const customers: { id: string; phone: string }[] = [];
    for (const text of ['gmail', 'yahoo', 'hotmail']) {
      const found = (await (
        await fetch(g.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: `{ searchCustomers(text: "${text}", first: 50) { edges { node { id phone mobilePhone } } } }` }),
        })
      ).json()) as { data: { searchCustomers: { edges: { node: { id: string; phone: string | null; mobilePhone: string | null } }[] } } };
      for (const e of found.data.searchCustomers.edges) {
        const phone = e.node.mobilePhone ?? e.node.phone;
        if (phone && !customers.some((c) => c.id === e.node.id)) customers.push({ id: e.node.id, phone });
      }
    }
    if (customers.length < 10) throw new Error(`only ${customers.length} customers with a phone number were found`);
    await control(em.url, 'PUT', 'faults', { latencyMs: LATENCY_MS, latencyJitterMs: JITTER_MS, seed: 7 });
    // Warm-up: the JIT, the connection pool.
    await stage(g, em, key, customers, 4, 3, 'warm');
    const main = await stage(g, em, key, customers, N, SECONDS, 'load');
    const ramp: Stage[] = [];
    for (let calls = 4; calls <= MAX_CALLS; calls *= 2) {
      const s = await stage(g, em, key, customers, calls, RAMP_SECONDS, `ramp${calls}`);
      ramp.push(s);
      if (percentile(s.all, 99) > P99_LIMIT_MS) break;
    }
    const carried = ramp.filter((s) => percentile(s.all, 99) <= P99_LIMIT_MS).at(-1)?.calls ?? 0;
    const passed = ramp.at(-1) && percentile(ramp.at(-1)!.all, 99) > P99_LIMIT_MS ? ramp.at(-1)!.calls : null;

    const date = new Date().toISOString().slice(0, 10);
    const machine = `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`;
    const stepRows = VOICE_CALL_STEPS.map(
      (step) => `| ${step} | ${ms(percentile(main.byStep[step], 50))} | ${ms(percentile(main.byStep[step], 95))} | ${ms(percentile(main.byStep[step], 99))} |`,
    );
    const rampRows = ramp.map(
      (s) =>
        `| ${s.calls} | ${(s.voiceCalls / s.seconds).toFixed(1)} | ${ms(percentile(s.all, 50))} | ${ms(percentile(s.all, 99))} | ${s.cpuPercent.toFixed(0)}% | ${s.rssMaxMb.toFixed(0)} MB | ${ms(s.loopP99Ms)} | ${s.gcMsPerS.toFixed(0)} ms/s | ${s.emulatorCpuPercent.toFixed(0)}% | ${ms(s.emulatorProbeP99Ms)} | ${s.callersCpuPercent.toFixed(0)}% | ${s.failedSteps} |`,
    );
    const report = `# Load: ${N} concurrent voice calls

Run on ${date} by \`npm run bench\` (\`BENCH_ONLY=load\`, bench/load.ts) on ${machine}. The gateway ran
as it ships in a process of its own, the emulator (every Salesforce call answered after
${LATENCY_MS} ± ${JITTER_MS} ms) in another, the callers in the bench's, all on the same machine.

## ${N} concurrent voice calls for ${SECONDS} s

${main.voiceCalls} whole voice calls (${(main.voiceCalls / main.seconds).toFixed(1)} a second), ${main.failedSteps} failed steps.
**${main.salesforcePerCall.toFixed(2)} Salesforce calls per voice call.** The gateway's CPU: ${main.cpuPercent.toFixed(0)}% of one
core; its memory at most ${main.rssMaxMb.toFixed(0)} MB resident; its event loop was delayed up to ${ms(main.loopP99Ms)} (p99), and
garbage collection took ${main.gcMsPerS.toFixed(0)} ms a second. The emulator's CPU: ${main.emulatorCpuPercent.toFixed(0)}% of one core.

![Latency per step](load-${date}.svg)

| step | p50 | p95 | p99 |
|---|---:|---:|---:|
${stepRows.join('\n')}

## How many concurrent voice calls one replica carries

Each level for ${RAMP_SECONDS} s, from 4 concurrent calls, doubling until p99 (all steps) passes 1 s. CPU is
the share of one core over the level. All three processes share this machine's ${availableParallelism()} cores: when
together they come near ${availableParallelism() * 100}%, the machine, not the gateway alone, set the limit.

| concurrent calls | voice calls / s | p50 | p99 | gateway CPU | gateway RSS (max) | gateway event-loop delay p99 | gateway GC | emulator CPU | emulator's own wait p99 | callers CPU | failed steps |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rampRows.join('\n')}

**One replica carried ${carried} concurrent voice calls with p99 within 1 s**${passed ? `; at ${passed} p99 passed 1 s.` : ` (the ramp stopped at ${MAX_CALLS} without passing it).`}
${verdict(ramp.at(-1))}
`;
    writeFileSync(new URL(`bench/reports/load-${date}.md`, ROOT), report);
    writeFileSync(new URL(`bench/reports/load-${date}.svg`, ROOT), chart(main));
    console.log(`\n${report}`);
    console.log(`(written to bench/reports/load-${date}.md and .svg)`);
  } finally {
    await stop(g);
    await stop(em);
  }
}
