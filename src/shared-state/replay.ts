/**
 * Where a change-event subscription resumes: the replay id of the last event handled, per topic,
 * shared by the replicas (Redis) so that a restarted gateway resumes where any of them stopped.
 */
import type { Redis } from 'ioredis';
import { KEEP_HIGHEST } from './redis-scripts';
export interface ReplayStore {
  get(topic: string): Promise<number | null>;
  /** Keeps the highest replay id seen (replicas may report out of order). */
  set(topic: string, replayId: number): Promise<void>;
  clear(topic: string): Promise<void>;
}

export function memoryReplayStore(): ReplayStore {
  const ids = new Map<string, number>();
  return {
    get: async (topic) => ids.get(topic) ?? null,
    async set(topic, replayId) {
      if (replayId > (ids.get(topic) ?? -1)) ids.set(topic, replayId);
    },
    async clear(topic) {
      ids.delete(topic);
    },
  };
}

/** Replay ids in Redis: every replica resumes from the highest any of them handled. */
export function redisReplayStore(redis: Redis): ReplayStore {
  return {
    async get(topic) {
      const v = await redis.get(`replay:${topic}`).catch(() => null);
      return v === null ? null : Number(v);
    },
    async set(topic, replayId) {
      // The highest wins: SET only when greater (replicas handle the same events).
      await redis.eval(KEEP_HIGHEST, 1, `replay:${topic}`, String(replayId)).catch(() => undefined);
    },
    async clear(topic) {
      await redis.del(`replay:${topic}`).catch(() => undefined);
    },
  };
}
