/**
 * The shared state in Redis, for several replicas (docs/operations.md, "Several replicas"). Every key carries
 * the deployment's prefix. Commands fail fast while Redis is down (no offline queue): reads then
 * go on without it (the session and the limit flag fall back to this process, rate limits to an
 * in-memory insurance limiter), and the writes that need a claim are refused, retryably.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { stateUnavailable } from '../domain/errors';
import { ROLES, type Role } from '../domain/principal';
import { HOURS, HOUR_MS, hourOf } from '../domain/budget-window';
import { memoryBudgetStore, type OrgUsage } from './budget';
import { INVALIDATION_MEMORY_MS, type SharedState } from './index';

/**
 * Stores an answer unless one of its entities was invalidated after the read began.
 * KEYS: the answer, then per entity its invalidation mark and its set of answers.
 * ARGV: the answer, its TTL (ms), the generation the read began at, the answer's own key name.
 */
const STORE_ANSWER = `
local since = tonumber(ARGV[3])
for i = 2, #KEYS, 2 do
  local mark = redis.call('get', KEYS[i])
  if mark and tonumber(mark) > since then return 0 end
end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
for i = 3, #KEYS, 2 do
  redis.call('sadd', KEYS[i], ARGV[4])
  redis.call('pexpire', KEYS[i], ARGV[2], 'GT')
  redis.call('pexpire', KEYS[i], ARGV[2], 'NX')
end
return 1`;

/** Sets a number only when it is higher than the one stored (no expiry: a replay id stays valid 72 h upstream). */
const KEEP_HIGHEST = "local v = redis.call('get', KEYS[1]) if (not v) or tonumber(v) < tonumber(ARGV[1]) then redis.call('set', KEYS[1], ARGV[1]) end return 1";

/** Deletes a key only if it still holds our token (a lock or claim we own). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface RedisStateOptions {
  url: string;
  /** Prefix of every key. @default 'sfgw:' */
  keyPrefix?: string;
  /** A claim outlives a crashed holder by this much at most. @default 60_000 */
  claimTtlMs?: number;
  /** @default 86_400_000 (24 hours) */
  fallbackTtlMs?: number;
}

