/**
 * What replicas must share, in one place: idempotency claims, the fallback key store, the
 * Salesforce session, the API-limit flag, the rate-limit counters and the response cache. In
 * memory by default; in Redis when REDIS_URL is set (shared-state/redis.ts).
 */
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { memoryClaims, type Claims } from './claims';
import { memoryFallbackKeys, type FallbackKeyStore } from './fallback-keys';
import { memoryLimitFlag, type LimitFlag } from './limit-flag';
import { memorySessionStore, type SessionStore } from './session';

/**
 * Cached GraphQL answers by key, each tagged with the entities it holds (`Customer:003…`), so that
 * a write can drop every answer that showed what it changed.
 */
export interface ResponseStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, entities: string[], ttlMs: number): Promise<void>;
  invalidate(entities: string[]): Promise<void>;
}

export interface SharedState {
  /** `memory` or `redis`. */
  kind: 'memory' | 'redis';
  claims: Claims;
  fallback: FallbackKeyStore;
  session: SessionStore;
  limitFlag: LimitFlag;
  /** Cached answers shared by the replicas; null: each replica caches in its own memory. */
  responses: ResponseStore | null;
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
    responses: null,
    limiter: (name, points, duration) => new RateLimiterMemory({ keyPrefix: name, points, duration }),
    healthy: async () => true,
    close: async () => {},
  };
}
