/**
 * The cache against a model of the world: seeded random interleavings of what others do in
 * Salesforce (creates, updates and deletes of contacts, accounts, cases and tasks; phone changes;
 * status flips; moves between accounts; several records in one transaction) with the gateway's
 * reads on two replicas sharing one Redis. After each step's change events have arrived, every
 * answer a replica has cached equals an uncached read. A failing seed prints its steps
 * (docs/operations.md, "What is fresh, and how fast").
 *
 * MODEL_STEPS sets the number of steps (300 by default), MODEL_SEED the seed.
 */
import type { Connection } from 'jsforce';
import { pino } from 'pino';
import { startPubSub, type RunningEmulators, type RunningPubSub } from 'salesforce-emulator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { testConfig } from './support/config';
import { startTestEmulator } from './support/emulator';
import { MACHINE_REDIS, testPrefix } from './support/redis';
import { until } from './support/change-events';

const STEPS = inject('modelSteps');
const SEED = inject('modelSeed');

/** JSON with every object's keys sorted: two answers compare by content, not by key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/** mulberry32: a small seeded generator, so that a seed replays the same steps. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}

let em: RunningEmulators;
let pubsub: RunningPubSub;
const apps: App[] = [];
let cleanup: () => Promise<void>;
beforeAll(async () => {
  em = await startTestEmulator();
  pubsub = await startPubSub(em.salesforce, { keepaliveMs: 200 });
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await cleanup?.();
  await pubsub.close();
  await em.close();
});

async function gql(app: App, query: string, variables: Record<string, unknown>) {
  const res = await app.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: unknown; errors?: unknown[]; extensions?: { responseCache?: { hit?: boolean } } };
}

const LOOKUP = `query Lookup($phone: String!) { customersByPhone(phone: $phone) { outcome matches { field customer { id name } } } }`;
const CONTEXT = `query Context($id: ID!) {
  customer(id: $id) {
    id name mobilePhone account { id name phone }
    cases(status: OPEN, first: 5) { edges { node { id subject status } } }
    calls(first: 5) { edges { node { salesforceId summary } } }
    followUps(first: 5) { edges { node { id status } } }
  }
}`;
const CASES = `query Cases($id: ID!, $status: CaseStatusFilter!) { customer(id: $id) { cases(status: $status, first: 5) { edges { node { id status } } } } }`;

describe('the cache against a model of the world', () => {
  it(`${STEPS} seeded steps of outside writes and reads on two replicas: every cached answer equals a fresh read`, { timeout: 600_000 }, async () => {
    const rng = random(SEED);
    const { prefix, cleanup: c } = testPrefix();
    cleanup = c;
    const logger = pino({ level: 'silent' });
    const cached = testConfig(em.url, {
      cache: { ttlMs: 600_000, eventsTtlMs: 86_400_000, staleTtlMs: 0, maxEntries: 10_000 },
      changeEvents: { endpoint: pubsub.endpoint, verifyTls: false },
      sharedState: { redisUrl: MACHINE_REDIS, keyPrefix: prefix },
    });
    for (let i = 0; i < 2; i++) apps.push(await createApp(cached, { logger, changeEvents: { keepaliveGraceMs: 5_000, reconnectBaseMs: 100 } }));
    const truth = await createApp(testConfig(em.url, { cache: { ttlMs: 0, eventsTtlMs: 0, staleTtlMs: 0 } }), { logger });
    apps.push(truth);
    const [a, b] = apps as [App, App];
    await until(() => a.changeEvents!.healthy() && b.changeEvents!.healthy(), 5_000, 'both subscriptions');
    const conn: Connection = a.connection.conn;
    const f = em.salesforce.fixtures;

    // The world the steps act on: a few customers, accounts, numbers; what the steps made.
    const contacts = [f.contacts.ada, f.contacts.grace, ...Object.values(f.contacts).slice(2, 5)] as string[];
    const accounts = [f.accounts.acme, f.accounts.globex] as string[];
    const cases = Object.values(f.cases) as string[];
    const numbers = ['+14155550134', '+14155550199', '+14155550701', '+14155550702', '+14155550703', '+14155550704'];
    const stored = (n: string) => rng.pick([n, `(${n.slice(2, 5)}) ${n.slice(5, 8)}-${n.slice(8)}`, n.slice(2)]);
    const steps: string[] = [];
    const reads = new Map<string, { query: string; variables: Record<string, unknown> }>();

    const writes: (() => Promise<string>)[] = [
      async () => {
        const account = rng.chance(0.7) ? rng.pick(accounts) : null;
        const number = rng.chance(0.6) ? rng.pick(numbers) : null;
        const r = (await conn
          .sobject('Contact')
          .create({ LastName: `Model ${steps.length}`, AccountId: account, MobilePhone: number ? stored(number) : null })) as { id: string };
        contacts.push(r.id);
        return `create contact ${r.id} account=${account} mobile=${number}`;
      },
      async () => {
        const id = rng.pick(contacts);
        const field = rng.pick(['MobilePhone', 'HomePhone', 'Phone']);
        const number = rng.chance(0.8) ? rng.pick(numbers) : null;
        await conn.sobject('Contact').update({ Id: id, [field]: number ? stored(number) : null });
        return `contact ${id} ${field}=${number}`;
      },
      async () => {
        const id = rng.pick(contacts);
        await conn.sobject('Contact').update({ Id: id, FirstName: `Renamed${steps.length}` });
        return `rename contact ${id}`;
      },
      async () => {
        const id = rng.pick(contacts);
        const account = rng.pick([...accounts, null]);
        await conn.sobject('Contact').update({ Id: id, AccountId: account });
        return `move contact ${id} to ${account}`;
      },
      async () => {
        const id = rng.pick(accounts);
        const number = rng.chance(0.8) ? rng.pick(numbers) : null;
        await conn.sobject('Account').update({ Id: id, Phone: number ? stored(number) : null });
        return `account ${id} Phone=${number}`;
      },
      async () => {
        const r = (await conn
          .sobject('Account')
          .create({ Name: `Model account ${steps.length}`, Phone: rng.chance(0.5) ? stored(rng.pick(numbers)) : null })) as { id: string };
        accounts.push(r.id);
        return `create account ${r.id}`;
      },
      async () => {
        const who = rng.pick(contacts);
        const status = rng.pick(['New', 'Working', 'Closed']);
        const r = (await conn.sobject('Case').create({ ContactId: who, Subject: `Model case ${steps.length}`, Status: status, Origin: 'Phone' })) as {
          id: string;
        };
        cases.push(r.id);
        return `create case ${r.id} for ${who} ${status}`;
      },
      async () => {
        const id = rng.pick(cases);
        const status = rng.pick(['New', 'Working', 'Escalated', 'Closed']);
        await conn.sobject('Case').update({ Id: id, Status: status });
        return `case ${id} Status=${status}`;
      },
      async () => {
        const id = rng.pick(cases);
        const who = rng.pick(contacts);
        await conn.sobject('Case').update({ Id: id, ContactId: who });
        return `case ${id} moved to ${who}`;
      },
      async () => {
        const who = rng.pick(contacts);
        const kind = rng.pick(['Call', 'Task']);
        const r = (await conn.sobject('Task').create({
          WhoId: who,
          Subject: `Model ${kind} ${steps.length}`,
          Status: 'Completed',
          ...(kind === 'Call' ? { TaskSubtype: 'Call' } : { Follow_Up_Channel__c: 'SMS', Follow_Up_To__c: '+14155550134', Follow_Up_Status__c: 'SENT' }),
        })) as { id: string };
        return `create ${kind} ${r.id} for ${who}`;
      },
      async () => {
        // Several records in one transaction: cases of different customers, to different values.
        const picked = [rng.pick(cases), rng.pick(cases)].filter((x, i, all) => all.indexOf(x) === i);
        const records = picked.map((id) => ({ attributes: { type: 'Case' }, Id: id, Status: rng.pick(['New', 'Closed']) }));
        await conn.request({
          method: 'PATCH',
          url: '/services/data/v62.0/composite/sobjects',
          body: JSON.stringify({ allOrNone: true, records }),
          headers: { 'Content-Type': 'application/json' },
        });
        return `one transaction: ${records.map((r) => `${r.Id}=${r.Status}`).join(', ')}`;
      },
      async () => {
        const id = contacts.length > 5 ? contacts.splice(5 + Math.floor(rng.next() * (contacts.length - 5)), 1)[0]! : rng.pick(cases);
        const object = id.startsWith('003') ? 'Contact' : 'Case';
        if (object === 'Case') cases.splice(cases.indexOf(id), 1);
        await conn.sobject(object).destroy(id);
        return `delete ${object} ${id}`;
      },
    ];
    const readKinds: (() => { query: string; variables: Record<string, unknown> })[] = [
      () => ({ query: LOOKUP, variables: { phone: rng.pick(numbers) } }),
      () => ({ query: CONTEXT, variables: { id: rng.pick(contacts) } }),
      () => ({ query: CASES, variables: { id: rng.pick(contacts), status: rng.pick(['OPEN', 'CLOSED', 'ALL']) } }),
    ];

    /** Every answer read so far: where a replica has it cached, it must equal a fresh read. */
    async function check(step: number) {
      const picks = [...reads].map(([id, r]) => ({ id, r, replica: rng.pick([a, b]) }));
      await Promise.all(
        picks.map(async ({ id, r, replica }) => {
          const got = await gql(replica, r.query, r.variables);
          if (got.extensions?.responseCache?.hit !== true) return;
          const fresh = await gql(truth, r.query, r.variables);
          // The same answer, whatever order the executor set its keys in (they follow resolution order).
          if (canonical(got.data) !== canonical(fresh.data)) {
            throw new Error(
              `seed ${SEED}, step ${step}: a cached answer differs from Salesforce's for ${id}\n` +
                `cached: ${JSON.stringify(got.data)}\nfresh:  ${JSON.stringify(fresh.data)}\nsteps:\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
            );
          }
        }),
      );
    }

    // Events published since both subscribed, against events each replica has taken in.
    const p0 = pubsub.published();
    const e0 = new Map(apps.slice(0, 2).map((app) => [app, app.changeEvents!.health().events]));
    const due = (app: App) => app.changeEvents!.health().events - e0.get(app)! >= pubsub.published() - p0;
    let hits = 0;
    for (let step = 1; step <= STEPS; step++) {
      if (rng.chance(0.55)) {
        const write = rng.pick(writes);
        // A write Salesforce refuses (a rule, a reference) is part of the world too.
        steps.push(await write().catch((e: unknown) => `refused: ${e instanceof Error ? e.message.slice(0, 80) : 'error'}`));
        // This step's events, taken in by both replicas (bounded: 3 s).
        await until(() => due(a) && due(b), 3_000, `the events of step ${step} (${steps.at(-1)})`);
        await check(step);
      } else {
        const r = rng.pick(readKinds)();
        const replica = rng.pick([a, b]);
        const got = await gql(replica, r.query, r.variables);
        expect(got.errors, JSON.stringify(got.errors)).toBeUndefined();
        if (got.extensions?.responseCache?.hit) hits++;
        reads.set(`${r.query.slice(6, 14)} ${JSON.stringify(r.variables)}`, r);
        steps.push(`read ${JSON.stringify(r.variables)} on ${replica === a ? 'a' : 'b'}`);
      }
    }
    // The cache did serve: the model would prove nothing if every read missed.
    expect(hits).toBeGreaterThan(STEPS / 20);
  });
});
