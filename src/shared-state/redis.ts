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
import type { SharedState } from './index';
import type { ResponseStoreLimits } from './responses';
import { redisResponseStore } from './responses-redis';

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
  /** The response cache's caps. */
  responses?: ResponseStoreLimits;
}

export async function redisSharedState(o: RedisStateOptions): Promise<SharedState & { redis: Redis }> {
  const prefix = o.keyPrefix ?? 'sfgw:';
  const redis = new Redis(o.url, {
    keyPrefix: prefix,
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
          const own = (await local.spent(now))!;
          if (!values) return own;
          // Redis restarted without persistence (or lost the keys): the shares never read less
          // than this process counted itself, and what it counted is written back for the others.
          const shared = Object.fromEntries(
            ROLES.map((r, j) => [r, values.slice(j * HOURS, (j + 1) * HOURS).reduce((n, v) => n + Number(v ?? 0), 0)]),
          ) as Record<Role, number>;
          const behind = ROLES.filter((r) => shared[r] < own[r]);
          if (behind.length > 0) {
            const fix = redis.multi();
            for (const r of behind) fix.incrby(`budget:${r}:${hour}`, own[r] - shared[r]).pexpire(`budget:${r}:${hour}`, (HOURS + 1) * HOUR_MS);
            await fix.exec().catch(() => undefined);
          }
          return Object.fromEntries(ROLES.map((r) => [r, Math.max(shared[r], own[r])])) as Record<Role, number>;
        },
        async orgUsage() {
          const v = await redis.get('budget:org').catch(() => undefined);
          if (v) return JSON.parse(v) as OrgUsage;
          // Redis lost it (or is down): what this process saw stands, and goes back for the others.
          const own = await local.orgUsage();
          if (v === null && own) await redis.set('budget:org', JSON.stringify(own), 'PX', HOURS * HOUR_MS).catch(() => undefined);
          return own;
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
    responses: redisResponseStore(redis, prefix, o.responses),
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
    async evictionPolicy() {
      const reply = (await redis.config('GET', 'maxmemory-policy').catch(() => null)) as string[] | null;
      return reply && reply.length >= 2 ? String(reply[1]) : null;
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
