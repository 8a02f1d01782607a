/**
 * The chaos run: a fixed mix of agent operations (caller lookup, caller context, createCase,
 * sendFollowUp), each retried by the "agent" with the same idempotency key as a real client would,
 * for a bounded time under a fault mix on the emulator. It prints the success rate, p50/p99 per
 * operation and the invariants: every acknowledged case exists exactly once, no key made two cases,
 * and no follow-up went out twice.
 *
 * Options (env): CHAOS_SECONDS (default 10), CHAOS_WORKERS (default 8).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp } from '../src/app';
import { testConfig } from '../test/support/config';
import { DEMO_API_KEYS } from '../src/domain/api-keys';
import { startEmulators } from 'salesforce-emulator';
import { percentile } from './support';

const AGENT = 'Bearer demo-agent-key';
/** Idempotency keys are scoped to the key's name. */
const AGENT_NAME = DEMO_API_KEYS.find((k) => k.key === 'demo-agent-key')!.name;

const SECONDS = Number(process.env.CHAOS_SECONDS ?? 10);
const WORKERS = Number(process.env.CHAOS_WORKERS ?? 8);
const FAULTS = { latencyMs: 20, errorRate: 0.1, errorCode: 'SERVER_UNAVAILABLE', dropResponseAfterCommitRate: 0.05, seed: 7 };
const SMS_FAULTS = { dropResponseAfterAcceptRate: 0.05, errorRate: 0.02 };

type Op = 'lookup' | 'context' | 'createCase' | 'sendFollowUp';

