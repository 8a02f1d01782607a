/**
 * What replicas must share, in one place: idempotency claims, the fallback key store, the
 * Salesforce session, the API-limit flag, the rate-limit counters and the response cache. In
 * memory by default; in Redis when REDIS_URL is set (shared-state/redis.ts).
 */
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { memoryBudgetStore, type BudgetStore } from './budget';
import { memoryClaims, type Claims } from './claims';
import { memoryFallbackKeys, type FallbackKeyStore } from './fallback-keys';
import { memoryLimitFlag, type LimitFlag } from './limit-flag';
import { memoryReplayStore, type ReplayStore } from './replay';
import { memorySessionStore, type SessionStore } from './session';

/**
 * Cached GraphQL answers by key, each tagged with the entities it holds (`Customer:003…`), so that
 * a write can drop every answer that showed what it changed.
 *
 * Invalidations are numbered (a generation): a read notes the generation before it reads
 * Salesforce, and its answer is stored only if none of its entities was invalidated since, so a
 * read in flight while a write lands never writes its old answer back (issue 19, item 7).
 */
export interface ResponseStore {
  get(key: string): Promise<unknown>;
  /** The current generation; null when it cannot be read (then nothing is stored). */
  generation(): Promise<number | null>;
  /** Stores the answer unless one of `entities` was invalidated after generation `since`. */
  set(key: string, value: unknown, entities: string[], ttlMs: number, since: number): Promise<boolean>;
  invalidate(entities: string[]): Promise<void>;
  /** Keeps an answer as the last known one for `ttlMs`, whatever invalidates it (stale-if-error). */
  keep(key: string, value: unknown, asOf: number, ttlMs: number): Promise<void>;
  /** The last known answer for a key, with when it was read from Salesforce. */
  lastKnown(key: string): Promise<{ value: unknown; asOf: number } | null>;
}

/** How long an invalidation is remembered: longer than any read can take. */
export const INVALIDATION_MEMORY_MS = 10 * 60_000;

export interface SharedState {
  /** `memory` or `redis`. */
  kind: 'memory' | 'redis';
  claims: Claims;
  fallback: FallbackKeyStore;
  session: SessionStore;
  limitFlag: LimitFlag;
  /** The org's daily budget: calls per role, and the org's use. */
  budget: BudgetStore;
  /** Where change-event subscriptions resume. */
  replays: ReplayStore;
  /** Cached answers: shared by the replicas in Redis, or this process's own. */
  responses: ResponseStore;
  /** A counter for rate limits: `points` per `durationSec`, under `name`. */
  limiter(name: string, points: number, durationSec: number): RateLimiterAbstract;
  /** Whether the store answers (always true in memory). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export function memorySharedState(): SharedState {
  return {
    kind: 'memory',
    claims: memoryClaims(),
    fallback: memoryFallbackKeys(),
    session: memorySessionStore(),
    limitFlag: memoryLimitFlag(),
    budget: memoryBudgetStore(),
    replays: memoryReplayStore(),
    responses: memoryResponseStore(),
    limiter: (name, points, duration) => new RateLimiterMemory({ keyPrefix: name, points, duration }),
    healthy: async () => true,
    close: async () => {},
  };
}

/** Cached answers in this process (bounded, least recently used first out). */
export function memoryResponseStore(maxEntries = 10_000): ResponseStore {
  const answers = new LRUCache<string, { value: unknown; entities: string[] }>({ max: maxEntries });
  const byEntity = new Map<string, Set<string>>();
  const invalidated = new LRUCache<string, number>({ max: 100_000, ttl: INVALIDATION_MEMORY_MS });
  const known = new LRUCache<string, { value: unknown; asOf: number }>({ max: maxEntries });
  let generation = 0;
  return {
    async keep(key, value, asOf, ttlMs) {
      if (ttlMs > 0) known.set(key, { value, asOf }, { ttl: ttlMs });
    },
    lastKnown: async (key) => known.get(key) ?? null,
    get: async (key) => answers.get(key)?.value ?? null,
    generation: async () => generation,
    async set(key, value, entities, ttlMs, since) {
      if (entities.some((e) => (invalidated.get(e) ?? -1) > since)) return false;
      answers.set(key, { value, entities }, { ttl: Math.max(1, Math.round(ttlMs)) });
      for (const e of entities) byEntity.set(e, (byEntity.get(e) ?? new Set()).add(key));
      return true;
    },
    async invalidate(entities) {
      generation++;
      for (const e of entities) {
        invalidated.set(e, generation);
        for (const key of byEntity.get(e) ?? []) answers.delete(key);
        byEntity.delete(e);
      }
    },
  };
}
