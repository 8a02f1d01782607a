/**
 * No describe on a live call's path: start-up loads the describes the writes need, a background
 * refresh renews each before it expires (never on a request), and a failed refresh keeps the one
 * it had. Each request's own Salesforce calls are read from its log line (`salesforceCalls`),
 * which counts only what the request made, never a background refresh.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './support/change-events';
import { control } from './support/emulator';
import { startTestGateway, type TestGateway } from './support/gateway';
import { wholeVoiceCall, type VoiceCallStep } from './support/voice-call';

/** What one voice call costs when nothing has to be fetched but the call's own data. */
const EVERY_CALL = { customersByPhone: 2, createCase: 1, updateCase: 1, recordConsent: 1, sendFollowUp: 2, logCall: 1 };

let gw: TestGateway | null = null;
let lines: Record<string, unknown>[] = [];
afterEach(async () => {
  await gw?.close();
  gw = null;
});

async function start(describeCacheTtlMs?: number): Promise<TestGateway> {
  lines = [];
  gw = await startTestGateway({
    logger: pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) }),
    ...(describeCacheTtlMs === undefined ? {} : { settings: { describeCacheTtlMs } }),
  });
  return gw;
}

/** One whole voice call; the Salesforce calls each step's request made, from its log line. */
async function voiceCall(g: TestGateway, tag: string): Promise<Record<VoiceCallStep, number>> {
  const counts = {} as Record<VoiceCallStep, number>;
  await wholeVoiceCall(
    async (name, document, variables) => {
      const res = await g.graphql(document, variables);
      expect(res.errors, `${name}: ${JSON.stringify(res.errors)}`).toBeUndefined();
      const line = lines.filter((l) => l.msg === 'graphql operation').at(-1)!;
      counts[name] = line.salesforceCalls as number;
      return Object.values(res.data as Record<string, Record<string, unknown>>)[0]!;
    },
    g.emulators.salesforce.fixtures.contacts.ada,
    tag,
  );
  return counts;
}

const metrics = async (g: TestGateway) => (await g.yoga.fetch('http://gateway.test/metrics')).text();
const refreshes = async (g: TestGateway, outcome: 'ok' | 'failed') => {
  const m = /^gateway_metadata_refresh_total\{outcome="(\w+)"\} (\d+)/gm;
  const text = await metrics(g);
  return [...text.matchAll(m)].filter((x) => x[1] === outcome).reduce((n, x) => n + Number(x[2]), 0);
};

describe('no describe on a live call', () => {
  it('the first voice call after start-up costs what every call costs (8), and start-up made the describes', async () => {
    const g = await start();
    const describes = (await control<{ byKind: Record<string, number> }>(g.emulators.url, 'GET', 'stats')).byKind.describe ?? 0;
    expect(describes).toBeGreaterThanOrEqual(3);
    expect(await voiceCall(g, 'first')).toEqual(EVERY_CALL);
    // Nothing more was described during the call.
    expect((await control<{ byKind: Record<string, number> }>(g.emulators.url, 'GET', 'stats')).byKind.describe ?? 0).toBe(describes);
  });

  it('costs 8 again long after DESCRIBE_CACHE_TTL_MS: the background renewed each describe', async () => {
    const g = await start(300);
    // Bounded by the refreshes themselves: several TTLs have passed once each entry renewed twice.
    await until(async () => (await refreshes(g, 'ok')) >= 6, 5_000, 'the describes to be renewed twice');
    expect(await voiceCall(g, 'after-ttl')).toEqual(EVERY_CALL);
  });

  it('a failed refresh keeps serving the describe it had, and says so in /ready and a metric', async () => {
    const g = await start(300);
    await control(g.emulators.url, 'PUT', 'faults', { errorRate: 1, errorMethod: 'GET' });
    await until(async () => (await refreshes(g, 'failed')) >= 3, 10_000, 'refreshes to fail');
    const ready = await g.yoga.fetch('http://gateway.test/ready', { headers: { authorization: 'Bearer demo-agent-key' } });
    const detail = (await ready.json()) as { metadata: { failing: { key: string }[] } };
    expect(detail.metadata.failing.map((f) => f.key)).toEqual(expect.arrayContaining(['describe:Case']));
    expect(await metrics(g)).toMatch(/^gateway_metadata_failing [1-9]/m);
    // Salesforce answers again: the describes (now older than their TTL) still serve the call at once.
    await control(g.emulators.url, 'DELETE', 'faults');
    expect(await voiceCall(g, 'after-failures')).toEqual(EVERY_CALL);
  });
});