export async function runChaos(): Promise<void> {
  const emulators = await startEmulators({ port: 0 });
  const logger = pino({ level: 'silent' });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const publicBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The hourly SMS limit per customer would refuse most of this run's messages: it is a policy,
  // not a fault, and the run is about exactly-once under faults.
  const config = testConfig(emulators.url, { publicBaseUrl, settings: { smsPerCustomerPerHour: 0 } });
  const app = await createApp({ ...config, messaging: { ...config.messaging, timeoutMs: 2_000 } }, { logger });
  const { yoga } = app;
  server.on('request', yoga);
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${emulators.url}/__emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json());

  const { contacts } = emulators.salesforce.fixtures;
  const callers = [
    { id: contacts.ada, phone: '+14155550134' },
    { id: contacts.grace, phone: '+14155550199' },
    { id: contacts.katherine, phone: '+14155550142' },
    { id: contacts.tim, phone: '+447700900123' },
  ];
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${publicBaseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: AGENT },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: Record<string, { __typename?: string; case?: { id: string }; followUp?: { id: string } } | null> | null;
      errors?: unknown[];
    };
  };

  const latencies: Record<Op, number[]> = { lookup: [], context: [], createCase: [], sendFollowUp: [] };
  const failures: Record<Op, number> = { lookup: 0, context: 0, createCase: 0, sendFollowUp: 0 };
  const acknowledgedCases = new Map<string, string>();
  const acknowledgedFollowUps = new Map<string, string>();
  const caseKeys: string[] = [];
  let sequence = 0;

  /** One operation as the agent does it: retried (same key) while the answer is retryable. */
  async function timed(op: Op, run: () => Promise<boolean>) {
    const started = performance.now();
    let ok = false;
    for (let attempt = 0; attempt < 4 && !ok; attempt++) {
      try {
        ok = await run();
      } catch {
        ok = false;
      }
      if (!ok) await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
    latencies[op].push(performance.now() - started);
    if (!ok) failures[op]++;
  }

  await control('PUT', 'faults', FAULTS);
  await control('PUT', 'sms/faults', SMS_FAULTS);
  const endAt = Date.now() + SECONDS * 1000;
  // Halfway through, every session expires: in-flight calls must re-login once and carry on.
  const expiry = setTimeout(() => void control('POST', 'sessions/expire'), (SECONDS * 1000) / 2);
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (Date.now() < endAt) {
        const n = ++sequence;
        const caller = callers[n % callers.length]!;
        await timed('lookup', async () => {
          const r = await gql('query($p: String!) { customersByPhone(phone: $p) { outcome bestMatch { customer { id } } } }', { p: caller.phone });
          return !r.errors && r.data?.customersByPhone !== null;
        });
        await timed('context', async () => {
          const r = await gql(
            'query($id: ID!) { customer(id: $id) { name cases(status: OPEN, first: 5) { edges { node { caseNumber followUps(first: 3) { edges { node { status } } } } } } } }',
            {
              id: caller.id,
            },
          );
          return !r.errors;
        });
        const caseKey = `chaos-${n}`;
        caseKeys.push(caseKey);
        await timed('createCase', async () => {
          const r = await gql('mutation($i: CreateCaseInput!) { createCase(input: $i) { __typename ... on CreateCaseSuccess { case { id } } } }', {
            i: { customerId: caller.id, subject: `Chaos call ${n}`, idempotencyKey: caseKey },
          });
          const c = r.data?.createCase;
          if (c?.__typename === 'CreateCaseSuccess' && c.case) acknowledgedCases.set(caseKey, c.case.id);
          return c?.__typename === 'CreateCaseSuccess';
        });
        const smsKey = `chaos-${n}-sms`;
        await timed('sendFollowUp', async () => {
          const r = await gql('mutation($i: SendFollowUpInput!) { sendFollowUp(input: $i) { __typename ... on SendFollowUpSuccess { followUp { id } } } }', {
            i: { customerId: caller.id, channel: 'SMS', body: `About your call ${n}`, idempotencyKey: smsKey },
          });
          const f = r.data?.sendFollowUp;
          if (f?.__typename === 'SendFollowUpSuccess' && f.followUp) acknowledgedFollowUps.set(smsKey, f.followUp.id);
          return f?.__typename === 'SendFollowUpSuccess';
        });
      }
    }),
  );
  clearTimeout(expiry);
  await control('DELETE', 'faults');
  await control('DELETE', 'sms/faults');

  // Invariants, read straight from the emulated org and the provider's outbox.
  const verify = app.sf.withDeadline(Date.now() + 60_000);
  const cases = await verify.query<{ Id: string; Gateway_Request_Key__c: string }>(
    `SELECT Id, Gateway_Request_Key__c FROM Case WHERE Gateway_Request_Key__c LIKE '${AGENT_NAME}:chaos-%'`,
  );
  const perKey = new Map<string, string[]>();
  for (const c of cases.records) perKey.set(c.Gateway_Request_Key__c, [...(perKey.get(c.Gateway_Request_Key__c) ?? []), c.Id]);
  const doubledCases = [...perKey.values()].filter((ids) => ids.length > 1).length;
  const lostCases = [...acknowledgedCases].filter(([key, id]) => perKey.get(`${AGENT_NAME}:${key}`)?.[0] !== id).length;
  const outbox = (await control('GET', 'outbox')) as { messages: { channel: string; statusCallback?: string | null }[] };
  const smsPerFollowUp = new Map<string, number>();
  for (const m of outbox.messages.filter((x) => x.channel === 'SMS')) {
    const id = new URL(m.statusCallback!).searchParams.get('followUp')!;
    smsPerFollowUp.set(id, (smsPerFollowUp.get(id) ?? 0) + 1);
  }
  const doubledSms = [...smsPerFollowUp.values()].filter((n) => n > 1).length;
  const unsentAcknowledged = [...acknowledgedFollowUps.values()].filter((id) => (smsPerFollowUp.get(id) ?? 0) !== 1).length;

  const total = (Object.keys(latencies) as Op[]).reduce((n, op) => n + latencies[op].length, 0);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  console.log(
    `\nChaos run: ${SECONDS} s, ${WORKERS} concurrent agents, faults ${JSON.stringify(FAULTS)}, SMS ${JSON.stringify(SMS_FAULTS)}, every session expired halfway\n`,
  );
  console.log('| operation | count | success | p50 | p99 |');
  console.log('|---|--:|--:|--:|--:|');
  for (const op of Object.keys(latencies) as Op[]) {
    const l = latencies[op];
    console.log(
      `| ${op} | ${l.length} | ${(((l.length - failures[op]) / l.length) * 100).toFixed(1)}% | ${percentile(l, 50).toFixed(0)} ms | ${percentile(l, 99).toFixed(0)} ms |`,
    );
  }
  const all = Object.values(latencies).flat();
  console.log(
    `| all | ${total} | ${(((total - failed) / total) * 100).toFixed(1)}% | ${percentile(all, 50).toFixed(0)} ms | ${percentile(all, 99).toFixed(0)} ms |`,
  );
  console.log('\nInvariants');
  console.log(`- acknowledged cases: ${acknowledgedCases.size}; missing or different upstream: ${lostCases}`);
  console.log(`- idempotency keys with more than one case: ${doubledCases} (of ${perKey.size} keys written, ${caseKeys.length} attempted)`);
  console.log(`- follow-ups sent more than once: ${doubledSms} (of ${smsPerFollowUp.size} sent)`);
  console.log(`- acknowledged follow-ups not sent exactly once: ${unsentAcknowledged} (of ${acknowledgedFollowUps.size})`);
  const held = lostCases === 0 && doubledCases === 0 && doubledSms === 0 && unsentAcknowledged === 0;
  console.log(held ? '\nAll invariants held.' : '\nINVARIANT BROKEN.');
  server.closeAllConnections();
  server.close();
  await app.close();
  await emulators.close();
  if (!held) process.exitCode = 1;
}
