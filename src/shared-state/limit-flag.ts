/**
 * The org's API limit, as all replicas see it: when one meets REQUEST_LIMIT_EXCEEDED, every
 * replica stops calling until the probe interval has passed.
 */
import type { Redis } from 'ioredis';
export interface LimitFlag {
  /** True while some replica saw the limit within the probe interval. */
  isOpen(): Promise<boolean>;
  open(forMs: number): Promise<void>;
}

export function memoryLimitFlag(clock: () => number = Date.now): LimitFlag {
  let until = 0;
  return {
    async isOpen() {
      return clock() < until;
    },
    async open(forMs) {
      until = clock() + forMs;
    },
  };
}

/** The flag in Redis, so that every replica stops when one meets the limit; closed while Redis is down. */
export function redisLimitFlag(redis: Redis): LimitFlag {
  return {
    async isOpen() {
      return (await redis.exists('limit-open').catch(() => 0)) === 1;
    },
    async open(forMs) {
      await redis.set('limit-open', '1', 'PX', Math.max(1, forMs)).catch(() => undefined);
    },
  };
}
