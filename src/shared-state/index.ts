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

export interface SharedState {
  /** `memory` or `redis`. */
  kind: 'memory' | 'redis';
  claims: Claims;
  fallback: FallbackKeyStore;
  session: SessionStore;
  limitFlag: LimitFlag;
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
    limiter: (name, points, duration) => new RateLimiterMemory({ keyPrefix: name, points, duration }),
    healthy: async () => true,
    close: async () => {},
  };
}
