/**
 * The "footprint" run of `npm run bench`: Redis memory per cached answer, for sizing Redis
 * (docs/operations.md, "Sizing Redis"). It caches 200 caller contexts and 200 phone lookups that
 * find nobody through a gateway on the machine's Redis (a key prefix of its own, removed after),
 * and sums `MEMORY USAGE` of every key the cache wrote: the answer, its last known copy, its tag
 * list and its share of the tag sets and indexes. The baseline is the answers' own JSON size.
 */
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { startEmulators } from 'salesforce-emulator';
import { createApp } from '../src/app';
import { testConfig } from '../test/support/config';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const ANSWERS = 200;
const CONTEXT = `query Context($id: ID!) { customer(id: $id) { id name mobilePhone account { id name } cases(status: OPEN, first: 5) { edges { node { id subject status } } } followUps(first: 5) { edges { node { id status } } } } }`;
const LOOKUP = `query Lookup($phone: String!) { customersByPhone(phone: $phone) { outcome matches { customer { id name } } } }`;

export async function runRedisFootprint(): Promise<void> {
  const emulators = await startEmulators({ port: 0 });
  const prefix = `bench:${process.pid}:`;
  const redis = new Redis(REDIS_URL);
  const keys = async () => {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      out.push(...found);
      cursor = next;
    } while (cursor !== '0');
    return out;
  };
  const bytes = async () => {
    let total = 0;
    for (const k of await keys()) total += Number(await redis.memory('USAGE', k)) || 0;
    return total;
  };
  const app = await createApp(
    testConfig(emulators.url, {
      cache: { ttlMs: 600_000, eventsTtlMs: 86_400_000, staleTtlMs: 86_400_000, maxEntries: 10_000 },
      sharedState: { redisUrl: REDIS_URL, keyPrefix: prefix },
    }),
    { logger: pino({ level: 'silent' }) },
  );
  try {
    const post = async (query: string, variables: object) => {
      const res = await app.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-agent-key' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: unknown };
      return JSON.stringify({ data: body.data }).length;
    };
    const ids = (await app.connection.conn.query<{ Id: string }>(`SELECT Id FROM Contact ORDER BY Id LIMIT ${ANSWERS}`)).records.map((r) => r.Id);
    const rows: [string, number, number][] = [];
    let before = await bytes();
    let json = 0;
    for (const id of ids) json += await post(CONTEXT, { id });
    let after = await bytes();
    rows.push(['caller context', json / ANSWERS, (after - before) / ANSWERS]);
    before = after;
    json = 0;
    for (let i = 0; i < ANSWERS; i++) json += await post(LOOKUP, { phone: `+1415555${String(2000 + i)}` });
    after = await bytes();
    rows.push(['lookup, NO_MATCH', json / ANSWERS, (after - before) / ANSWERS]);
    console.log(`\nRedis memory per cached answer (${ANSWERS} of each, MEMORY USAGE of every key the cache wrote)`);
    console.log('answer            | answer JSON (bytes) | Redis (bytes) | ratio');
    for (const [name, size, redisBytes] of rows) {
      console.log(
        `${name.padEnd(17)} | ${String(Math.round(size)).padStart(19)} | ${String(Math.round(redisBytes)).padStart(13)} | ${(redisBytes / size).toFixed(1)}x`,
      );
    }
  } finally {
    const left = await keys();
    if (left.length > 0) await redis.del(...left);
    redis.disconnect();
    await app.close();
    await emulators.close();
  }
}
