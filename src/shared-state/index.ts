/**
 * What replicas must share, in one place: idempotency claims, the fallback key store, the
 * Salesforce session, the API-limit flag, the rate-limit counters and the response cache. In
 * memory by default; in Redis when REDIS_URL is set (shared-state/redis.ts).
 */
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { memoryBudgetStore, type BudgetStore } from './budget';
import { memoryClaims, type Claims } from './claims';
import { memoryFallbackKeys, type FallbackKeyStore } from './fallback-keys';
import { memoryLimitFlag, type LimitFlag } from './limit-flag';
import { memoryReplayStore, type ReplayStore } from './replay';
import { memorySessionStore, type SessionStore } from './session';
import { memoryResponseStore, type ResponseStore, type ResponseStoreLimits } from './responses';

export { INVALIDATION_MEMORY_MS, memoryResponseStore, type ResponseStore, type ResponseStoreLimits, type StoredAnswer } from './responses';

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
  /**
   * Redis's `maxmemory-policy`, or null when it cannot be read (memory, or CONFIG is not allowed).
   * Anything but `noeviction` may evict claims, budget counters or the session.
   */
  evictionPolicy(): Promise<string | null>;
  close(): Promise<void>;
}

export function memorySharedState(limits: ResponseStoreLimits = {}): SharedState {
  return {
    kind: 'memory',
    claims: memoryClaims(),
    fallback: memoryFallbackKeys(),
    session: memorySessionStore(),
    limitFlag: memoryLimitFlag(),
    budget: memoryBudgetStore(),
    replays: memoryReplayStore(),
    responses: memoryResponseStore(limits),
    limiter: (name, points, duration) => new RateLimiterMemory({ keyPrefix: name, points, duration }),
    healthy: async () => true,
    evictionPolicy: async () => null,
    close: async () => {},
  };
}