export async function redisSharedState(o: RedisStateOptions): Promise<SharedState & { redis: Redis }> {
  const redis = new Redis(o.url, {
    keyPrefix: o.keyPrefix ?? 'sfgw:',
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  // Errors surface on the commands; the client reconnects by itself.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (e) {
    redis.disconnect();
    const code = (e as { code?: string }).code ?? (e instanceof Error ? e.message : 'no answer');
    // The URL may carry a password: name the variable, never the value.
    throw new Error(`Redis did not answer at REDIS_URL (${code}): check the URL and that Redis runs`);
  }
  const claimTtl = o.claimTtlMs ?? 60_000;
  const fallbackTtl = o.fallbackTtlMs ?? 24 * 60 * 60_000;
  const claims = new Map<string, string>();
  let lockToken: string | null = null;

  return {
    kind: 'redis',
    redis,
    claims: {
      async claim(key) {
        const token = randomUUID();
        try {
          const ok = await redis.set(`claim:${key}`, token, 'PX', claimTtl, 'NX');
          if (ok !== 'OK') return false;
        } catch (e) {
          throw stateUnavailable(e);
        }
        claims.set(key, token);
        return true;
      },
      async release(key) {
        const token = claims.get(key);
        claims.delete(key);
        // If Redis is gone the claim expires by itself.
        if (token) await redis.eval(RELEASE, 1, `claim:${key}`, token).catch(() => undefined);
      },
    },
    fallback: {
      async get(key) {
        try {
          const v = await redis.get(`fallback:${key}`);
          return v ? (JSON.parse(v) as { id: string; fingerprint: string | null }) : null;
        } catch (e) {
          throw stateUnavailable(e);
        }
      },
      async set(key, record) {
        await redis.set(`fallback:${key}`, JSON.stringify(record), 'PX', fallbackTtl).catch((e: unknown) => {
          throw stateUnavailable(e);
        });
      },
    },
    session: {
      async get() {
        const v = await redis.get('session').catch(() => null);
        return v ? (JSON.parse(v) as { accessToken: string; instanceUrl: string }) : null;
      },
      async set(session) {
        await redis.set('session', JSON.stringify(session)).catch(() => undefined);
      },
      async lock(ttlMs) {
        const token = randomUUID();
        // Without Redis, this replica logs in on its own (a login too many is better than none).
        const ok = await redis.set('session:lock', token, 'PX', ttlMs, 'NX').catch(() => 'OK');
        if (ok !== 'OK') return false;
        lockToken = token;
        return true;
      },
      async unlock() {
        const token = lockToken;
        lockToken = null;
        if (token) await redis.eval(RELEASE, 1, 'session:lock', token).catch(() => undefined);
      },
    },
    limitFlag: {
      async isOpen() {
        return (await redis.exists('limit-open').catch(() => 0)) === 1;
      },
      async open(forMs) {
        await redis.set('limit-open', '1', 'PX', Math.max(1, forMs)).catch(() => undefined);
      },
    },
    budget: (() => {
      // While Redis is down, this replica counts on its own (as the rate limits do).
      const local = memoryBudgetStore();
      return {
        async spend(role: Role, calls: number, now: number) {
          await local.spend(role, calls, now);
          const key = `budget:${role}:${hourOf(now)}`;
          await redis
            .multi()
            .incrby(key, calls)
            .pexpire(key, (HOURS + 1) * HOUR_MS)
            .exec()
            .catch(() => undefined);
        },
        async spent(now: number) {
          const hour = hourOf(now);
          const keys = ROLES.flatMap((r) => Array.from({ length: HOURS }, (_, i) => `budget:${r}:${hour - i}`));
          const values = await redis.mget(...keys).catch(() => null);
          if (!values) return local.spent(now);
          return Object.fromEntries(ROLES.map((r, j) => [r, values.slice(j * HOURS, (j + 1) * HOURS).reduce((n, v) => n + Number(v ?? 0), 0)])) as Record<
            Role,
            number
          >;
        },
        async orgUsage() {
          const v = await redis.get('budget:org').catch(() => null);
          return v ? (JSON.parse(v) as OrgUsage) : local.orgUsage();
        },
        async observeOrg(usage: OrgUsage) {
          await local.observeOrg(usage);
          await redis.set('budget:org', JSON.stringify(usage), 'PX', HOURS * HOUR_MS).catch(() => undefined);
        },
      };
    })(),
    replays: {
      async get(topic: string) {
        const v = await redis.get(`replay:${topic}`).catch(() => null);
        return v === null ? null : Number(v);
      },
      async set(topic: string, replayId: number) {
        // The highest wins: SET only when greater (replicas handle the same events).
        await redis.eval(KEEP_HIGHEST, 1, `replay:${topic}`, String(replayId)).catch(() => undefined);
      },
      async clear(topic: string) {
        await redis.del(`replay:${topic}`).catch(() => undefined);
      },
    },
    responses: {
      // A cache that cannot be read is a miss, and one that cannot be written is skipped:
      // answers come from Salesforce while Redis is down.
      async get(key) {
        const v = await redis.get(`response:${key}`).catch(() => null);
        return v ? (JSON.parse(v) as unknown) : null;
      },
      async keep(key: string, value: unknown, asOf: number, ttlMs: number) {
        if (ttlMs > 0) await redis.set(`known:${key}`, JSON.stringify({ value, asOf }), 'PX', Math.round(ttlMs)).catch(() => undefined);
      },
      async lastKnown(key: string) {
        const v = await redis.get(`known:${key}`).catch(() => null);
        return v ? (JSON.parse(v) as { value: unknown; asOf: number }) : null;
      },
      async generation() {
        const v = await redis.get('response-generation').catch(() => undefined);
        return v === undefined ? null : Number(v ?? 0);
      },
      async set(key, value, entities, ttlMs, since) {
        const ttl = Math.max(1, Math.round(ttlMs));
        // Each entity remembers the answers that hold it, for as long as they live.
        const keys = [`response:${key}`, ...entities.flatMap((e) => [`invalidated:${e}`, `entity:${e}`])];
        const stored = await redis.eval(STORE_ANSWER, keys.length, ...keys, JSON.stringify(value), ttl, since, key).catch(() => 0);
        return stored === 1;
      },
      async invalidate(entities) {
        // First the marks (so that no read in flight stores its answer after this), then the answers.
        const generation = await redis.incr('response-generation').catch(() => null);
        if (generation !== null) {
          const marks = redis.multi();
          for (const entity of entities) marks.set(`invalidated:${entity}`, generation, 'PX', INVALIDATION_MEMORY_MS);
          await marks.exec().catch(() => undefined);
        }
        for (const entity of entities) {
          const keys = await redis.smembers(`entity:${entity}`).catch(() => [] as string[]);
          await redis.del(`entity:${entity}`, ...keys.map((k) => `response:${k}`)).catch(() => undefined);
        }
      },
    },
    limiter: (name, points, duration) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: name,
        points,
        duration,
        // While Redis is down, each replica counts on its own.
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
      }),
    healthy: async () =>
      redis.status === 'ready' &&
      (await redis.ping().then(
        () => true,
        () => false,
      )),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
