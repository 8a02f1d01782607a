/**
 * The shared state in Redis, for several replicas (docs/operations.md, "Several replicas"). Every key carries
 * the deployment's prefix. Commands fail fast while Redis is down (no offline queue): reads then
 * go on without it (the session and the limit flag fall back to this process, rate limits to an
 * in-memory insurance limiter), and the writes that need a claim are refused, retryably.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { redisBudgetStore } from './budget';
import { redisClaims } from './claims';
import { redisFallbackKeys } from './fallback-keys';
import type { SharedState } from './index';
import { redisLimitFlag } from './limit-flag';
import { redisReplayStore } from './replay';
import type { ResponseStoreLimits } from './responses';
import { redisResponseStore } from './responses-redis';
import { redisSessionStore } from './session';

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

/** One client for every store: it fails fast while Redis is down (no offline queue) and reconnects by itself. */
async function connect(url: string, prefix: string): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix: prefix,
    // Commands issued in one tick go out in one write: a cached answer's rate-limit check, lookup
    // and activity share the socket with other requests' (about a fifth more cached answers a
    // second in bench/context.ts). Order per client is kept; MULTI and SUBSCRIBE are never batched.
    enableAutoPipelining: true,
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
  return redis;
}

/** Every store of the shared state, each in its own file beside its memory twin, on one Redis client. */
export async function redisSharedState(o: RedisStateOptions): Promise<SharedState & { redis: Redis }> {
  const prefix = o.keyPrefix ?? 'sfgw:';
  const redis = await connect(o.url, prefix);
  return {
    kind: 'redis',
    redis,
    claims: redisClaims(redis, o.claimTtlMs ?? 60_000),
    fallback: redisFallbackKeys(redis, o.fallbackTtlMs ?? 24 * 60 * 60_000),
    session: redisSessionStore(redis),
    limitFlag: redisLimitFlag(redis),
    budget: redisBudgetStore(redis),
    replays: redisReplayStore(redis),
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
