/**
 * Idempotency claims: while the first call with a key runs, a second one gets IN_PROGRESS
 * instead of racing it. This store holds them in this process's memory.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { stateUnavailable } from '../domain/errors';
import { RELEASE } from './redis-scripts';
export interface Claims {
  /** True when the key was free and is now held by the caller. */
  claim(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
}

export function memoryClaims(): Claims {
  const held = new Set<string>();
  return {
    async claim(key) {
      if (held.has(key)) return false;
      held.add(key);
      return true;
    },
    async release(key) {
      held.delete(key);
    },
  };
}

/** Claims in Redis, for every replica: one holder per key; a crashed holder's claim expires after `ttlMs`. */
export function redisClaims(redis: Redis, ttlMs: number): Claims {
  const held = new Map<string, string>();
  return {
    async claim(key) {
      const token = randomUUID();
      try {
        const ok = await redis.set(`claim:${key}`, token, 'PX', ttlMs, 'NX');
        if (ok !== 'OK') return false;
      } catch (e) {
        throw stateUnavailable(e);
      }
      held.set(key, token);
      return true;
    },
    async release(key) {
      const token = held.get(key);
      held.delete(key);
      // If Redis is gone the claim expires by itself.
      if (token) await redis.eval(RELEASE, 1, `claim:${key}`, token).catch(() => undefined);
    },
  };
}
