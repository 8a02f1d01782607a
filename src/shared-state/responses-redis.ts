/**
 * The response cache's store in Redis, shared by the replicas (see responses.ts for what it
 * keeps). Its footprint is bounded by the gateway itself, not by Redis's eviction: a sorted set
 * of answer keys by age is capped, and storing past the cap evicts the oldest with their tag
 * memberships, in one script. Claims, budget counters and the session are therefore never
 * evicted to make room (Redis runs `noeviction`; docs/operations.md, "Sizing Redis").
 *
 * Keys (under the deployment's prefix): `answer:<key>` the answer with when it was stored and the
 * epoch it belongs to; `atags:<key>` its tags; `tag:<tag>` the answers carrying a tag;
 * `answers` and `knowns` the capped indexes; `known:<key>` last known answers; `inval:<tag>`
 * invalidation marks; `response-generation`; `cache-epoch` (bumped to drop everything at once).
 */
import type { Redis } from 'ioredis';
import { INVALIDATION_MEMORY_MS, type ResponseStore, type ResponseStoreLimits } from './responses';

/** Answers kept past this age are evicted as the cap's index is maintained (longer than any TTL). */
const MAX_AGE_MS = 25 * 60 * 60_000;

/**
 * Stores an answer unless one of its tags was invalidated after the read began, then evicts past
 * the cap (and what is older than MAX_AGE_MS), each with its tag memberships.
 * KEYS: answers index, answer, its tags, then per tag its invalidation mark and its set.
 * ARGV: envelope, ttl (ms), generation the read began at, the key, now, cap, prefix, tags ("\n"-joined), max age.
 */
const STORE = `
local since = tonumber(ARGV[3])
for i = 4, #KEYS, 2 do
  local mark = redis.call('get', KEYS[i])
  if mark and tonumber(mark) > since then return 0 end
end
local prefix = ARGV[7]
local function untag(k)
  local old = redis.call('get', prefix .. 'atags:' .. k)
  if old then
    for t in string.gmatch(old, '[^\\n]+') do redis.call('srem', prefix .. 'tag:' .. t, k) end
  end
end
local function evict(k)
  untag(k)
  redis.call('del', prefix .. 'answer:' .. k, prefix .. 'atags:' .. k)
end
untag(ARGV[4])
redis.call('set', KEYS[2], ARGV[1], 'PX', ARGV[2])
redis.call('set', KEYS[3], ARGV[8])
for i = 5, #KEYS, 2 do
  redis.call('sadd', KEYS[i], ARGV[4])
  redis.call('pexpire', KEYS[i], ARGV[2], 'GT')
  redis.call('pexpire', KEYS[i], ARGV[2], 'NX')
end
redis.call('zadd', KEYS[1], ARGV[5], ARGV[4])
local old = redis.call('zrangebyscore', KEYS[1], '-inf', tonumber(ARGV[5]) - tonumber(ARGV[9]), 'LIMIT', 0, 20)
for _, k in ipairs(old) do
  redis.call('zrem', KEYS[1], k)
  evict(k)
end
local over = redis.call('zcard', KEYS[1]) - tonumber(ARGV[6])
if over > 0 then
  local popped = redis.call('zpopmin', KEYS[1], over)
  for i = 1, #popped, 2 do evict(popped[i]) end
end
return 1`;

/** Drops the answers of each tag. KEYS: the tags' sets. ARGV: prefix. */
const INVALIDATE = `
for i = 1, #KEYS do
  local keys = redis.call('smembers', KEYS[i])
  for _, k in ipairs(keys) do redis.call('del', ARGV[1] .. 'answer:' .. k) end
  redis.call('del', KEYS[i])
end
return 1`;

/** Keeps a last known answer under the cap. KEYS: knowns index, known. ARGV: value, ttl, key, now, cap, prefix. */
const KEEP = `
redis.call('set', KEYS[2], ARGV[1], 'PX', ARGV[2])
redis.call('zadd', KEYS[1], ARGV[4], ARGV[3])
local over = redis.call('zcard', KEYS[1]) - tonumber(ARGV[5])
if over > 0 then
  local popped = redis.call('zpopmin', KEYS[1], over)
  for i = 1, #popped, 2 do redis.call('del', ARGV[6] .. 'known:' .. popped[i]) end
end
return 1`;

interface Envelope {
  v: unknown;
  at: number;
  /** The epoch it belongs to: a bumped epoch drops it. */
  e: number;
  /** Lives long only because change events keep it fresh. */
  b: boolean;
}

export function redisResponseStore(redis: Redis, prefix: string, limits: ResponseStoreLimits = {}, clock: () => number = Date.now): ResponseStore {
  const cap = limits.maxEntries ?? 10_000;
  // A cache that cannot be read is a miss, and one that cannot be written is skipped: answers
  // come from Salesforce while Redis is down.
  return {
    async get(key) {
      const [raw, epoch] = (await redis.mget(`answer:${key}`, 'cache-epoch').catch(() => [null, null])) as (string | null)[];
      if (!raw) return null;
      const e = JSON.parse(raw) as Envelope;
      return e.e < Number(epoch ?? 0) ? null : { value: e.v, storedAt: e.at, byEvents: e.b };
    },
    async generation() {
      const v = await redis.get('response-generation').catch(() => undefined);
      return v === undefined ? null : Number(v ?? 0);
    },
    async set(key, value, tags, ttlMs, since, storedAt, byEvents) {
      const epoch = await redis.get('cache-epoch').catch(() => undefined);
      if (epoch === undefined) return false;
      const ttl = Math.max(1, Math.round(ttlMs));
      const keys = ['answers', `answer:${key}`, `atags:${key}`, ...tags.flatMap((t) => [`inval:${t}`, `tag:${t}`])];
      const envelope: Envelope = { v: value, at: storedAt, e: Number(epoch ?? 0), b: byEvents };
      const stored = await redis
        .eval(STORE, keys.length, ...keys, JSON.stringify(envelope), ttl, since, key, clock(), cap, prefix, tags.join('\n'), MAX_AGE_MS)
        .catch(() => 0);
      return stored === 1;
    },
    async invalidate(tags) {
      if (tags.length === 0) return;
      // First the marks (so that no read in flight stores its answer after this), then the answers.
      const generation = await redis.incr('response-generation').catch(() => null);
      if (generation !== null) {
        const marks = redis.multi();
        for (const t of tags) marks.set(`inval:${t}`, generation, 'PX', INVALIDATION_MEMORY_MS);
        await marks.exec().catch(() => undefined);
      }
      await redis.eval(INVALIDATE, tags.length, ...tags.map((t) => `tag:${t}`), prefix).catch(() => undefined);
    },
    async dropAll() {
      await redis.incr('response-generation').catch(() => undefined);
      await redis.incr('cache-epoch').catch(() => undefined);
    },
    async keep(key, value, asOf, ttlMs) {
      if (ttlMs <= 0) return;
      await redis.eval(KEEP, 2, 'knowns', `known:${key}`, JSON.stringify({ value, asOf }), Math.round(ttlMs), key, clock(), cap, prefix).catch(() => undefined);
    },
    async lastKnown(key) {
      const v = await redis.get(`known:${key}`).catch(() => null);
      return v ? (JSON.parse(v) as { value: unknown; asOf: number }) : null;
    },
    async size() {
      const [answers, known] = await Promise.all([redis.zcard('answers').catch(() => 0), redis.zcard('knowns').catch(() => 0)]);
      return { answers, known, cap };
    },
  };
}
